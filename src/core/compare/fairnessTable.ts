// The fairness table: two manifests field by field (formats.md section 2, rule 5), with the declared
// experiment parameter allowed to differ and startup flags compared as an unordered set.
import type { FairnessGroup, FairnessRow } from './comparisonSchema';
import { experimentFromNotes, isExperimentField, normalizeParameter, parameterNames, type DeclaredExperiment } from './declaredExperiment';
import { manifestValue, type RunEvidence } from './runEvidence';
import { canonicalValue, parseStartupCommand, type StartupCommand } from './startupFlags';

type Compare = 'text' | 'caseless' | 'number' | 'boolean' | 'list';

interface FieldSpec {
  readonly field: string;
  readonly group: FairnessGroup;
  readonly section: string;
  readonly key: string;
  readonly compare: Compare;
  /** Required for run kinds that measure performance ('perf') or accuracy ('accuracy'). */
  readonly requiredFor?: readonly ('perf' | 'accuracy')[];
}

const F = (group: FairnessGroup, section: string, key: string, compare: Compare, requiredFor?: FieldSpec['requiredFor']): FieldSpec => ({
  field: key,
  group,
  section,
  key,
  compare,
  requiredFor,
});

const BOTH = ['perf', 'accuracy'] as const;
const PERF = ['perf'] as const;

/** Manifest fields compared one to one, in table order. */
export const FAIRNESS_FIELDS: readonly FieldSpec[] = [
  F('devices', 'Environment', 'physical_device_ids', 'list'),
  F('devices', 'Environment', 'ASCEND_RT_VISIBLE_DEVICES', 'list'),
  F('devices', 'Environment', 'NPU model', 'caseless', BOTH),
  F('code', 'Code', 'framework', 'caseless', BOTH),
  F('model', 'Model', 'model_name', 'text'),
  F('model', 'Model', 'model_path', 'text'),
  F('model', 'Model', 'tokenizer_path', 'text'),
  F('model', 'Model', 'dtype', 'caseless', BOTH),
  F('model', 'Model', 'tensor_parallel', 'number', PERF),
  F('model', 'Model', 'pipeline_parallel', 'number'),
  F('model', 'Model', 'speculative_tokens', 'number'),
  F('model', 'Model', 'draft_model_path', 'text'),
  F('workload', 'Workload', 'dataset', 'caseless', BOTH),
  F('workload', 'Workload', 'input_tokens', 'number'),
  F('workload', 'Workload', 'output_tokens', 'number'),
  F('workload', 'Workload', 'parallel', 'number', PERF),
  F('workload', 'Workload', 'number', 'number', PERF),
  F('workload', 'Workload', 'max_tokens', 'number'),
  F('workload', 'Workload', 'warmup_num', 'number'),
  F('workload', 'Workload', 'stream', 'boolean'),
  F('sampling', 'Workload', 'temperature', 'number'),
  F('sampling', 'Workload', 'top_p', 'number'),
  F('sampling', 'Workload', 'top_k', 'number'),
  F('sampling', 'Workload', 'seed', 'number'),
  F('service', 'Service', 'graph_enabled', 'boolean'),
  F('service', 'Service', 'schedule_overlap', 'boolean'),
  F('service', 'Service', 'chunked_prefill', 'boolean'),
  F('service', 'Service', 'prefix_cache', 'boolean'),
  F('service', 'Service', 'block_size', 'number'),
  F('service', 'Service', 'max_memory_utilization', 'number'),
  F('service', 'Service', 'max_tokens_per_batch', 'number'),
  F('service', 'Service', 'max_seqs_per_batch', 'number'),
];

/** At least one of these must be recorded for the pair to show it used the same devices. */
const DEVICE_FIELDS = ['physical_device_ids', 'ASCEND_RT_VISIBLE_DEVICES'];
const MODEL_FIELDS = ['model_name', 'model_path'];

const ABSENT = '(absent)';

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

function normalize(value: string, compare: Compare): string {
  const v = value.trim().replace(/\s+/g, ' ');
  switch (compare) {
    case 'caseless':
      return v.toLowerCase();
    case 'number':
      return canonicalValue(v);
    case 'boolean': {
      const l = v.toLowerCase();
      return TRUE.has(l) ? 'true' : FALSE.has(l) ? 'false' : l;
    }
    case 'list':
      return v
        .replace(/^\[|\]$/g, '')
        .split(/[,\s]+/)
        .filter(Boolean)
        .map((d) => canonicalValue(d))
        .join(',');
    case 'text':
      return v.replace(/\/+$/, '');
  }
}

const QUANT_FLAGS = ['quantization', 'quant', 'quantize', 'quant_method', 'quantization_method'];
const QUANT_DTYPE = /(w\d+a\d+|int[48]|fp8|mxfp|awq|gptq|smoothquant|quant)/i;

/** Quantization as the run states it: a quantization flag, else a quantized dtype, else 'none' when dtype is known. */
export function quantizationOf(dtype: string, startup: StartupCommand): string {
  for (const k of QUANT_FLAGS) {
    const f = startup.flags.get(k);
    if (f) return `${f.value} (${f.flag})`;
  }
  const m = QUANT_DTYPE.exec(dtype);
  if (m) return `${m[1].toLowerCase()} (dtype)`;
  return dtype ? 'none' : '';
}

function row(group: FairnessGroup, field: string, label: string, baseline: string, current: string, equal: boolean, names: readonly string[], experiment: string | null, required: boolean): FairnessRow {
  const unknown = baseline === '' && current === '';
  const allowed = isExperimentField(names, experiment);
  const status = unknown ? 'unknown' : equal ? 'equal' : allowed ? 'allowed' : 'different';
  return { group, field, label, baseline, current, equal, allowed, status, required };
}

/** Whether a name is a parameter the fairness table compares (a manifest key, an alias or a startup flag). */
function knownParameter(name: string, flags: ReadonlySet<string>): boolean {
  const names = parameterNames(name);
  if (names.some((n) => flags.has(n))) return true;
  const keys = new Set([...FAIRNESS_FIELDS.map((f) => normalizeParameter(f.key)), 'quantization', 'startup_command']);
  return names.some((n) => keys.has(n));
}

/** The experiment: the option when given, else the parameter fairness_notes names (current run first). */
export function declaredExperiment(baseline: RunEvidence, current: RunEvidence, option?: string | null): DeclaredExperiment {
  if (option && option.trim()) return { field: option.trim(), source: 'option' };
  const flags = new Set<string>();
  for (const run of [baseline, current]) for (const k of parseStartupCommand(manifestValue(run, 'Service', 'startup_command')).flags.keys()) flags.add(k);
  for (const run of [current, baseline]) {
    const found = experimentFromNotes(manifestValue(run, 'Comparison', 'fairness_notes'), (n) => knownParameter(n, flags));
    if (found) return { field: found, source: 'fairness_notes' };
  }
  return { field: null, source: 'none' };
}

export interface FairnessTable {
  readonly rows: readonly FairnessRow[];
  readonly fair: boolean;
  readonly differences: readonly string[];
  readonly unknown: readonly string[];
}

function requiredFor(kind: string): 'perf' | 'accuracy' | null {
  if (kind === 'perf' || kind === 'eval') return 'perf';
  if (kind === 'accuracy') return 'accuracy';
  return null;
}

/** The startup command row, then one row per flag and per environment assignment of either command. */
function startupRows(bCmd: string, cCmd: string, bStart: StartupCommand, cStart: StartupCommand, experiment: string | null, required: boolean): FairnessRow[] {
  const detail: FairnessRow[] = [];
  if (bCmd && cCmd) {
    if ((bStart.program ?? '') !== (cStart.program ?? '')) detail.push(row('startup', 'startup:program', 'program', bStart.program ?? '', cStart.program ?? '', false, ['program'], experiment, false));
    for (const key of [...new Set([...bStart.flags.keys(), ...cStart.flags.keys()])].sort()) {
      const bf = bStart.flags.get(key);
      const cf = cStart.flags.get(key);
      const equal = !!bf && !!cf && canonicalValue(bf.value) === canonicalValue(cf.value);
      // A flag on one side only is spelled out as absent, so it never reads as "not recorded".
      detail.push(row('startup', `startup:${key}`, (bf ?? cf)!.flag, bf?.value ?? ABSENT, cf?.value ?? ABSENT, equal, [key], experiment, false));
    }
    for (const name of [...new Set([...Object.keys(bStart.env), ...Object.keys(cStart.env)])].sort()) {
      const bv = bStart.env[name];
      const cv = cStart.env[name];
      detail.push(row('startup', `startup_env:${name}`, `${name}=`, bv ?? ABSENT, cv ?? ABSENT, bv === cv, [name], experiment, false));
    }
  }
  const unknown = !bCmd && !cCmd;
  const equal = unknown || (!!bCmd && !!cCmd && detail.every((r) => r.equal));
  const allowed = isExperimentField(['startup_command'], experiment) || (!!bCmd && !!cCmd && detail.filter((r) => !r.equal).every((r) => r.allowed));
  const status = unknown ? 'unknown' : equal ? 'equal' : allowed ? 'allowed' : 'different';
  return [{ group: 'startup', field: 'startup_command', label: 'startup_command', baseline: bCmd, current: cCmd, equal, allowed, status, required }, ...detail];
}

/** Compares two runs field by field; `experiment` is the one parameter allowed to differ. */
export function fairnessTable(baseline: RunEvidence, current: RunEvidence, experiment: string | null): FairnessTable {
  const measure = requiredFor(current.kind) ?? requiredFor(baseline.kind);
  const rows: FairnessRow[] = [];
  for (const spec of FAIRNESS_FIELDS) {
    const b = manifestValue(baseline, spec.section, spec.key);
    const c = manifestValue(current, spec.section, spec.key);
    const required = !!measure && !!spec.requiredFor?.includes(measure);
    rows.push(row(spec.group, spec.field, spec.key, b, c, normalize(b, spec.compare) === normalize(c, spec.compare), [spec.key], experiment, required));
  }

  const bCmd = manifestValue(baseline, 'Service', 'startup_command');
  const cCmd = manifestValue(current, 'Service', 'startup_command');
  const bStart = parseStartupCommand(bCmd);
  const cStart = parseStartupCommand(cCmd);

  const bQuant = quantizationOf(manifestValue(baseline, 'Model', 'dtype'), bStart);
  const cQuant = quantizationOf(manifestValue(current, 'Model', 'dtype'), cStart);
  const dtypeAt = rows.findIndex((r) => r.field === 'dtype');
  rows.splice(dtypeAt + 1, 0, row('model', 'quantization', 'quantization', bQuant, cQuant, bQuant.replace(/ \(.*\)$/, '') === cQuant.replace(/ \(.*\)$/, ''), ['quantization'], experiment, false));

  rows.push(...startupRows(bCmd, cCmd, bStart, cStart, experiment, measure === 'perf'));

  // The whole command row differs only through its flag rows: list those, not the command twice.
  const hasStartupDetail = rows.some((r) => r.group === 'startup' && r.field !== 'startup_command' && r.status === 'different');
  const differences = rows.filter((r) => r.status === 'different' && !(r.field === 'startup_command' && hasStartupDetail)).map((r) => r.label);
  const unknown = rows.filter((r) => r.required && r.status === 'unknown').map((r) => r.label);
  if (measure && rows.filter((r) => DEVICE_FIELDS.includes(r.field)).every((r) => r.status === 'unknown')) unknown.unshift('physical_device_ids / ASCEND_RT_VISIBLE_DEVICES');
  if (measure && rows.filter((r) => MODEL_FIELDS.includes(r.field)).every((r) => r.status === 'unknown')) unknown.push('model_name / model_path');
  return { rows, fair: differences.length === 0 && unknown.length === 0, differences, unknown };
}
