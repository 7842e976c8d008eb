// The perf flow: `evalscope perf` from the Workload section, results normalized into metrics.json.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../fs/atomicWrite';
import type { ManifestDocument } from '../manifest/manifestModel';
import { collectMetrics } from '../metrics/metricsCollector';
import { buildMetricsJson } from '../metrics/metricsJson';
import type { Metrics } from '../schemas/metricsSchema';
import { PERF_TOOLS } from './hostProbe';
import type { FlowContext, RunFlow } from './runFlow';
import { shellJoin } from './shellQuote';
import { evalscopePerfArgv } from './workloadCommand';

/** Copies the headline evalscope files next to raw/ as the run-root layout expects (one level only). */
export async function promoteEvalscopeFiles(runRoot: string): Promise<void> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number) => {
    if (depth > 6) return;
    for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory()) await walk(path.join(dir, e.name), depth + 1);
      else if (e.name === 'benchmark_summary.json') found.push(dir);
    }
  };
  await walk(path.join(runRoot, 'evalscope', 'raw'), 0);
  if (found.length !== 1) return; // several levels: the collector reads them all from raw/
  for (const name of ['benchmark_summary.json', 'benchmark_percentile.json']) {
    const text = await fs.readFile(path.join(found[0], name), 'utf8').catch(() => null);
    if (text !== null) await writeFileAtomic(path.join(runRoot, 'evalscope', name), text);
  }
}

/** Manifest values by key, in their natural types, as the metrics builder takes them. */
export function manifestValues(doc: ManifestDocument): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of doc.entries) if (e.filled && out[e.key] === undefined) out[e.key] = e.parsed?.ok ? e.parsed.value : e.text;
  return out;
}

/** Collects evalscope results under `rawDir` and writes metrics.json; null when there is no result. */
export async function writeMetrics(ctx: FlowContext, rawDir: string): Promise<Metrics | null> {
  const collected = await collectMetrics(rawDir, { locale: ctx.locale }).catch(() => null);
  if (!collected || !collected.records.length) return null;
  const metrics = buildMetricsJson(collected.records, manifestValues(ctx.doc));
  await writeFileAtomic(path.join(ctx.runRoot, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  return metrics;
}

const fmt = (v: unknown, digits = 2): string => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(digits)) : 'n/a');

/** Headline lines of a metrics record: avg, p50, p90, p99 of the latencies, then throughput. */
export function metricsHeadline(m: Metrics | null): string[] {
  if (!m) return ['No benchmark result was produced.'];
  const b = m.benchmarks?.[0];
  return [
    '| metric | avg | p50 | p90 | p99 |',
    '|---|---|---|---|---|',
    ...(['ttft_ms', 'tpot_ms', 'itl_ms'] as const).map((k) => {
      const p = b?.percentiles?.[k] ?? {};
      return `| ${k} | ${fmt(m[k])} | ${fmt(p.p50)} | ${fmt(p.p90)} | ${fmt(p.p99)} |`;
    }),
    '',
    `- output throughput (tok/s): ${fmt(m.output_tps)}`,
    `- request throughput (req/s): ${fmt(m.request_throughput, 3)}`,
    `- success / total: ${fmt(m.success)} / ${fmt(m.total)}`,
    `- parallel ${fmt(m.parallel)}, number ${fmt(m.number)}, warmup ${fmt(m.warmup_num)}`,
  ];
}

export const perfFlow: RunFlow = {
  kind: 'perf',
  title: 'Perf run',
  tools: PERF_TOOLS,
  gate: true,
  serviceEnv: {},
  async workload(ctx) {
    const w = ctx.plan.workload;
    const commandText = shellJoin(evalscopePerfArgv(ctx.plan, 'evalscope/raw'));
    return {
      body: `mkdir -p evalscope/raw\nexec ${commandText}`,
      commandText,
      cmdFile: 'evalscope/command.sh',
      jobLog: 'evalscope/evalscope.log',
      streamLog: 'evalscope/evalscope.log',
      message: `evalscope perf: parallel ${w.parallel}, number ${w.number}, warmup ${w.warmupNum}`,
    };
  },
  async collect(ctx) {
    await promoteEvalscopeFiles(ctx.runRoot);
    const metrics = await writeMetrics(ctx, path.join(ctx.runRoot, 'evalscope', 'raw'));
    const exists = async (rel: string) => (await fs.stat(path.join(ctx.runRoot, rel)).catch(() => null)) !== null;
    return {
      metrics,
      artifacts: { perf_artifact_dir: (await exists('evalscope/raw')) ? 'evalscope/raw/' : undefined, metrics_json: metrics ? 'metrics.json' : undefined },
      headline: metricsHeadline(metrics),
    };
  },
};
