// What a perf manifest asks the remote runner to do, read and checked before anything touches the host.
import type { ManifestDocument } from '../manifest/manifestModel';
import { textOf, valueOf } from '../manifest/manifestModel';
import { LEVELS, type Level } from '../manifest/manifestSpec';
import type { RemoteHost } from './remoteHost';
import type { RemoteRunKind } from './remoteLayout';

export interface WorkloadPlan {
  readonly dataset: string | undefined;
  readonly datasetPath: string | undefined;
  readonly inputTokens: number | undefined;
  readonly outputTokens: number | undefined;
  readonly parallel: number;
  readonly number: number;
  readonly warmupNum: number;
  readonly stream: boolean;
  readonly maxTokens: number | undefined;
  readonly maxPromptLength: number | undefined;
  readonly temperature: number | undefined;
  readonly topP: number | undefined;
  readonly topK: number | undefined;
  readonly seed: number | undefined;
  readonly extraBody: string | undefined;
}

export interface PerfPlan {
  readonly runId: string;
  readonly level: Level;
  readonly modelName: string;
  readonly tokenizerPath: string | undefined;
  /** OpenAI base URL as written (…/v1); the runner appends /models and /chat/completions. */
  readonly apiUrl: string;
  readonly startupCommand: string | undefined;
  readonly devices: readonly number[];
  /** ASCEND_RT_VISIBLE_DEVICES for the service: the manifest's, else the devices in order. */
  readonly visibleDevices: string;
  readonly workload: WorkloadPlan;
}

export interface PlanProblem {
  readonly key: string;
  readonly message: string;
}

/** A run id names a folder on both machines: plain characters only. */
export const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const num = (doc: ManifestDocument, key: string): number | undefined => {
  const v = valueOf(doc, key);
  return typeof v === 'number' ? v : undefined;
};

/** Reads the plan; every problem names its manifest key. A plan is returned only when there are none. */
export function readPerfPlan(doc: ManifestDocument, host: Pick<RemoteHost, 'defaultDevices'>, kind: RemoteRunKind = 'perf'): { plan?: PerfPlan; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const need = (key: string, why: string) => problems.push({ key, message: why });
  // Typed values that are filled but unreadable are errors of their own, not silently "missing".
  for (const e of doc.entries) {
    if (e.spec && e.filled && e.parsed && !e.parsed.ok) need(e.key, `'${e.text}' is not a valid ${e.parsed.expected}`);
  }
  const runId = textOf(doc, 'run_id');
  if (!runId) need('run_id', 'is required (it names the run folder)');
  else if (!RUN_ID.test(runId) || runId === '.' || runId === '..') need('run_id', `'${runId}' must be letters, digits, '.', '_' or '-' (it names a folder)`);
  const level = textOf(doc, 'level');
  if (!level) need('level', 'is required (smoke, quick or full)');
  else if (!(LEVELS as readonly string[]).includes(level)) need('level', `'${level}' is not smoke, quick or full`);
  const modelName = textOf(doc, 'model_name');
  if (!modelName) need('model_name', 'is required (the served model name the benchmark requests)');
  const apiUrl = valueOf(doc, 'api_url');
  if (typeof apiUrl !== 'string') {
    if (!textOf(doc, 'api_url')) need('api_url', 'is required (e.g. http://127.0.0.1:8000/v1)');
  }
  // An accuracy run sends one request at a time by default, and `number` is its case limit (all cases when empty).
  const parallel = num(doc, 'parallel') ?? (kind === 'accuracy' ? 1 : undefined);
  const number = num(doc, 'number') ?? (kind === 'accuracy' ? 0 : undefined);
  if (parallel === undefined && !problems.some((p) => p.key === 'parallel')) need('parallel', 'is required (client concurrency)');
  else if (parallel !== undefined && parallel < 1) need('parallel', 'must be at least 1');
  if (number === undefined && !problems.some((p) => p.key === 'number')) need('number', 'is required (measured requests)');
  else if (number !== undefined && number < 1 && kind !== 'accuracy') need('number', 'must be at least 1');
  const warmupNum = num(doc, 'warmup_num') ?? 0;
  if (warmupNum < 0) need('warmup_num', 'cannot be negative');
  // Rule 3: formal steady-state numbers need request-level warmup.
  if (kind === 'perf' && (level === 'quick' || level === 'full') && warmupNum < 1) need('warmup_num', `a ${level} run needs warmup_num >= 1 (without warmup the run is cold-start or smoke only)`);
  // Rule 8: warmup must run before the capture window opens, so a capture needs some.
  if (kind === 'profiling' && warmupNum < 1) need('warmup_num', 'a profiling capture needs warmup_num >= 1 (the warmup runs before the capture window)');
  const devicesValue = valueOf(doc, 'physical_device_ids');
  const devices = Array.isArray(devicesValue) ? (devicesValue as number[]) : [...host.defaultDevices];
  if (!devices.length) need('physical_device_ids', 'no devices: fill physical_device_ids or the host defaultDevices');
  const visible = valueOf(doc, 'ASCEND_RT_VISIBLE_DEVICES');
  const extraBody = textOf(doc, 'extra_body');
  if (extraBody !== undefined) {
    try {
      const parsed: unknown = JSON.parse(extraBody);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) need('extra_body', 'must be a JSON object');
    } catch {
      need('extra_body', 'must be a JSON object (it is sent with each request)');
    }
  }
  if (problems.length || !runId || !level || !modelName || typeof apiUrl !== 'string' || parallel === undefined || number === undefined) return { problems };
  return {
    problems,
    plan: {
      runId,
      level: level as Level,
      modelName,
      tokenizerPath: textOf(doc, 'tokenizer_path'),
      apiUrl: apiUrl.replace(/\/+$/, ''),
      startupCommand: textOf(doc, 'startup_command'),
      devices,
      visibleDevices: Array.isArray(visible) ? (visible as number[]).join(',') : devices.join(','),
      workload: {
        dataset: textOf(doc, 'dataset'),
        datasetPath: textOf(doc, 'dataset_path'),
        inputTokens: num(doc, 'input_tokens'),
        outputTokens: num(doc, 'output_tokens'),
        parallel,
        number,
        warmupNum,
        stream: valueOf(doc, 'stream') !== false,
        maxTokens: num(doc, 'max_tokens'),
        maxPromptLength: num(doc, 'max_prompt_length'),
        temperature: num(doc, 'temperature'),
        topP: num(doc, 'top_p'),
        topK: num(doc, 'top_k'),
        seed: num(doc, 'seed'),
        extraBody,
      },
    },
  };
}
