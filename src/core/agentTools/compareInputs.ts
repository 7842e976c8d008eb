// What the compare and PR-evidence tools share: the run pair, the experiment and the tolerances, read the way
// `xwf compare` reads its options, and run roots loaded with the same error wording.
import { z } from 'zod';
import { loadRunEvidence, RunNotFoundError } from '../compare/loadRunEvidence';
import type { RunEvidence } from '../compare/runEvidence';
import type { CompareOptions } from '../compare/runComparison';
import { toleranceProblem } from '../compare/tolerance';
import { AgentToolError, resolveInputPath, type AgentToolContext } from './agentTool';

export const comparePairShape = {
  baseline: z.string().min(1).describe('Run root of the baseline (e.g. runs/perf/<run_id>).'),
  current: z.string().min(1).describe('Run root of the current (patched) run.'),
  experiment: z.string().min(1).optional().describe('The one parameter allowed to differ (manifest key or startup flag); default: what fairness_notes names.'),
  tolerance_throughput: z.number().positive().optional().describe('Throughput passes when current >= this x baseline (default 0.95).'),
  tolerance_latency: z.number().positive().optional().describe('TTFT/TPOT/ITL pass when current <= this x baseline (default 1.05).'),
  tolerance_accuracy: z.number().min(0).max(1).optional().describe('Accuracy passes when current >= baseline - this (default 0.02).'),
};

type PairInput = { baseline: string; current: string; experiment?: string; tolerance_throughput?: number; tolerance_latency?: number; tolerance_accuracy?: number };

export function compareOptionsOf(input: PairInput): CompareOptions {
  const tolerances = { throughput: input.tolerance_throughput, latency: input.tolerance_latency, accuracy: input.tolerance_accuracy };
  const problem = toleranceProblem(tolerances);
  if (problem) throw new AgentToolError('usage', problem);
  return { tolerances, experiment: input.experiment ?? null, displayPaths: { baseline: input.baseline, current: input.current } };
}

export function compareArgs(input: PairInput): string[] {
  const opt = (flag: string, v: string | number | undefined) => (v === undefined ? [] : [flag, String(v)]);
  return [
    input.baseline,
    input.current,
    ...opt('--experiment', input.experiment),
    ...opt('--tolerance-throughput', input.tolerance_throughput),
    ...opt('--tolerance-latency', input.tolerance_latency),
    ...opt('--tolerance-accuracy', input.tolerance_accuracy),
  ];
}

/** A run root named in an input; a missing one is an environment error. */
export async function loadRunInput(ctx: AgentToolContext, given: string): Promise<RunEvidence> {
  try {
    return await loadRunEvidence(resolveInputPath(ctx, given));
  } catch (e) {
    if (e instanceof RunNotFoundError) throw new AgentToolError('environment', `${given}: ${e.message.slice(e.runRoot.length + 2)}`);
    throw e;
  }
}
