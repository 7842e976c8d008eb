// report.md of a remote perf run: outcome, headline numbers, gate, exact commands and where the evidence is.
import type { Metrics } from '../schemas/metricsSchema';

export interface RunReportInput {
  readonly runId: string;
  readonly level: string;
  readonly status: string;
  readonly conclusion: string;
  readonly reason: string | null;
  readonly model: string;
  readonly hostLabel: string;
  readonly container: string | null;
  readonly devices: readonly number[];
  readonly gate: { readonly verdict: string; readonly reasons: readonly string[] } | null;
  readonly serviceReused: boolean;
  readonly startupCommand: string | null;
  readonly workloadCommand: string | null;
  readonly versions: Readonly<Record<string, string>>;
  readonly metrics: Metrics | null;
  readonly artifacts: readonly string[];
  readonly refused: readonly { path: string; reason: string }[];
}

const fmt = (v: unknown, digits = 2): string => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(digits)) : v === null || v === undefined ? 'n/a' : String(v));

export function renderRunReport(r: RunReportInput): string {
  const m = r.metrics;
  const lines = [
    `# Perf run ${r.runId}`,
    '',
    `- level: ${r.level}`,
    `- outcome: ${r.status} (conclusion_status: ${r.conclusion})`,
    ...(r.reason ? [`- reason: ${r.reason}`] : []),
    `- model: ${r.model}`,
    `- host: ${r.hostLabel}${r.container ? ` (container ${r.container})` : ''}`,
    `- devices: ${r.devices.join(',')}`,
    `- service: ${r.serviceReused ? 'reused a healthy running service' : 'started for this run'}`,
    '',
    '## Headline',
    '',
  ];
  if (m) {
    const b = m.benchmarks?.[0];
    lines.push(
      '| metric | avg | p50 | p90 | p99 |',
      '|---|---|---|---|---|',
      ...(['ttft_ms', 'tpot_ms', 'itl_ms'] as const).map((k) => {
        const key = k.replace('_ms', '').toUpperCase();
        const p = b?.percentiles?.[k] ?? b?.percentiles?.[key] ?? {};
        return `| ${k} | ${fmt(m[k])} | ${fmt(p.p50)} | ${fmt(p.p90)} | ${fmt(p.p99)} |`;
      }),
      '',
      `- output throughput (tok/s): ${fmt(m.output_tps)}`,
      `- request throughput (req/s): ${fmt(m.request_throughput, 3)}`,
      `- success / total: ${fmt(m.success)} / ${fmt(m.total)}`,
      `- parallel ${fmt(m.parallel)}, number ${fmt(m.number)}, warmup ${fmt(m.warmup_num)}`,
      '',
    );
  } else lines.push('No benchmark result was produced.', '');
  lines.push('## Precheck gate', '');
  if (r.gate) {
    lines.push(`- verdict: ${r.gate.verdict}`);
    for (const reason of r.gate.reasons) lines.push(`  - ${reason}`);
  } else lines.push('- not run');
  lines.push('', '## Commands', '');
  lines.push('Service:', '', '```sh', r.startupCommand ?? '(reused; not started by this run)', '```', '');
  lines.push('Benchmark:', '', '```sh', r.workloadCommand ?? '(not started)', '```', '');
  const versions = Object.entries(r.versions);
  if (versions.length) lines.push('## Versions reported by the host', '', ...versions.map(([k, v]) => `- ${k}: ${v}`), '');
  lines.push('## Artifacts', '', ...r.artifacts.map((a) => `- ${a}`), '');
  if (r.refused.length) lines.push('## Refused archive entries', '', ...r.refused.map((e) => `- ${e.path}: ${e.reason}`), '');
  lines.push('Profiling was not attached to this run; its numbers are comparable with other normal perf runs of the same workload.', '');
  return lines.join('\n');
}
