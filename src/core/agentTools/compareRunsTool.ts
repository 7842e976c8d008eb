// xllm_compare_runs: baseline vs current with fairness, tolerance and verdict (`xwf compare --json`).
import { z } from 'zod';
import { comparisonSchema } from '../compare/comparisonSchema';
import { compareRuns } from '../compare/runComparison';
import { defineTool } from './agentTool';
import { compareArgs, compareOptionsOf, comparePairShape, loadRunInput } from './compareInputs';

export const compareRunsInput = z.strictObject(comparePairShape);

export const compareRunsTool = defineTool({
  name: 'xllm_compare_runs',
  title: 'Compare runs',
  titleZh: '对比运行',
  description:
    'Compare a baseline run and a current run: a fairness table (devices, code, model, workload, sampling, service and startup flags must match except the declared experiment), metric rows per concurrency level against tolerance (throughput >= 0.95x, latency <= 1.05x, accuracy >= -0.02) and the verdict PASS / FAIL / INCONCLUSIVE / SMOKE_ONLY with reasons. Use it whenever you would state a before/after gain: if gain.allowed is false, do not quote a percentage and say why (gain.message_en).',
  inputSchema: compareRunsInput,
  outputSchema: comparisonSchema,
  remote: false,
  readOnly: true,
  cli: { command: 'compare', args: compareArgs },
  summarize: (o, locale) =>
    locale === 'zh-cn'
      ? `${o.baseline.run_id} → ${o.current.run_id}：${o.verdict}${o.gain.allowed ? '' : '（不给出增益百分比）'}`
      : `${o.baseline.run_id} -> ${o.current.run_id}: ${o.verdict}${o.gain.allowed ? '' : ' (no percentage gain may be claimed)'}`,
  async run(input, ctx) {
    const options = compareOptionsOf(input);
    const [baseline, current] = await Promise.all([loadRunInput(ctx, input.baseline), loadRunInput(ctx, input.current)]);
    return compareRuns(baseline, current, options);
  },
});
