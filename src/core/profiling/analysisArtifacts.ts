// The files an analysed capture leaves in its run root: analysis.json, bubble-table.csv, stage-table.csv,
// rank-skew-table.csv, five_tables.md and timeline_notes.md (formats.md section 3).
import * as path from 'node:path';
import { ANALYSIS_SCHEMA_ID, analysisSchema, type Analysis } from '../schemas/analysisSchema';
import { promises as fsp } from 'node:fs';
import { writeFileAtomic } from '../fs/atomicWrite';
import { fusePatternsFromTrace } from './fusePatterns';
import { memoryTableFromTrace } from './memoryTable';
import type { AnalyzeResult } from './profileReport';

export interface RunMeta {
  readonly run_id: string;
  readonly framework: string | null;
  readonly workload: string | null;
}

export const ARTIFACT_FILES = ['analysis.json', 'bubble-table.csv', 'stage-table.csv', 'rank-skew-table.csv', 'five_tables.md', 'timeline_notes.md'] as const;

export class ArtifactExistsError extends Error {
  constructor(readonly files: string[]) {
    super(`would overwrite ${files.join(', ')}`);
  }
}

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvLine = (cells: readonly unknown[]): string => cells.map(csvCell).join(',') + '\n';
const boundaryText = (r: AnalyzeResult): string => `${r.report.boundary.previous}->${r.report.boundary.next}`;
const hostEventsText = (r: AnalyzeResult): string => r.report.gap_summary.top_host_events.map((e) => `${e.name}:${e.count}`).join(';');

export function analysisJson(r: AnalyzeResult, meta: RunMeta): Analysis {
  const reasons = r.report.status === 'OK' ? undefined : r.report.problems.map((p) => p.message);
  return analysisSchema.parse({
    schema: ANALYSIS_SCHEMA_ID,
    status: r.report.status,
    run_id: meta.run_id,
    framework: meta.framework,
    workload: meta.workload,
    trace: r.report.trace_files.join(', '),
    boundary: r.report.boundary,
    event_count: r.report.events,
    gap_summary: r.report.gap_summary,
    ...(reasons?.length ? { reasons } : {}),
  });
}

export function bubbleTableCsv(r: AnalyzeResult, meta: RunMeta): string {
  const g = r.report.gap_summary;
  return (
    csvLine(['run_id', 'framework', 'boundary', 'pair_count', 'gap_min_us', 'gap_median_us', 'gap_mean_us', 'gap_p90_us', 'gap_max_us', 'top_host_events', 'status']) +
    csvLine([meta.run_id, meta.framework, boundaryText(r), g.pair_count, g.gap_min_us, g.gap_median_us, g.gap_mean_us, g.gap_p90_us, g.gap_max_us, hostEventsText(r), r.report.status])
  );
}

/** Per device and step: step_trace_time rows when the capture has them, else the trace's overlap totals. */
export function stageTableCsv(r: AnalyzeResult): string {
  let out = csvLine(['device', 'step', 'computing_us', 'communication_us', 'communication_not_overlapped_us', 'overlapped_us', 'free_us', 'stage_us', 'pp_bubble_us', 'source']);
  if (r.stepTrace.length) {
    for (const s of r.stepTrace) {
      out += csvLine([s.device, s.step, s.computing, s.communication, s.commNotOverlapped, s.overlapped, s.free, s.stage, s.bubble, 'step_trace_time']);
    }
    return out;
  }
  for (const d of r.report.overlap.devices) {
    const overlapped = Math.round((d.communication_us - d.communication_not_overlapped_us) * 1000) / 1000;
    out += csvLine([d.device, 'all', d.computing_us, d.communication_us, d.communication_not_overlapped_us, overlapped, d.free_us, d.wall_us, '', r.report.overlap.source]);
  }
  return out;
}

/** Per device: its gaps and idle time next to the fastest device's. */
export function rankSkewTableCsv(r: AnalyzeResult): string {
  let out = csvLine(['device', 'pair_count', 'gap_median_us', 'gap_p90_us', 'computing_us', 'communication_not_overlapped_us', 'free_us', 'free_share', 'free_skew_us', 'gap_median_skew_us']);
  const gapsBy = new Map(r.report.gap_by_device.filter((g) => g.device !== null).map((g) => [g.device as number, g]));
  const overlapBy = new Map(r.report.overlap.devices.map((d) => [d.device, d]));
  const devices = [...new Set([...gapsBy.keys(), ...overlapBy.keys()])].sort((a, b) => a - b);
  const frees = devices.map((d) => overlapBy.get(d)?.free_us).filter((x): x is number => x !== undefined);
  const medians = devices.map((d) => gapsBy.get(d)?.gap_median_us).filter((x): x is number => x !== null && x !== undefined);
  const minFree = frees.length ? Math.min(...frees) : null;
  const minMedian = medians.length ? Math.min(...medians) : null;
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  for (const d of devices) {
    const g = gapsBy.get(d);
    const o = overlapBy.get(d);
    out += csvLine([
      d,
      g?.pair_count ?? 0,
      g?.gap_median_us ?? null,
      g?.gap_p90_us ?? null,
      o?.computing_us ?? null,
      o?.communication_not_overlapped_us ?? null,
      o?.free_us ?? null,
      o?.free_share ?? null,
      o && minFree !== null ? r3(o.free_us - minFree) : null,
      g?.gap_median_us !== null && g?.gap_median_us !== undefined && minMedian !== null ? r3(g.gap_median_us - minMedian) : null,
    ]);
  }
  return out;
}

const mdRow = (cells: readonly unknown[]): string => `| ${cells.map((c) => String(c ?? '').replace(/\|/g, '\\|')).join(' | ')} |\n`;
const mdTable = (head: readonly string[], rows: readonly (readonly unknown[])[]): string =>
  mdRow(head) + mdRow(head.map(() => '---')) + (rows.length ? rows.map(mdRow).join('') : mdRow(head.map((_, i) => (i === 0 ? '(none)' : ''))));
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

export function fiveTablesMd(r: AnalyzeResult): string {
  const k = r.report.kernel_table;
  const c = r.report.communication_table;
  const o = r.report.overlap;
  const d = r.report.dispatch_table;
  const fuse = r.trace ? fusePatternsFromTrace(r.trace) : [];
  const mem = r.trace ? memoryTableFromTrace(r.trace) : [];
  let md = '# Five tables\n\n';
  md += `## 1. Kernels by OP Type (source: ${k.source})\n\n`;
  md += mdTable(
    ['OP Type', 'Core type', 'Count', 'Total (us)', 'Avg (us)', 'Device time'],
    k.rows.map((x) => [x.op_type, x.core_type, x.count, x.total_us, x.avg_us, pct(x.share)]),
  );
  md += `\n${k.hidden_count} OP Type(s) under 1% of device time hidden (${pct(k.hidden_share)}, ${k.hidden_total_us} us).\n\n`;
  md += `## 2. Communication and overlap (source: ${c.source}; overlap: ${o.source})\n\n`;
  md += mdTable(['OP Type', 'Count', 'Total (us)', 'Avg (us)', 'Min (us)', 'Max (us)', 'Share'], c.rows.map((x) => [x.op_type, x.count, x.total_us, x.avg_us, x.min_us, x.max_us, pct(x.share)]));
  md += '\n';
  md += mdTable(
    ['Device', 'Computing', 'Communication', 'Not overlapped', 'Free', 'Wall (us)'],
    [...o.devices.map((x) => [x.device, pct(x.computing_share), pct(x.communication_share), pct(x.communication_not_overlapped_share), pct(x.free_share), x.wall_us]),
      ...(o.devices.length > 1 ? [['all', pct(o.total.computing_share), pct(o.total.communication_share), pct(o.total.communication_not_overlapped_share), pct(o.total.free_share), o.total.wall_us]] : [])],
  );
  md += `\nBottleneck hints: ${o.hints.length ? o.hints.map((h) => `${h.kind} (${pct(h.share)} > ${pct(h.threshold)})`).join(', ') : 'none'}.\n\n`;
  md += '## 3. Fuse patterns (adjacent OP Types on one stream)\n\n';
  md += mdTable(['First', 'Second', 'Occurrences', 'Total (us)', 'Avg gap (us)'], fuse.map((x) => [x.first, x.second, x.count, x.total_us, x.avg_gap_us]));
  md += `\n## 4. Dispatch efficiency per stream (source: ${d.source})\n\n`;
  md += mdTable(
    ['Device', 'Stream', 'Tasks', 'Busy (us)', 'Avg wait (us)', 'Avg gap (us)', 'Launches/ms'],
    d.rows.map((x) => [x.device, x.stream, x.task_count, x.busy_us, x.avg_wait_us, x.avg_gap_us, x.launches_per_ms]),
  );
  md += '\n## 5. Memory (NPU MEM counters)\n\n';
  md += mdTable(['Device', 'Counter', 'Unit', 'Samples', 'Min', 'Max', 'Last'], mem.map((x) => [x.device, x.counter, x.unit, x.samples, x.min, x.max, x.last]));
  return md;
}

export function timelineNotesMd(r: AnalyzeResult, meta: RunMeta): string {
  const rep = r.report;
  const g = rep.gap_summary;
  const t = r.trace;
  let span = '';
  if (t && t.count) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < t.count; i++) {
      if (t.startNs[i] < lo) lo = t.startNs[i];
      const e = t.startNs[i] + t.durNs[i];
      if (e > hi) hi = e;
    }
    span = `${((hi - lo) / 1000).toFixed(3)} us`;
  }
  const lines = [
    `# Timeline notes: ${meta.run_id}`,
    '',
    `- status: ${rep.status}`,
    `- trace: ${rep.trace_files.join(', ') || '(none)'}`,
    `- events: ${rep.events} in ${rep.lanes} lanes; devices: ${rep.devices.join(', ') || '(none)'}${span ? `; span ${span}` : ''}`,
    `- boundary: \`${rep.boundary.previous}\` -> \`${rep.boundary.next}\` (${g.prev_count} previous, ${g.next_count} next, ${g.pair_count} pairs)`,
    `- decode-step gap (us): min ${g.gap_min_us ?? '-'}, median ${g.gap_median_us ?? '-'}, mean ${g.gap_mean_us ?? '-'}, p90 ${g.gap_p90_us ?? '-'}, max ${g.gap_max_us ?? '-'}`,
    `- host calls inside the gaps: ${g.top_host_events.map((e) => `${e.name} x${e.count}`).join(', ') || '(none)'}`,
    `- bottleneck hints: ${rep.overlap.hints.map((h) => h.kind).join(', ') || 'none'}`,
    '',
    '## Per device',
    '',
    ...rep.gap_by_device.map(
      (d) => `- ${d.device === null ? 'host' : `device ${d.device}`}: ${d.pair_count} pairs, median ${d.gap_median_us ?? '-'} us, p90 ${d.gap_p90_us ?? '-'} us`,
    ),
    '',
    '## Problems',
    '',
    ...(rep.problems.length ? rep.problems.map((p) => `- ${p.message}`) : ['- none']),
    '',
  ];
  return lines.join('\n');
}

/** Writes every artifact into dir; refuses to replace existing files unless overwrite is set. */
export async function writeAnalysisArtifacts(dir: string, r: AnalyzeResult, meta: RunMeta, o: { overwrite?: boolean } = {}): Promise<string[]> {
  const files: Record<(typeof ARTIFACT_FILES)[number], string> = {
    'analysis.json': JSON.stringify(analysisJson(r, meta), null, 2) + '\n',
    'bubble-table.csv': bubbleTableCsv(r, meta),
    'stage-table.csv': stageTableCsv(r),
    'rank-skew-table.csv': rankSkewTableCsv(r),
    'five_tables.md': fiveTablesMd(r),
    'timeline_notes.md': timelineNotesMd(r, meta),
  };
  const targets = ARTIFACT_FILES.map((f) => path.join(dir, f));
  if (!o.overwrite) {
    const existing: string[] = [];
    for (const t of targets) if (await fsp.access(t).then(() => true, () => false)) existing.push(t);
    if (existing.length) throw new ArtifactExistsError(existing);
  }
  for (const f of ARTIFACT_FILES) await writeFileAtomic(path.join(dir, f), files[f]);
  return targets;
}
