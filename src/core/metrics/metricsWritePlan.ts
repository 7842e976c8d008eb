// Decides how to write metrics.json without losing what a person typed into it: hand edits come back as differences.
import { STABLE_METRICS_KEYS, type Metrics, type StableMetricsKey } from '../schemas/metricsSchema';
import { parseJsonText } from './lenientJson';
import { COLLECTOR_TOOL, valueFingerprint } from './metricsJson';

export interface MetricsDifference {
  readonly key: StableMetricsKey;
  /** The value in the file now (edited by hand). */
  readonly existing: unknown;
  /** What the collector would write. */
  readonly collected: unknown;
}

export type MetricsWritePlan =
  /** No metrics.json yet. */
  | { readonly action: 'create'; readonly text: string }
  /** The file already says exactly this. */
  | { readonly action: 'unchanged'; readonly text: string }
  /** Only values the collector wrote itself (or that were null) change. */
  | { readonly action: 'update'; readonly text: string; readonly changed: readonly StableMetricsKey[] }
  /** Values were edited by hand: ask, then write one of the two texts (or nothing). */
  | {
      readonly action: 'conflict';
      readonly differences: readonly MetricsDifference[];
      readonly overwriteText: string;
      readonly keepEditsText: string;
    }
  /** The existing file is not a JSON object: it is never replaced without asking. */
  | { readonly action: 'unreadable'; readonly reason: string; readonly overwriteText: string };

const TRAILING = ['headline', 'benchmarks', 'collector'];

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** Stable keys first in their order, then keys someone added, then the collector's own sections. */
function render(next: Metrics, existing: Record<string, unknown> | null, overrides: Partial<Record<StableMetricsKey, unknown>> = {}): string {
  const out: Record<string, unknown> = {};
  const src = next as Record<string, unknown>;
  for (const key of STABLE_METRICS_KEYS) out[key] = key in overrides ? overrides[key] : (src[key] ?? null);
  const stable = new Set<string>(STABLE_METRICS_KEYS);
  for (const [key, value] of Object.entries(src)) if (!stable.has(key) && !TRAILING.includes(key)) out[key] = value;
  if (existing) for (const [key, value] of Object.entries(existing)) if (!stable.has(key) && !TRAILING.includes(key) && !(key in out)) out[key] = value;
  for (const key of TRAILING) if (src[key] !== undefined) out[key] = src[key];
  return JSON.stringify(out, null, 2) + '\n';
}

/**
 * Compares the current metrics.json text (null when there is none) with what the collector built.
 * A stable key was edited by hand when its value is not null and differs both from the (non-null) value the
 * collector would write now and from what the collector recorded writing last time. Where the collector
 * knows nothing (null) the file's value is kept. Keys added to the file by hand are kept too.
 */
export function planMetricsWrite(existingText: string | null, next: Metrics): MetricsWritePlan {
  if (existingText === null) return { action: 'create', text: render(next, null) };
  const parsed = parseJsonText(existingText);
  const overwriteText = render(next, null);
  if (!parsed.ok) {
    const f = parsed.failure;
    return { action: 'unreadable', reason: f.kind === 'empty' ? 'empty file' : `invalid JSON at line ${f.line}, column ${f.column}: ${f.detail}`, overwriteText };
  }
  const value = parsed.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { action: 'unreadable', reason: 'not a JSON object', overwriteText };
  const existing = value as Record<string, unknown>;
  const stamp = existing.collector as { tool?: unknown; written?: unknown } | undefined;
  const written =
    stamp && typeof stamp === 'object' && stamp.tool === COLLECTOR_TOOL && stamp.written && typeof stamp.written === 'object'
      ? (stamp.written as Record<string, unknown>)
      : null;

  const differences: MetricsDifference[] = [];
  const changed: StableMetricsKey[] = [];
  // Values the collector cannot know (null: server counters, a commit the manifest lacks) stay as they are.
  const known: Partial<Record<StableMetricsKey, unknown>> = {};
  const src = next as Record<string, unknown>;
  for (const key of STABLE_METRICS_KEYS) {
    const ev = existing[key] ?? null;
    const nv = src[key] ?? null;
    if (same(ev, nv)) continue;
    if (nv === null) known[key] = ev;
    else if (ev === null || (written && written[key] === valueFingerprint(ev))) changed.push(key);
    else differences.push({ key, existing: ev, collected: nv });
  }
  const text = render(next, existing, known);
  if (differences.length) {
    const kept = { ...known, ...Object.fromEntries(differences.map((d) => [d.key, d.existing])) };
    return { action: 'conflict', differences, overwriteText: text, keepEditsText: render(next, existing, kept) };
  }
  if (text === existingText) return { action: 'unchanged', text };
  return { action: 'update', text, changed };
}
