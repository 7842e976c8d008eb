// Orders benchmark candidates by formats.md section 4: SLA pass, request throughput, output tok/s, p50 TTFT, p50 TPOT.
import { catalog } from '../i18n/catalog';
import type { Locale } from '../i18n/locale';
import type { BenchmarkRecord } from './benchmarkRecord';

export interface SlaThresholds {
  /** Highest acceptable p99 TTFT in milliseconds. */
  readonly slaTtftMs?: number;
  /** Highest acceptable p99 TPOT in milliseconds. */
  readonly slaTpotMs?: number;
}

const MESSAGES = {
  sla_ok: { en: 'p99 {0} {1} ms <= SLA {2} ms', zh: 'p99 {0} {1} ms <= SLA {2} ms' },
  sla_over: { en: 'p99 {0} {1} ms > SLA {2} ms', zh: 'p99 {0} {1} ms > SLA {2} ms' },
  sla_unknown: { en: 'p99 {0} unknown: SLA {1} ms not confirmed', zh: 'p99 {0} 未知：无法确认 SLA {1} ms' },
  rank_avg: { en: 'ranked on avg {0} ({1} ms): p50 unknown', zh: '按平均 {0}（{1} ms）排序：p50 未知' },
  rank_none: { en: 'ranked last on {0}: neither p50 nor avg known', zh: '{0} 的 p50 与平均值均未知：排在最后' },
} as const;
const t = catalog(MESSAGES);

const LABEL = { ttft_ms: 'TTFT', tpot_ms: 'TPOT' } as const;

/** p50 of a latency, or its average when the p50 is absent (noted in `notes`). */
function p50OrAvg(r: BenchmarkRecord, metric: 'ttft_ms' | 'tpot_ms', notes: string[], locale: Locale): number | null {
  const p50 = r.percentiles[metric]?.p50;
  if (p50 !== undefined) return p50;
  const avg = r[metric];
  notes.push(avg !== null ? t(locale, 'rank_avg', LABEL[metric], avg) : t(locale, 'rank_none', LABEL[metric]));
  return avg;
}

function slaCheck(r: BenchmarkRecord, metric: 'ttft_ms' | 'tpot_ms', limit: number | undefined, reasons: string[], locale: Locale): boolean {
  if (limit === undefined) return true;
  const p99 = r.percentiles[metric]?.p99;
  if (p99 === undefined) {
    reasons.push(t(locale, 'sla_unknown', LABEL[metric], limit));
    return false;
  }
  const ok = p99 <= limit;
  reasons.push(t(locale, ok ? 'sla_ok' : 'sla_over', LABEL[metric], p99, limit));
  return ok;
}

/** Higher first; unknown after every known value. */
const desc = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);
/** Lower first; unknown after every known value. */
const asc = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);

/**
 * Returns new records (the inputs are not changed) with `sla` set, best first. Without thresholds every
 * record passes; the reasons still say when a p50 was missing and the average was used.
 */
export function rankRecords(records: readonly BenchmarkRecord[], sla: SlaThresholds = {}, locale: Locale = 'en'): BenchmarkRecord[] {
  const keyed = records.map((r) => {
    const reasons: string[] = [];
    const ttftOk = slaCheck(r, 'ttft_ms', sla.slaTtftMs, reasons, locale);
    const tpotOk = slaCheck(r, 'tpot_ms', sla.slaTpotMs, reasons, locale);
    const ttft = p50OrAvg(r, 'ttft_ms', reasons, locale);
    const tpot = p50OrAvg(r, 'tpot_ms', reasons, locale);
    const pass = ttftOk && tpotOk;
    return { record: { ...r, sla: { pass, reasons } }, pass, ttft, tpot };
  });
  keyed.sort(
    (a, b) =>
      Number(b.pass) - Number(a.pass) ||
      desc(a.record.request_throughput, b.record.request_throughput) ||
      desc(a.record.output_tps, b.record.output_tps) ||
      asc(a.ttft, b.ttft) ||
      asc(a.tpot, b.tpot) ||
      (a.record.source.file < b.record.source.file ? -1 : a.record.source.file > b.record.source.file ? 1 : 0) ||
      (a.record.source.index ?? 0) - (b.record.source.index ?? 0),
  );
  return keyed.map((k) => k.record);
}
