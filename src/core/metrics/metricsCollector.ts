// Finds every benchmark result under a folder (evalscope, vLLM, SGLang), normalizes and ranks them, one pass.
import { promises as fs, readFile as readFileCallback, type Dirent } from 'node:fs';
import * as path from 'node:path';
import type { Locale } from '../i18n/locale';
import { FolderNotFoundError } from '../runs/runDiscovery';
import type { BenchmarkRecord } from './benchmarkRecord';
import { rankRecords, type SlaThresholds } from './benchmarkRanking';
import { EVALSCOPE_ARGS, EVALSCOPE_PERCENTILE, EVALSCOPE_SUMMARY, readEvalscopeRun } from './evalscopeRun';
import { parseJsonDocuments } from './lenientJson';
import { ProblemSink, renderProblem, type MetricsProblem, type ProblemDraft } from './metricsProblems';
import { readSglangResult } from './sglangResult';
import { looksLikeVllm, readVllmResult } from './vllmResult';

export { FolderNotFoundError } from '../runs/runDiscovery';

export interface CollectOptions extends SlaThresholds {
  /** Language of problem messages and SLA reasons. */
  readonly locale?: Locale;
  /** How deep below the folder to look (default 16). */
  readonly maxDepth?: number;
  readonly signal?: AbortSignal;
}

export interface CollectResult {
  /** Absolute path of the collected folder; record and problem paths are relative to it. */
  readonly folder: string;
  /** Best first (formats.md section 4), each with `sla` set. */
  readonly records: BenchmarkRecord[];
  readonly problems: MetricsProblem[];
}

const DEFAULT_MAX_DEPTH = 16;
const PARALLEL_DIRS = 32;
const SNIFF_BYTES = 64 * 1024;
const MAX_RESULT_BYTES = 512 * 1024 * 1024;
/** Folders that never hold benchmark results and can be huge (profiler captures, dependencies). */
const SKIP_DIR = /^(node_modules|\.git|\.hg|\.svn|__pycache__|PROF_.*|mindstudio_profiler_output|ASCEND_PROFILER_OUTPUT|.*_ascend_pt)$/;
/** JSON files the sniffing step can skip by name: our own output and evalscope's side files. */
const SKIP_FILE = /(^metrics\.json$|^benchmark_(args|percentile)\.json$|\.pytorch\.json$|^package(-lock)?\.json$|^tsconfig.*\.json$)/;

interface DirItem {
  readonly abs: string;
  /** Real path (symlinks resolved) for loop detection. */
  readonly real: string;
  /** Relative to the collected folder, '/'-separated, '' for the folder itself. */
  readonly rel: string;
  readonly depth: number;
}

const relJoin = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

/** fs.readFile with a callback: one read of the whole file, about twice as fast as the promise API's chunked reads. */
function readText(file: string): Promise<string> {
  return new Promise((resolve, reject) => readFileCallback(file, 'utf8', (err, text) => (err ? reject(err) : resolve(text))));
}

function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ?? err.message ?? String(e);
}

/** Runs `work` over a growing queue with at most `limit` items in flight. */
function drain<T>(initial: T[], limit: number, work: (item: T, push: (next: T) => void) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const queue = [...initial];
  let active = 0;
  return new Promise<void>((resolve, reject) => {
    const pump = () => {
      if (signal?.aborted) {
        reject(new Error('metrics collection cancelled'));
        return;
      }
      while (active < limit && queue.length) {
        const item = queue.pop()!;
        active++;
        work(item, (next) => queue.push(next)).then(() => {
          active--;
          pump();
        }, reject);
      }
      if (active === 0 && queue.length === 0) resolve();
    };
    pump();
  });
}

/** Reads the head of a file; the whole text when the head says it is a serving-benchmark result. */
async function readIfServingResult(abs: string, sink: ProblemSink): Promise<string | null> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(abs, 'r');
    const { size } = await handle.stat();
    const headSize = Math.min(size, SNIFF_BYTES);
    const buf = Buffer.alloc(headSize);
    const { bytesRead } = await handle.read(buf, 0, headSize, 0);
    const head = buf.toString('utf8', 0, bytesRead);
    // Both clients write these two keys near the start, before any per-request arrays.
    if (!head.includes('"completed"') || !head.includes('"request_throughput"')) return null;
    if (size <= bytesRead) return head;
    if (size > MAX_RESULT_BYTES) {
      sink.warn('too_large', Math.round(MAX_RESULT_BYTES / 1024 / 1024));
      return null;
    }
    return await readText(abs);
  } catch (e) {
    sink.error('unreadable', errorText(e));
    return null;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function readServingFile(text: string, file: string, sink: ProblemSink): BenchmarkRecord[] {
  const docs = parseJsonDocuments(text);
  // Every document (and array element) keeps its position, so a record's index survives a half-written line.
  const objects: { value: unknown; index: number }[] = [];
  let position = 0;
  for (const doc of docs) {
    if (!doc.result.ok) {
      sink.jsonFailure(doc.result.failure);
      position++;
      continue;
    }
    // Python writes float('inf') as Infinity: for request_rate that simply means "no rate limit".
    sink.nonFinite(doc.result.nonFinite.filter((p) => !/(^|\.|\])request_rate$/.test(p)));
    const v = doc.result.value;
    for (const value of Array.isArray(v) ? v : [v]) objects.push({ value, index: position++ });
  }
  const records: BenchmarkRecord[] = [];
  const several = position > 1;
  for (const { value, index } of objects) {
    const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    const vllm = obj !== null && (looksLikeVllm(obj) || (!looksLikeSglang(obj) && !file.endsWith('.jsonl')));
    const record = vllm ? readVllmResult(value, file) : readSglangResult(value, file);
    if (!record) continue;
    if (several) record.source.index = index;
    records.push(record);
  }
  if (!records.length && objects.length) sink.warn('no_metrics');
  return records;
}

function looksLikeSglang(obj: Record<string, unknown>): boolean {
  return 'mean_e2e_latency_ms' in obj || 'accept_length' in obj || 'server_info' in obj || 'total_output_tokens_retokenized' in obj;
}

/** Identity of a result by its numbers: the same run copied to two places counts once. */
function resultKey(r: BenchmarkRecord): string {
  return JSON.stringify([
    r.source.tool,
    r.concurrency,
    r.request_rate ?? null,
    r.total,
    r.success,
    r.failed,
    r.duration_s ?? null,
    r.ttft_ms,
    r.tpot_ms,
    r.itl_ms,
    r.e2e_ms,
    r.output_tps,
    r.total_tps,
    r.request_throughput,
    r.percentiles,
  ]);
}

/** How much a record tells beyond its summary: the richer copy of a duplicate is kept. */
function richness(r: BenchmarkRecord): number {
  let n = r.workload ? 1 : 0;
  for (const m of Object.values(r.percentiles)) n += Object.keys(m).length;
  return n;
}

function dedupe(records: BenchmarkRecord[], problems: ProblemDraft[]): BenchmarkRecord[] {
  const byPath = [...records].sort((a, b) => (a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : (a.source.index ?? 0) - (b.source.index ?? 0)));
  const kept = new Map<string, BenchmarkRecord>();
  const dropped: [BenchmarkRecord, BenchmarkRecord][] = [];
  for (const r of byPath) {
    const key = resultKey(r);
    const prev = kept.get(key);
    if (!prev) kept.set(key, r);
    else if (richness(r) > richness(prev)) {
      kept.set(key, r);
      dropped.push([prev, r]);
    } else dropped.push([r, prev]);
  }
  const where = (r: BenchmarkRecord) => (r.source.index === undefined ? r.source.file : `${r.source.file}#${r.source.index}`);
  const dirOf = (r: BenchmarkRecord) => r.source.file.slice(0, r.source.file.lastIndexOf('/') + 1);
  for (const [gone, keeper] of dropped) {
    // A run root keeps a copy of its raw summary one level up (evalscope/benchmark_summary.json): expected, not a problem.
    const a = dirOf(gone);
    const b = dirOf(keeper);
    if (a !== b && (a.startsWith(b) || b.startsWith(a))) continue;
    problems.push({ file: gone.source.file, severity: 'warning', code: 'duplicate_run', args: [where(keeper)] });
  }
  return [...kept.values()];
}

/**
 * Collects every benchmark result under `folder`. Never throws for bad files: each gets a problem.
 * Throws FolderNotFoundError when the folder itself is missing or not a folder.
 */
export async function collectMetrics(folder: string, options: CollectOptions = {}): Promise<CollectResult> {
  const base = path.resolve(folder);
  const stat = await fs.stat(base).catch((e: NodeJS.ErrnoException) => {
    throw new FolderNotFoundError(base, e.code === 'ENOENT' ? 'no such folder' : e.message);
  });
  if (!stat.isDirectory()) throw new FolderNotFoundError(base, 'not a folder');
  const baseReal = await fs.realpath(base);
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const records: BenchmarkRecord[] = [];
  const drafts: ProblemDraft[] = [];
  const seen = new Set<string>([baseReal]);

  const visit = async (item: DirItem, push: (next: DirItem) => void): Promise<void> => {
    let dirents: Dirent[];
    try {
      dirents = await fs.readdir(item.abs, { withFileTypes: true });
    } catch (e) {
      drafts.push({ file: item.rel || '.', severity: 'error', code: 'unreadable', args: [errorText(e)] });
      return;
    }
    const files = new Set<string>();
    const symlinks: Dirent[] = [];
    for (const d of dirents) {
      if (d.isFile()) files.add(d.name);
      else if (d.isDirectory()) {
        if (item.depth < maxDepth && !SKIP_DIR.test(d.name)) {
          const real = path.join(item.real, d.name);
          seen.add(real);
          push({ abs: path.join(item.abs, d.name), real, rel: relJoin(item.rel, d.name), depth: item.depth + 1 });
        }
      } else if (d.isSymbolicLink()) symlinks.push(d);
    }
    for (const d of symlinks) {
      const abs = path.join(item.abs, d.name);
      const rel = relJoin(item.rel, d.name);
      try {
        const target = await fs.stat(abs);
        if (target.isFile()) files.add(d.name);
        else if (target.isDirectory() && item.depth < maxDepth && !SKIP_DIR.test(d.name)) {
          const real = await fs.realpath(abs);
          if (item.real === real || item.real.startsWith(real + path.sep)) {
            const shown = path.relative(baseReal, real).split(path.sep).join('/') || '.';
            drafts.push({ file: rel, severity: 'warning', code: 'symlink_loop', args: [real.startsWith(baseReal) ? shown : real] });
          } else if (!seen.has(real)) {
            seen.add(real);
            push({ abs, real, rel, depth: item.depth + 1 });
          }
        }
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ELOOP') drafts.push({ file: rel, severity: 'warning', code: 'symlink_loop', args: [d.name] });
        else if (code !== 'ENOENT') drafts.push({ file: rel, severity: 'error', code: 'unreadable', args: [errorText(e)] }); // dangling links are ignored
      }
    }

    if (files.has(EVALSCOPE_SUMMARY)) {
      const sink = new ProblemSink(relJoin(item.rel, EVALSCOPE_SUMMARY), drafts);
      const read = (name: string) =>
        files.has(name)
          ? readText(path.join(item.abs, name)).catch((e: unknown) => {
              drafts.push({ file: relJoin(item.rel, name), severity: 'error', code: 'unreadable', args: [errorText(e)] });
              return undefined;
            })
          : Promise.resolve(null);
      const [summary, percentile, args] = await Promise.all([read(EVALSCOPE_SUMMARY), read(EVALSCOPE_PERCENTILE), read(EVALSCOPE_ARGS)]);
      if (typeof summary !== 'string') return;
      const record = readEvalscopeRun({ relDir: item.rel, summary, percentile: percentile ?? null, percentileUnreadable: percentile === undefined, args: args ?? null }, sink);
      if (record) records.push(record);
      return; // an evalscope run folder holds no other client's results
    }
    await Promise.all(
      [...files]
        .filter((name) => /\.jsonl?$/i.test(name) && !SKIP_FILE.test(name))
        .map(async (name) => {
          const file = relJoin(item.rel, name);
          const sink = new ProblemSink(file, drafts);
          const text = await readIfServingResult(path.join(item.abs, name), sink);
          if (text !== null) records.push(...readServingFile(text, file, sink));
        }),
    );
  };

  await drain([{ abs: base, real: baseReal, rel: '', depth: 0 }], PARALLEL_DIRS, visit, options.signal);

  const unique = dedupe(records, drafts);
  const ranked = rankRecords(unique, { slaTtftMs: options.slaTtftMs, slaTpotMs: options.slaTpotMs }, options.locale ?? 'en');
  const problems = drafts
    .map((d) => renderProblem(d, options.locale ?? 'en'))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { folder: base, records: ranked, problems };
}
