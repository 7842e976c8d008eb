// The benchmark command of a run: a saved script when there is one, else the `evalscope perf` command
// rebuilt from benchmark_args.json (the settings evalscope records beside each result).
import type { RunEvidence } from './runEvidence';

export interface RecordedCommand {
  readonly text: string;
  /** Where the command came from, relative to the run root (`service/command.sh`, `manifest startup_command`, ...). */
  readonly source: string;
  /** True when rebuilt from recorded settings rather than saved verbatim. */
  readonly reconstructed: boolean;
}

/** Keys of benchmark_args.json that are bookkeeping, not command-line settings. */
const NOT_FLAGS = new Set(['outputs_dir', 'debug', 'headers', 'api_key', 'seed_used', 'model_id', 'tokenizer', 'no_test_connection']);
/** Secrets never go into shared artifacts (formats.md rule 9). */
const SECRET = /(api_?key|token$|secret|password|authorization)/i;

function flagValue(value: unknown): string[] | null {
  if (value === null || value === undefined || value === false) return null;
  if (value === true) return [];
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)));
  if (typeof value === 'object') return Object.keys(value as object).length ? [JSON.stringify(value)] : null;
  return [String(value)];
}

/** A word as a POSIX shell reads it back: bare when safe, else single-quoted. */
export function shellWord(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `evalscope perf --model ... --parallel 32 ...` from one benchmark_args.json object, keys in recorded order. */
export function evalscopeCommand(args: Record<string, unknown>): string {
  const words = ['evalscope', 'perf'];
  for (const [key, value] of Object.entries(args)) {
    if (NOT_FLAGS.has(key) || SECRET.test(key)) continue;
    const v = flagValue(value);
    if (v === null) continue;
    words.push(`--${key.replace(/_/g, '-')}`, ...v);
  }
  return words.map(shellWord).join(' ');
}

const SCRIPT = /^(?:[^/]+\/)?(?:bench(?:mark)?|evalscope|perf|run_bench(?:mark)?)[\w.-]*\.sh$/i;

/** Whether a run-root-relative file looks like a saved benchmark script (`bench.sh`, `evalscope/command.sh` is not). */
export function isBenchmarkScript(file: string): boolean {
  return SCRIPT.test(file);
}

/** Benchmark commands of a run: saved scripts verbatim, else one rebuilt command per distinct settings. */
export function benchmarkCommands(run: Pick<RunEvidence, 'benchmarkArgs' | 'benchmarkScripts'>): RecordedCommand[] {
  const saved = (run.benchmarkScripts ?? []).map((s) => ({ text: s.text.trim(), source: s.file, reconstructed: false }));
  if (saved.length) return saved;
  const seen = new Map<string, RecordedCommand>();
  for (const { file, args } of run.benchmarkArgs ?? []) {
    const text = evalscopeCommand(args);
    if (!seen.has(text)) seen.set(text, { text, source: file, reconstructed: true });
  }
  return [...seen.values()];
}
