// The `evalscope perf` command of a perf plan, as an argument vector (quoted only when rendered for a shell).
import type { PerfPlan } from './perfPlan';

/** Arguments of `evalscope perf`; `outputsDir` is the remote evalscope/raw folder. */
export function evalscopePerfArgv(plan: PerfPlan, outputsDir: string): string[] {
  const w = plan.workload;
  const argv = ['evalscope', 'perf', '--url', `${plan.apiUrl}/chat/completions`, '--api', 'openai', '--model', plan.modelName];
  argv.push('--parallel', String(w.parallel), '--number', String(w.number));
  // --warmup-num exists from evalscope 1.7.1; a smoke run without warmup leaves it out for older clients.
  if (w.warmupNum > 0) argv.push('--warmup-num', String(w.warmupNum));
  if (w.dataset) argv.push('--dataset', w.dataset);
  if (w.datasetPath) argv.push('--dataset-path', w.datasetPath);
  if (plan.tokenizerPath) argv.push('--tokenizer-path', plan.tokenizerPath);
  const maxTokens = w.maxTokens ?? w.outputTokens;
  if (maxTokens !== undefined) argv.push('--max-tokens', String(maxTokens));
  if (w.outputTokens !== undefined) argv.push('--min-tokens', String(w.outputTokens));
  const promptLength = w.inputTokens ?? w.maxPromptLength;
  if (promptLength !== undefined) argv.push('--min-prompt-length', String(promptLength), '--max-prompt-length', String(w.maxPromptLength ?? promptLength));
  if (w.stream) argv.push('--stream');
  if (w.temperature !== undefined) argv.push('--temperature', String(w.temperature));
  if (w.topP !== undefined) argv.push('--top-p', String(w.topP));
  if (w.topK !== undefined) argv.push('--top-k', String(w.topK));
  if (w.seed !== undefined) argv.push('--seed', String(w.seed));
  if (w.extraBody) argv.push('--extra-args', w.extraBody);
  argv.push('--outputs-dir', outputsDir);
  return argv;
}
