// What the Runs view shows for one run: level, status, model, commit and headline numbers, read lazily.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RunRoot } from './runRoot';

/** Manifest fields the summary needs; supplied by the manifest parser so this file does not parse Markdown. */
export interface ManifestFields {
  readonly level?: string;
  readonly conclusionStatus?: string;
  readonly model?: string;
  readonly commit?: string;
  readonly grade?: { readonly grade: 'formal' | 'debug'; readonly reasons: readonly string[] };
}

export type ManifestReader = (text: string, fileName: string, run: RunRoot) => ManifestFields;

export interface Headline {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
}

export interface RunSummary extends ManifestFields {
  readonly headline: readonly Headline[];
  /** Files that exist but could not be read or parsed, with why. */
  readonly errors: readonly { readonly file: string; readonly message: string }[];
}

/** Files larger than this are not read for the view (a half-written or runaway file must not stall it). */
const MAX_JSON_BYTES = 8 * 1024 * 1024;

type Json = Record<string, unknown>;

async function readJson(run: RunRoot, name: string, errors: { file: string; message: string }[]): Promise<Json | undefined> {
  if (!run.inventory.entries.includes(name)) return undefined;
  const file = path.join(run.root, name);
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_JSON_BYTES) throw new Error(`larger than ${MAX_JSON_BYTES / 1024 / 1024} MiB`);
    const value: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
    return value as Json;
  } catch (e) {
    errors.push({ file: name, message: (e as Error).message });
    return undefined;
  }
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function push(out: Headline[], label: string, value: unknown, unit: string): void {
  const n = num(value);
  if (n !== undefined) out.push({ label, value: n, unit });
}

export async function summarizeRun(run: RunRoot, readManifest?: ManifestReader): Promise<RunSummary> {
  const errors: { file: string; message: string }[] = [];
  let fields: ManifestFields = {};
  if (run.manifestPath && readManifest) {
    try {
      const text = await fs.readFile(run.manifestPath, 'utf8');
      fields = readManifest(text, run.manifestPath, run);
    } catch (e) {
      errors.push({ file: path.basename(run.manifestPath), message: (e as Error).message });
    }
  }
  const headline: Headline[] = [];
  if (run.kind === 'perf' || run.kind === 'eval') {
    const m = await readJson(run, 'metrics.json', errors);
    if (m) {
      push(headline, 'TTFT', m.ttft_ms, 'ms');
      push(headline, 'TPOT', m.tpot_ms, 'ms');
      push(headline, 'out', m.output_tps, 'tok/s');
      fields = { ...fields, model: fields.model ?? str(m.model), commit: fields.commit ?? str(m.commit), level: fields.level ?? str(m.level) };
    }
  } else if (run.kind === 'accuracy') {
    const s = await readJson(run, 'score.json', errors);
    if (s) push(headline, 'score', s.score, '');
  } else if (run.kind === 'profiling') {
    const a = await readJson(run, 'analysis.json', errors);
    const gaps = a?.gap_summary as Json | undefined;
    if (gaps) {
      push(headline, 'gap p50', gaps.gap_median_us, 'µs');
      push(headline, 'gap p90', gaps.gap_p90_us, 'µs');
    }
  }
  return { ...fields, headline, errors };
}

/** `TTFT 412 ms · TPOT 38.6 ms · out 812 tok/s` */
export function formatHeadline(headline: readonly Headline[]): string {
  const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toFixed(3));
  return headline.map((h) => `${h.label} ${fmt(h.value)}${h.unit ? ' ' + h.unit : ''}`).join(' · ');
}
