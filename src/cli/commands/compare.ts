// `xwf compare <baseline run> <current run>`: fairness, metrics against tolerance and the verdict.
import * as path from 'node:path';
import { compareMessage } from '../../core/compare/compareMessages';
import type { Comparison, FairnessRow, VerdictReason } from '../../core/compare/comparisonSchema';
import { loadRunEvidence, RunNotFoundError } from '../../core/compare/loadRunEvidence';
import { formatDelta, formatValue, metricLabel } from '../../core/compare/metricFormat';
import type { RunEvidence } from '../../core/compare/runEvidence';
import { compareRuns, type CompareOptions } from '../../core/compare/runComparison';
import { toleranceProblem, type Tolerances } from '../../core/compare/tolerance';
import { EXIT, EnvironmentError, UsageError, writeJson, type CliCommand, type CliIO, type CommandInput } from '../command';

/** Options `compare` and `pr-evidence` share. */
export const COMPARE_OPTIONS = {
  experiment: { type: 'string' },
  'tolerance-throughput': { type: 'string' },
  'tolerance-latency': { type: 'string' },
  'tolerance-accuracy': { type: 'string' },
} as const;

export const COMPARE_OPTION_HELP: Record<string, string> = {
  experiment: 'the one parameter allowed to differ (manifest key or startup flag); default: what fairness_notes names',
  'tolerance-throughput': 'throughput passes when current >= this x baseline (default 0.95)',
  'tolerance-latency': 'TTFT/TPOT/ITL pass when current <= this x baseline (default 1.05)',
  'tolerance-accuracy': 'accuracy passes when current >= baseline - this (default 0.02)',
};

function numberOption(values: CommandInput['values'], name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(n)) throw new UsageError(`--${name} expects a number, got '${String(raw)}'`);
  return n;
}

/** The comparison options given on the command line; a bad value is a usage error. */
export function compareOptionsFrom(values: CommandInput['values']): CompareOptions {
  const tolerances: Partial<Tolerances> = {
    throughput: numberOption(values, 'tolerance-throughput'),
    latency: numberOption(values, 'tolerance-latency'),
    accuracy: numberOption(values, 'tolerance-accuracy'),
  };
  const problem = toleranceProblem(tolerances);
  if (problem) throw new UsageError(problem);
  const experiment = values.experiment;
  if (experiment !== undefined && (typeof experiment !== 'string' || !experiment.trim())) throw new UsageError('--experiment expects a parameter name');
  return { tolerances, experiment: typeof experiment === 'string' ? experiment : null };
}

/** Loads a run root given on the command line; a missing one is an environment error (exit 3). */
export async function loadRunArg(io: CliIO, arg: string): Promise<RunEvidence> {
  try {
    return await loadRunEvidence(path.resolve(io.cwd, arg));
  } catch (e) {
    if (e instanceof RunNotFoundError) throw new EnvironmentError(`${arg}: ${e.message.slice(e.runRoot.length + 2)}`);
    throw e;
  }
}

/** Display width: CJK characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function table(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - width(c)))).join('  ').trimEnd()).join('\n') + '\n';
}

function clip(s: string, max = 48): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

const EFFECT_MARK: Record<VerdictReason['effect'], string> = { SMOKE_ONLY: 'S', INCONCLUSIVE: '?', FAIL: '✗', note: 'i' };

export function printComparison(io: CliIO, cmp: Comparison, showAll = false): void {
  const zh = io.locale === 'zh-cn';
  const msg = (r: { message_en: string; message_zh: string }) => (zh ? r.message_zh : r.message_en);
  const facts = (run: Comparison['baseline']) =>
    compareMessage(
      io.locale,
      'run_facts',
      run.level ?? '?',
      run.warmup_num ?? '?',
      run.gate.verdict ?? compareMessage(io.locale, run.gate.present ? 'gate_state_present' : 'gate_state_absent'),
    );
  io.out(table([
    [zh ? '基线' : 'baseline', cmp.baseline.run_id, facts(cmp.baseline), cmp.baseline.root],
    [zh ? '当前' : 'current', cmp.current.run_id, facts(cmp.current), cmp.current.root],
  ], ''));
  io.out(`\n${zh ? '结论' : 'Verdict'}: ${cmp.verdict}\n`);
  for (const r of cmp.reasons) io.out(`  ${EFFECT_MARK[r.effect]} [${r.code}] ${msg(r)}\n`);
  if (!cmp.gain.allowed) io.out(`  ${compareMessage(io.locale, 'gain_withheld_short')}\n`);

  const f = cmp.fairness;
  const count = (s: FairnessRow['status']) => f.rows.filter((r) => r.status === s).length;
  const experiment = cmp.experiment.field ? `${cmp.experiment.field} (${cmp.experiment.source})` : zh ? '未声明' : 'none declared';
  io.out(
    zh
      ? `\n公平性：${f.fair ? '公平' : '不公平'}（${count('equal')} 相同，${count('different')} 不同，${count('allowed')} 为实验变量，${count('unknown')} 未记录）；实验变量：${experiment}\n`
      : `\nFairness: ${f.fair ? 'fair' : 'NOT fair'} (${count('equal')} equal, ${count('different')} different, ${count('allowed')} experiment, ${count('unknown')} unknown); experiment: ${experiment}\n`,
  );
  const shown = f.rows.filter((r) => showAll || r.status === 'different' || r.status === 'allowed' || (r.status === 'unknown' && r.required));
  if (shown.length) {
    io.out(table([[zh ? '字段' : 'field', zh ? '基线' : 'baseline', zh ? '当前' : 'current', zh ? '状态' : 'status'], ...shown.map((r) => [r.label, clip(r.baseline || '—'), clip(r.current || '—'), r.status])]));
  }

  for (const level of cmp.levels) {
    const rows = cmp.metrics.filter((m) => m.level === level.key);
    const label = zh ? level.label_zh : level.label_en;
    if (!rows.length) {
      const where = level.in_baseline ? (zh ? '仅基线' : 'baseline only') : zh ? '仅当前' : 'current only';
      io.out(`\n${label}: ${where}\n`);
      continue;
    }
    io.out(`\n${label}\n`);
    const header = [zh ? '指标' : 'metric', zh ? '统计' : 'stat', zh ? '基线' : 'baseline', zh ? '当前' : 'current', 'Δ', zh ? '界限' : 'limit', zh ? '检查' : 'check'];
    io.out(
      table([
        header,
        ...rows.map((r) => [
          metricLabel(r.metric),
          r.stat,
          formatValue(r.baseline, r.unit),
          formatValue(r.current, r.unit),
          formatDelta(r),
          r.limit === null ? '—' : `${r.better === 'lower' ? '<=' : '>='} ${formatValue(r.limit, r.unit)}`,
          `${r.status}${r.gating ? ' *' : ''}`,
        ]),
      ]),
    );
  }
  if (cmp.metrics.some((r) => r.gating)) io.out(zh ? '\n* 决定结论的指标\n' : '\n* decides the verdict\n');
}

export const compareCommand: CliCommand = {
  name: 'compare',
  summary: { en: 'Compare a baseline and a current run: fairness, metrics against tolerance, verdict', zh: '对比基线与当前运行：公平性、容差内指标与结论' },
  usage: 'compare <baseline run> <current run> [--json] [--experiment <field>] [--tolerance-throughput 0.95] [--tolerance-latency 1.05] [--tolerance-accuracy 0.02] [--all]',
  examples: [
    'xwf compare runs/perf/qwen3-32b-tp4-baseline runs/perf/qwen3-32b-tp4-fused-rope',
    'xwf compare runs/perf/base runs/perf/bs256 --experiment block_size',
    'xwf compare runs/perf/base runs/perf/new --json --tolerance-throughput 0.98',
  ],
  options: { json: { type: 'boolean' }, all: { type: 'boolean' }, ...COMPARE_OPTIONS },
  optionHelp: {
    json: 'print JSON (schema: schemas/cli-compare.schema.json)',
    all: 'list every fairness field, not only the ones that differ',
    ...COMPARE_OPTION_HELP,
  },
  async run({ positionals, values, io }) {
    if (positionals.length !== 2) throw new UsageError('expected a baseline run and a current run');
    const options = compareOptionsFrom(values);
    const [baseline, current] = await Promise.all(positionals.map((p) => loadRunArg(io, p)));
    const cmp = compareRuns(baseline, current, { ...options, displayPaths: { baseline: positionals[0], current: positionals[1] } });
    if (values.json) writeJson(io, cmp);
    else printComparison(io, cmp, values.all === true);
    return cmp.verdict === 'PASS' ? EXIT.ok : EXIT.findings;
  },
};
