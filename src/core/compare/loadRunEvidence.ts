// Reads a run root from disk into RunEvidence: manifest, metrics.json, score.json, benchmark client
// settings, the launch script and a bounded file listing. Unreadable parts become problems, never throws
// for bad content; a run root that does not exist is a RunNotFoundError.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { computeGateVerdict } from '../gate/gateVerdict';
import { readGateFolder } from '../gate/gateFolder';
import type { ManifestDocument } from '../manifest/manifestModel';
import { parseJsonText } from '../metrics/lenientJson';
import { collectMetrics } from '../metrics/metricsCollector';
import { readEntries } from '../runs/runDiscovery';
import { MANIFEST_FILE_NAMES, type RunKind } from '../runs/runKinds';
import { inferKind, looksLikeProfilingRun, matchConventionalLayout } from '../runs/runLayout';
import { metricsSchema, type Metrics } from '../schemas/metricsSchema';
import { readManifestText, type ManifestText } from './manifestText';
import { manifestValue, type AccuracyEvidence, type GateEvidence, type RunEvidence } from './runEvidence';
import { isBenchmarkScript } from './benchmarkCommand';
import { relativeArtifactDir } from './evidenceChecks';

export class RunNotFoundError extends Error {
  constructor(readonly runRoot: string, reason: string) {
    super(`${runRoot}: ${reason}`);
  }
}

export type GateEvaluator = (envDir: string, devices: readonly number[] | null) => Promise<Pick<GateEvidence, 'verdict' | 'reasons'>>;
export type BenchmarkCollector = (runRoot: string) => Promise<Metrics['benchmarks'] | null>;

export interface LoadOptions {
  /**
   * Evaluates env/ into a gate verdict, given the folder and the run's target devices (physical_device_ids).
   * Default: the precheck gate of src/core/gate; null reports the gate as present or absent only.
   */
  readonly evaluateGate?: GateEvaluator | null;
  /**
   * Supplies per-level benchmark records (with percentiles) when metrics.json has none.
   * Default: collect the raw client output of the run root; null keeps metrics.json's headline only.
   */
  readonly collectBenchmarks?: BenchmarkCollector | null;
}

/** The precheck gate (formats.md section 5) over a run's env/ folder. */
export const evaluateGateFolder: GateEvaluator = async (envDir, devices) => {
  const verdict = computeGateVerdict(await readGateFolder(envDir), devices ? { devices } : {});
  return { verdict: verdict.verdict, reasons: verdict.reasons.map((r) => r.message_en) };
};

/** Benchmark records of the raw client output below a run root, ordered by level (the collector ranks them). */
export const collectRunBenchmarks: BenchmarkCollector = async (runRoot) => {
  const { records } = await collectMetrics(runRoot);
  return records.length ? records.map(({ sla: _sla, ...r }) => r) : null;
};

const MAX_TEXT_BYTES = 4 * 1024 * 1024;
const MAX_SCRIPT_BYTES = 64 * 1024;
const MAX_FILES = 5000;
const MAX_DEPTH = 6;
/** Profiler capture trees hold thousands of files and say nothing a comparison needs. */
const SKIP_DIRS = /^(PROF_.*|.*_ascend_pt|ASCEND_PROFILER_OUTPUT|node_modules|\.git)$/;

async function readText(file: string, limit = MAX_TEXT_BYTES): Promise<string | null> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > limit) return null;
    return await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
}

/** JSON from a Python client (bare NaN / Infinity read as null); throws with the line and column of a failure. */
function parseJson(text: string): unknown {
  const r = parseJsonText(text);
  if (r.ok) return r.value;
  throw new Error(`${r.failure.kind === 'incomplete' ? 'incomplete JSON' : r.failure.kind === 'empty' ? 'empty file' : 'invalid JSON'} at line ${r.failure.line}, column ${r.failure.column}: ${r.failure.detail}`);
}

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, rel: string, depth: number): Promise<void> => {
    if (out.length >= MAX_FILES || depth > MAX_DEPTH) return;
    let dirents;
    try {
      dirents = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of dirents) {
      if (out.length >= MAX_FILES) return;
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) {
        if (!SKIP_DIRS.test(d.name)) await walk(path.join(dir, d.name), r, depth + 1);
      } else if (d.isFile() || d.isSymbolicLink()) out.push(r);
    }
  };
  await walk(root, '', 0);
  return out;
}

function kindOf(root: string, entries: readonly string[]): RunKind {
  const segments = root.split(path.sep).join('/').split('/').filter(Boolean);
  const names = entries.map((e) => e.replace(/\/$/, ''));
  const layout = matchConventionalLayout(segments);
  if (layout && (layout.certain || looksLikeProfilingRun(names))) return layout.kind;
  return inferKind(segments, names);
}

async function readManifest(root: string, entries: readonly string[]): Promise<{ file: string | null; values: ManifestText; document: ManifestDocument | null; problems: string[] }> {
  const file = MANIFEST_FILE_NAMES.find((n) => entries.includes(n)) ?? null;
  if (!file) return { file: null, values: {}, document: null, problems: [] };
  const text = await readText(path.join(root, file));
  if (text === null) return { file, values: {}, document: null, problems: [`${file} cannot be read or is larger than ${MAX_TEXT_BYTES / 1024 / 1024} MB`] };
  const r = readManifestText(text, file.endsWith('.md') ? 'markdown' : 'yaml');
  return { file, values: r.values, document: r.document, problems: r.problems.map((p) => `${file}: ${p}`) };
}

async function readMetrics(root: string, candidates: readonly string[]): Promise<{ metrics: Metrics | null; problem: string | null }> {
  for (const rel of candidates) {
    const text = await readText(path.join(root, rel));
    if (text === null) continue;
    let json: unknown;
    try {
      json = parseJson(text);
    } catch (e) {
      return { metrics: null, problem: `${rel}: ${(e as Error).message}` };
    }
    const parsed = metricsSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { metrics: null, problem: `${rel}: ${issue.path.join('.') || '(root)'}: ${issue.message}` };
    }
    return { metrics: parsed.data, problem: null };
  }
  return { metrics: null, problem: null };
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

async function readAccuracy(root: string, files: readonly string[]): Promise<AccuracyEvidence | null> {
  const scoreFile = files.includes('score.json') ? 'score.json' : files.find((f) => f.endsWith('/score.json'));
  if (!scoreFile) return null;
  const text = await readText(path.join(root, scoreFile));
  let json: Record<string, unknown> = {};
  try {
    const v = text === null ? null : parseJson(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) json = v as Record<string, unknown>;
  } catch {
    json = {};
  }
  const failed = files.includes('failed_cases.jsonl') ? 'failed_cases.jsonl' : (files.find((f) => f.endsWith('/failed_cases.jsonl')) ?? null);
  return {
    score: num(json.score),
    level: typeof json.level === 'string' ? json.level : null,
    dataset: typeof json.dataset === 'string' ? json.dataset : null,
    numCorrect: num(json.num_correct),
    numTotal: num(json.num_total),
    failedCaseCount: num(json.failed_case_count),
    status: typeof json.status === 'string' ? json.status : null,
    failedCasesFile: failed,
  };
}

async function readBenchmarkArgs(root: string, files: readonly string[]): Promise<{ file: string; args: Record<string, unknown> }[]> {
  const out: { file: string; args: Record<string, unknown> }[] = [];
  for (const file of files.filter((f) => path.posix.basename(f) === 'benchmark_args.json').slice(0, 32)) {
    const text = await readText(path.join(root, file), MAX_SCRIPT_BYTES);
    try {
      const v = text === null ? null : parseJson(text);
      if (v && typeof v === 'object' && !Array.isArray(v)) out.push({ file, args: v as Record<string, unknown> });
    } catch {
      // An unreadable args file only costs the reconstructed benchmark command.
    }
  }
  return out;
}

async function readLaunchScript(root: string, manifest: ManifestText, files: readonly string[]): Promise<{ file: string; text: string } | null> {
  const declared = relativeArtifactDir(root, manifestValue({ manifest }, 'Service', 'startup_script'));
  for (const file of [declared, 'service/command.sh', 'command.sh'].filter((f): f is string => !!f && files.includes(f))) {
    const text = await readText(path.join(root, file), MAX_SCRIPT_BYTES);
    if (text !== null) return { file, text };
  }
  return null;
}

async function readBenchmarkScripts(root: string, files: readonly string[]): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const file of files.filter(isBenchmarkScript).slice(0, 8)) {
    const text = await readText(path.join(root, file), MAX_SCRIPT_BYTES);
    if (text !== null) out.push({ file, text });
  }
  return out;
}

function deviceList(text: string): number[] | null {
  return /^\s*\d+(\s*,\s*\d+)*\s*$/.test(text) ? text.split(',').map((d) => Number(d.trim())) : null;
}

/** Loads one run root. Throws RunNotFoundError when the folder does not exist or is not a folder. */
export async function loadRunEvidence(runRoot: string, options: LoadOptions = {}): Promise<RunEvidence> {
  const root = path.resolve(runRoot);
  const stat = await fs.stat(root).catch(() => null);
  if (!stat) throw new RunNotFoundError(runRoot, 'no such folder');
  if (!stat.isDirectory()) throw new RunNotFoundError(runRoot, 'not a folder');
  const entries = (
    await readEntries(root).catch((e: NodeJS.ErrnoException) => {
      throw new RunNotFoundError(runRoot, `cannot read the folder (${e.code ?? e.message})`);
    })
  ).sort();
  const kind = kindOf(root, entries);
  const manifest = await readManifest(root, entries);
  const files = await listFiles(root);
  const declaredMetrics = relativeArtifactDir(root, manifestValue({ manifest: manifest.values }, 'Artifacts', 'metrics_json'));
  const metricCandidates = [...new Set([declaredMetrics, 'metrics.json', 'perf/metrics.json'].filter((f): f is string => !!f))];
  const read = await readMetrics(root, metricCandidates);
  let metrics = read.metrics;
  const problem = read.problem;
  const collect = options.collectBenchmarks === undefined ? collectRunBenchmarks : options.collectBenchmarks;
  if (metrics && !metrics.benchmarks?.length && collect) {
    const collected = await collect(root).catch(() => null);
    if (collected?.length) metrics = { ...metrics, benchmarks: collected };
  }

  const envFiles = files.filter((f) => f.startsWith('env/')).map((f) => f.slice(4));
  let gate: GateEvidence = { present: entries.includes('env/'), files: envFiles, verdict: null, reasons: [] };
  const evaluate = options.evaluateGate === undefined ? evaluateGateFolder : options.evaluateGate;
  if (gate.present && evaluate) {
    const devices = deviceList(manifestValue({ manifest: manifest.values }, 'Environment', 'physical_device_ids'));
    const evaluated = await evaluate(path.join(root, 'env'), devices).catch((e: Error) => ({ verdict: 'incomplete' as const, reasons: [e.message] }));
    gate = { ...gate, ...evaluated };
  }

  return {
    runRoot: root,
    kind,
    runId: manifestValue({ manifest: manifest.values }, 'Identity', 'run_id') || path.basename(root),
    manifest: manifest.values,
    manifestFile: manifest.file,
    manifestProblems: manifest.problems,
    document: manifest.document,
    metrics,
    metricsProblem: problem,
    entries,
    files,
    gate,
    accuracy: await readAccuracy(root, files),
    benchmarkArgs: await readBenchmarkArgs(root, files),
    benchmarkScripts: await readBenchmarkScripts(root, files),
    launchScript: await readLaunchScript(root, manifest.values, files),
  };
}
