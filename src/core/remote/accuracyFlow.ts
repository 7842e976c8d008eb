// The accuracy flow: `evalscope eval` against the service, then score.json, request and dataset configs,
// raw predictions, failed cases and a service log excerpt in the run root (formats.md sections 1 and 3).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../fs/atomicWrite';
import type { PerfPlan } from './perfPlan';
import type { RunFlow } from './runFlow';
import { shellJoin } from './shellQuote';

/** Datasets of the Workload section: `dataset` may list several, comma- or space-separated. */
export function accuracyDatasets(plan: PerfPlan): string[] {
  return (plan.workload.dataset ?? 'gsm8k').split(/[\s,]+/).filter(Boolean);
}

/** The generation settings sent with every request (rule 7: temperature 0 unless sampling is the point). */
export function generationConfig(plan: PerfPlan): Record<string, unknown> {
  const w = plan.workload;
  const out: Record<string, unknown> = { temperature: w.temperature ?? 0 };
  if (w.topP !== undefined) out.top_p = w.topP;
  if (w.topK !== undefined) out.top_k = w.topK;
  if (w.seed !== undefined) out.seed = w.seed;
  const maxTokens = w.maxTokens ?? w.outputTokens;
  if (maxTokens !== undefined) out.max_tokens = maxTokens;
  if (w.extraBody) out.extra_body = JSON.parse(w.extraBody) as unknown;
  return out;
}

/** `evalscope eval` arguments; `evalType` is `openai_api` from evalscope 1.0 on, `service` before. */
export function evalscopeEvalArgv(plan: PerfPlan, workDir: string, evalType = 'openai_api'): string[] {
  const argv = ['evalscope', 'eval', '--model', plan.modelName, '--api-url', plan.apiUrl, '--api-key', 'EMPTY', '--eval-type', evalType, '--datasets', ...accuracyDatasets(plan)];
  if (plan.workload.number > 0) argv.push('--limit', String(plan.workload.number));
  argv.push('--generation-config', JSON.stringify(generationConfig(plan)), '--work-dir', workDir);
  return argv;
}

async function walkFiles(dir: string, depth = 0, out: string[] = []): Promise<string[]> {
  if (depth > 8) return out;
  for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walkFiles(p, depth + 1, out);
    else out.push(p);
  }
  return out.sort();
}

interface ReportScore {
  readonly dataset: string;
  readonly score: number | null;
  readonly num: number | null;
  readonly subsets: string[];
}

function readReport(value: unknown, file: string): ReportScore {
  const r = (value ?? {}) as { dataset_name?: unknown; score?: unknown; metrics?: { num?: unknown; categories?: { subsets?: { name?: unknown }[] }[] }[] };
  const metric = Array.isArray(r.metrics) ? r.metrics[0] : undefined;
  const subsets = (metric?.categories ?? []).flatMap((c) => (c.subsets ?? []).map((s) => String(s.name)));
  return {
    dataset: typeof r.dataset_name === 'string' ? r.dataset_name : path.basename(file, '.json'),
    score: typeof r.score === 'number' && Number.isFinite(r.score) ? r.score : null,
    num: typeof metric?.num === 'number' ? metric.num : null,
    subsets,
  };
}

/** A prediction or review line counts as failed when it says so (`ok`/`correct` false) or scores 0. */
function isFailedCase(line: string): boolean {
  try {
    const v = JSON.parse(line) as Record<string, unknown>;
    return v.ok === false || v.correct === false || v.score === 0;
  } catch {
    return false;
  }
}

export const accuracyFlow: RunFlow = {
  kind: 'accuracy',
  title: 'Accuracy run',
  tools: ['bash', 'setsid', 'tail', 'tar', 'curl', 'evalscope'],
  gate: false,
  serviceEnv: {},
  async workload(ctx) {
    const commandText = shellJoin(evalscopeEvalArgv(ctx.plan, 'evalscope/raw'));
    return {
      body: `mkdir -p evalscope/raw\nexec ${commandText}`,
      commandText,
      cmdFile: 'evalscope/command.sh',
      jobLog: 'evalscope/eval.log',
      streamLog: 'evalscope/eval.log',
      message: `evalscope eval: ${accuracyDatasets(ctx.plan).join(', ')}${ctx.plan.workload.number > 0 ? `, limit ${ctx.plan.workload.number}` : ''}`,
    };
  },
  async collect(ctx) {
    const { plan, runRoot } = ctx;
    const files = await walkFiles(path.join(runRoot, 'evalscope', 'raw'));
    const reports: ReportScore[] = [];
    for (const f of files.filter((f) => /[\\/]reports[\\/].+\.json$/.test(f))) {
      try {
        reports.push(readReport(JSON.parse(await fs.readFile(f, 'utf8')), f));
      } catch (e) {
        ctx.warn(`${path.relative(runRoot, f)}: not a readable report (${(e as Error).message})`);
      }
    }
    const predictions: string[] = [];
    for (const f of files.filter((f) => /[\\/](predictions|reviews)[\\/].+\.jsonl$/.test(f) && /[\\/]predictions[\\/]/.test(f))) {
      predictions.push(...(await fs.readFile(f, 'utf8')).split('\n').filter((l) => l.trim()));
    }
    const failed = predictions.filter(isFailedCase);
    await writeFileAtomic(path.join(runRoot, 'raw_predictions.jsonl'), predictions.map((l) => l + '\n').join(''));
    await writeFileAtomic(path.join(runRoot, 'failed_cases.jsonl'), failed.map((l) => l + '\n').join(''));
    const total = reports.reduce((a, r) => a + (r.num ?? 0), 0);
    const correct = reports.reduce((a, r) => a + Math.round((r.score ?? 0) * (r.num ?? 0)), 0);
    const score = {
      run_id: plan.runId,
      dataset: accuracyDatasets(plan).join(','),
      subsets: [...new Set(reports.flatMap((r) => r.subsets))],
      limit: plan.workload.number > 0 ? plan.workload.number : null,
      num_total: reports.length ? total : null,
      num_correct: reports.length ? correct : null,
      score: reports.length && total > 0 ? Math.round((correct / total) * 1e6) / 1e6 : null,
      failed_case_count: reports.length ? failed.length : null,
      // Pass or fail is a comparison against a baseline (accuracy >= baseline - 0.02), not something one run knows.
      status: reports.length ? 'pending' : 'inconclusive',
      per_dataset: reports.map((r) => ({ dataset: r.dataset, score: r.score, num: r.num })),
    };
    await writeFileAtomic(path.join(runRoot, 'score.json'), JSON.stringify(score, null, 2) + '\n');
    const gen = generationConfig(plan);
    const requestConfig = {
      api_url: plan.apiUrl,
      model: plan.modelName,
      temperature: (gen.temperature as number | undefined) ?? null,
      top_p: (gen.top_p as number | undefined) ?? null,
      top_k: (gen.top_k as number | undefined) ?? null,
      max_tokens: (gen.max_tokens as number | undefined) ?? null,
      stream: plan.workload.stream,
      seed: (gen.seed as number | undefined) ?? null,
      extra_body: (gen.extra_body as Record<string, unknown> | undefined) ?? null,
    };
    await writeFileAtomic(path.join(runRoot, 'request_config.json'), JSON.stringify(requestConfig, null, 2) + '\n');
    await writeFileAtomic(path.join(runRoot, 'dataset_config.json'), JSON.stringify({ datasets: accuracyDatasets(plan), limit: score.limit }, null, 2) + '\n');
    const serviceLog = await fs.readFile(path.join(runRoot, 'service', 'node_0.log'), 'utf8').catch(() => null);
    if (serviceLog !== null) await writeFileAtomic(path.join(runRoot, 'service_log_excerpt.txt'), serviceLog.split('\n').slice(-200).join('\n'));
    return {
      metrics: null,
      artifacts: { accuracy_artifact_dir: 'evalscope/raw/' },
      headline: reports.length
        ? [
            '| dataset | score | cases |',
            '|---|---|---|',
            ...reports.map((r) => `| ${r.dataset} | ${r.score ?? 'n/a'} | ${r.num ?? 'n/a'} |`),
            '',
            `- failed cases: ${failed.length} (failed_cases.jsonl)`,
            `- temperature ${String(requestConfig.temperature)}${requestConfig.temperature ? `, top_p ${requestConfig.top_p}, top_k ${requestConfig.top_k}, seed ${requestConfig.seed}` : ''}`,
          ]
        : ['No accuracy report was produced.'],
      inconclusive: reports.length ? undefined : 'evalscope eval wrote no report',
    };
  },
};
