// Generates a realistic, deterministic xLLM developer workspace: perf, accuracy, profiling and eval run roots.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { renderManifestMarkdown, type ManifestValues } from '../manifest/manifestTemplate';
import { writeSyntheticProfTree } from '../trace/syntheticTrace';
import { renderEvalscopePerf, type PerfShape } from './sampleEvalscope';
import { renderFree, renderNpuSmiInfo, renderNpuUsages, renderProcessList, renderUptime, type NpuState } from './sampleEnvSnapshots';
import { SeededRandom } from './seededRandom';

/** Marks a folder as generated, so regenerating it may replace its content without asking. */
export const SAMPLE_MARKER = '.xllm-sample-workspace';

export interface SampleWorkspaceResult {
  readonly folder: string;
  readonly runs: readonly { kind: string; runId: string }[];
  /** Text files written, not counting the profiler capture trees. */
  readonly files: number;
  readonly traceEvents: number;
}

export class SampleFolderNotEmptyError extends Error {
  constructor(readonly folder: string) {
    super(`${folder} is not empty and was not made by the sample generator; choose an empty folder`);
  }
}

const MODEL = 'Qwen3-32B';
const HOST = 'npu-host-a2';
const DEVICES = [0, 1, 2, 3];
const BASE_COMMIT = '7d3f2a91c4e8b05d6a1f9e2c3b4a5d6e7f809a1b';

type Files = Map<string, string>;

function npus(rnd: SeededRandom, busy: boolean, aicore = 0): NpuState[] {
  return [0, 1, 2, 3, 4, 5, 6, 7].map((id) => ({
    id,
    name: '910B2C',
    health: 'OK',
    powerW: rnd.around(busy && DEVICES.includes(id) ? 260 : 92, 8),
    tempC: Math.round(rnd.around(busy && DEVICES.includes(id) ? 58 : 45, 3)),
    busId: `0000:${(0x5a + id * 0x10).toString(16).toUpperCase()}:00.0`,
    aicorePct: busy && DEVICES.includes(id) ? aicore : 0,
    hbmUsedMb: busy && DEVICES.includes(id) ? 52110 + id * 13 : 3378 + id,
    hbmTotalMb: 65536,
    processes: busy && DEVICES.includes(id) ? [{ pid: 48210 + id, name: 'xllm', memMb: 48600 }] : [],
  }));
}

function envSnapshots(files: Files, dir: string, rnd: SeededRandom): void {
  files.set(`${dir}/env/npu-smi.before.txt`, renderNpuSmiInfo(npus(rnd, false)));
  for (const id of DEVICES) files.set(`${dir}/env/npu-usages.before.npu${id}.txt`, renderNpuUsages(npus(rnd, false)[id]));
  files.set(`${dir}/env/idle-usages.after-service.txt`, DEVICES.map((id) => renderNpuUsages(npus(rnd, true, 0)[id])).join('\n'));
  files.set(`${dir}/env/npu-smi.after.txt`, renderNpuSmiInfo(npus(rnd, true, 0)));
  files.set(`${dir}/env/process.before.txt`, renderProcessList([{ pid: 1021, cmd: '/usr/bin/python3 /opt/monitor/agent.py' }]));
  const service = [0, 1, 2, 3].map((i) => ({ pid: 48210 + i, cmd: `xllm --model /models/${MODEL} --devices npu:${i} --port 18000` }));
  files.set(`${dir}/env/process.after-service.txt`, renderProcessList([{ pid: 48200, cmd: `xllm --model /models/${MODEL} --port 18000` }, ...service]));
  files.set(`${dir}/env/process.after.txt`, renderProcessList([{ pid: 48200, cmd: `xllm --model /models/${MODEL} --port 18000` }, ...service]));
  files.set(`${dir}/env/mem.before.txt`, renderFree(212, 0));
  files.set(`${dir}/env/mem.after.txt`, renderFree(236, 0));
  files.set(`${dir}/env/load.before.txt`, renderUptime('09:58:02', [1.12, 1.3, 1.41]));
  files.set(`${dir}/env/load.after.txt`, renderUptime('10:21:47', [3.02, 2.71, 1.98]));
  files.set(`${dir}/env/precheck.time`, '2026-11-01T09:58:02+08:00\n');
}

function serviceArtifacts(files: Files, dir: string, startup: string): void {
  files.set(`${dir}/service/command.sh`, `#!/usr/bin/env bash\nset -euo pipefail\nexport ASCEND_RT_VISIBLE_DEVICES=0,1,2,3\n${startup}\n`);
  files.set(`${dir}/service/pids.txt`, '48200\n');
  files.set(`${dir}/service/node_0.log`, 'I1101 09:59:10 xllm_server.cpp:88] Loading model Qwen3-32B, tp=4\nI1101 10:00:41 xllm_server.cpp:131] KV cache: 21504 blocks of 128 tokens\nI1101 10:00:42 http_service.cpp:57] Listening on 0.0.0.0:18000\n');
  files.set(`${dir}/service/healthcheck.json`, JSON.stringify({ object: 'list', data: [{ id: MODEL, object: 'model', owned_by: 'xllm' }] }, null, 2) + '\n');
}

function startupCommand(extra = ''): string {
  return `xllm --model /models/${MODEL} --devices npu:0,npu:1,npu:2,npu:3 --port 18000 --max_memory_utilization 0.86 --block_size 128 --max_tokens_per_batch 10240 --max_seqs_per_batch 256 --enable_graph true${extra}`;
}

interface PerfRun {
  readonly runId: string;
  readonly date: string;
  readonly level: 'smoke' | 'quick' | 'full';
  readonly status: 'pending' | 'pass' | 'fail' | 'inconclusive';
  readonly commit: string;
  readonly purpose: string;
  readonly shape: Omit<PerfShape, 'model'>;
  readonly gitStatus?: string;
  readonly diff?: string;
  readonly baseline?: string;
  readonly fairness?: string;
  readonly speculative?: number;
  readonly gate: boolean;
  readonly startupExtra?: string;
}

function perfRun(files: Files, run: PerfRun, rnd: SeededRandom, baselineHeadline?: { tpotMs: number; outputTps: number }): { tpotMs: number; outputTps: number } {
  const dir = `runs/perf/${run.runId}`;
  const perf = renderEvalscopePerf({ model: MODEL, ...run.shape }, rnd);
  const stamp = run.date.replace(/-/g, '') + '_101530';
  const leaf = `${dir}/evalscope/raw/${stamp}/${MODEL}/parallel_${run.shape.parallel}_number_${run.shape.number}`;
  files.set(`${leaf}/benchmark_args.json`, perf.args);
  files.set(`${leaf}/benchmark_summary.json`, perf.summary);
  files.set(`${leaf}/benchmark_percentile.json`, perf.percentile);
  files.set(`${leaf}/benchmark.log`, `evalscope perf: ${run.shape.number} requests at concurrency ${run.shape.parallel}, warmup ${run.shape.warmup}\n`);
  files.set(`${dir}/evalscope/benchmark_summary.json`, perf.summary);
  files.set(`${dir}/evalscope/benchmark_percentile.json`, perf.percentile);
  if (run.gate) envSnapshots(files, dir, rnd);
  const startup = startupCommand(run.startupExtra ?? '');
  serviceArtifacts(files, dir, startup);
  if (run.diff) files.set(`${dir}/worktree.diff`, run.diff);
  const h = perf.headline;
  const spec = run.speculative ?? 0;
  const metrics = {
    run_id: run.runId,
    framework: 'xllm',
    model: MODEL,
    commit: run.commit,
    level: run.level,
    input_tokens: run.shape.inputTokens,
    output_tokens: run.shape.outputTokens,
    parallel: run.shape.parallel,
    number: run.shape.number,
    warmup_num: run.shape.warmup,
    stream: true,
    temperature: 0,
    top_p: null,
    top_k: null,
    ttft_ms: h.ttftMs,
    tpot_ms: h.tpotMs,
    itl_ms: h.itlMs,
    output_tps: h.outputTps,
    request_throughput: h.reqThroughput,
    success: h.success,
    total: h.total,
    speculative_num_accepted_tokens_delta: spec ? 612034 : null,
    speculative_num_draft_tokens_delta: spec ? 905112 : null,
    server_accept_rate: spec ? 0.6762 : null,
    evalscope_decoded_tok_per_iter: run.shape.decodedTokPerIter ?? null,
    evalscope_spec_accept_rate: run.shape.acceptRate ?? null,
  };
  files.set(`${dir}/metrics.json`, JSON.stringify(metrics, null, 2) + '\n');
  const delta = baselineHeadline ? `TPOT ${(((h.tpotMs - baselineHeadline.tpotMs) / baselineHeadline.tpotMs) * 100).toFixed(1)}%, output tok/s ${(((h.outputTps - baselineHeadline.outputTps) / baselineHeadline.outputTps) * 100).toFixed(1)}%` : '';
  const values: ManifestValues = {
    Identity: { run_id: run.runId, date: run.date, operator_or_agent: 'li.wei', purpose: run.purpose, level: run.level, conclusion_status: run.status },
    Code: {
      framework: 'xllm',
      repo_path: '/workspace/xllm',
      branch: run.baseline ? 'feat/fused-rope' : 'main',
      commit: run.commit,
      base_commit: BASE_COMMIT,
      git_status_short: run.gitStatus ?? '',
      submodule_status: '3c1b2a0d third_party/xllm_ops (v0.6.2)',
      build_command: 'python setup.py build',
      binary_path: '/workspace/xllm/build/xllm/core/server/xllm',
    },
    Environment: {
      host: HOST,
      container: 'xllm-dev',
      'NPU model': 'Ascend 910B2C',
      physical_device_ids: DEVICES.join(','),
      ASCEND_RT_VISIBLE_DEVICES: DEVICES.join(','),
      'CANN version': '8.2.RC1',
      'HDK driver version': '25.0.rc1',
      'torch_npu version': '2.5.1.post1',
      HCCL_IF_BASE_PORT: 64000,
    },
    Model: { model_name: MODEL, model_path: `/models/${MODEL}`, tokenizer_path: `/models/${MODEL}`, dtype: 'bf16', tensor_parallel: 4, pipeline_parallel: 1, speculative_tokens: spec, draft_model_path: spec ? `/models/${MODEL}-MTP` : '' },
    Service: {
      api_url: 'http://127.0.0.1:18000/v1',
      startup_script: 'service/command.sh',
      startup_command: startup,
      service_pid: 48200,
      log_dir: 'service',
      healthcheck_command: 'curl -s http://127.0.0.1:18000/v1/models',
      healthcheck_result: 'ok',
      graph_enabled: true,
      schedule_overlap: true,
      chunked_prefill: true,
      prefix_cache: false,
      block_size: 128,
      max_memory_utilization: 0.86,
      max_tokens_per_batch: 10240,
      max_seqs_per_batch: 256,
    },
    Workload: {
      dataset: 'random',
      input_tokens: run.shape.inputTokens,
      output_tokens: run.shape.outputTokens,
      parallel: run.shape.parallel,
      number: run.shape.number,
      warmup_num: run.shape.warmup,
      stream: true,
      max_tokens: run.shape.outputTokens,
      max_prompt_length: run.shape.inputTokens,
      temperature: 0.0,
      extra_body: '{"ignore_eos": true}',
    },
    Artifacts: {
      env_snapshot_dir: run.gate ? 'env' : '',
      service_artifact_dir: 'service',
      perf_artifact_dir: 'evalscope',
      metrics_json: 'metrics.json',
      report_md: 'report.md',
    },
    Comparison: {
      baseline_run_id: run.baseline ?? '',
      baseline_commit: run.baseline ? BASE_COMMIT : '',
      baseline_metrics: baselineHeadline ? `TPOT ${baselineHeadline.tpotMs} ms, ${baselineHeadline.outputTps} tok/s` : '',
      current_metrics: `TTFT ${h.ttftMs} ms, TPOT ${h.tpotMs} ms, ${h.outputTps} tok/s`,
      delta,
      fairness_notes: run.fairness ?? '',
    },
    Notes: { known_risks: '', deviations: '', next_steps: '' },
  };
  files.set(`${dir}/manifest.md`, renderManifestMarkdown(values));
  files.set(
    `${dir}/report.md`,
    `# ${run.runId}\n\n${run.purpose}\n\n| metric | value |\n|---|---|\n| TTFT avg (ms) | ${h.ttftMs} |\n| TPOT avg (ms) | ${h.tpotMs} |\n| ITL avg (ms) | ${h.itlMs} |\n| output tok/s | ${h.outputTps} |\n| requests | ${h.success}/${h.total} |\n`,
  );
  return { tpotMs: h.tpotMs, outputTps: h.outputTps };
}

function accuracyRun(files: Files, runId: string, o: { dataset: string; level: string; limit: number; correct: number; temperature: number; seed: number | null; date: string }): void {
  const dir = `runs/accuracy/${runId}`;
  const request = { api_url: 'http://127.0.0.1:18000/v1', model: MODEL, temperature: o.temperature, top_p: o.temperature ? 0.95 : null, top_k: o.temperature ? 20 : null, max_tokens: 2048, stream: true, seed: o.seed, extra_body: {} };
  files.set(`${dir}/request_config.json`, JSON.stringify(request, null, 2) + '\n');
  files.set(`${dir}/dataset_config.json`, JSON.stringify({ dataset: o.dataset, subsets: ['main'], limit: o.limit, few_shot: 0 }, null, 2) + '\n');
  const wrong = o.limit - o.correct;
  // Spread the wrong answers evenly, so failed_cases.jsonl looks like a real run's.
  const wrongAt = new Set(Array.from({ length: wrong }, (_, k) => Math.floor(((k + 0.5) * o.limit) / wrong)));
  const preds: string[] = [];
  const failed: string[] = [];
  for (let i = 0; i < o.limit; i++) {
    const ok = !wrongAt.has(i);
    const line = JSON.stringify({ id: `${o.dataset}-${i}`, prediction: String(ok ? 42 + i : 41 + i), target: String(42 + i), correct: ok });
    preds.push(line);
    if (!ok) failed.push(line);
  }
  const numCorrect = preds.length - failed.length;
  files.set(`${dir}/raw_predictions.jsonl`, preds.join('\n') + '\n');
  files.set(`${dir}/failed_cases.jsonl`, failed.join('\n') + (failed.length ? '\n' : ''));
  const score = { run_id: runId, dataset: o.dataset, subsets: ['main'], limit: o.limit, num_total: o.limit, num_correct: numCorrect, score: Math.round((numCorrect / o.limit) * 10000) / 10000, failed_case_count: failed.length, status: 'pass', level: o.level };
  files.set(`${dir}/score.json`, JSON.stringify(score, null, 2) + '\n');
  files.set(`${dir}/service_log_excerpt.txt`, 'I1102 11:02:13 http_service.cpp:57] Listening on 0.0.0.0:18000\n');
  files.set(
    `${dir}/manifest.md`,
    renderManifestMarkdown({
      Identity: { run_id: runId, date: o.date, operator_or_agent: 'li.wei', purpose: `${o.dataset} ${o.level} accuracy check of the fused RoPE patch`, level: 'quick', conclusion_status: 'pass' },
      Code: { framework: 'xllm', repo_path: '/workspace/xllm', branch: 'feat/fused-rope', commit: 'e4a19c2f7b6d5e3a1c0b9f8e7d6c5b4a39281706', base_commit: BASE_COMMIT },
      Environment: { host: HOST, container: 'xllm-dev', 'NPU model': 'Ascend 910B2C', physical_device_ids: '0,1,2,3', ASCEND_RT_VISIBLE_DEVICES: '0,1,2,3' },
      Model: { model_name: MODEL, model_path: `/models/${MODEL}`, tokenizer_path: `/models/${MODEL}`, dtype: 'bf16', tensor_parallel: 4, pipeline_parallel: 1, speculative_tokens: 0 },
      Service: { api_url: 'http://127.0.0.1:18000/v1', startup_command: startupCommand() },
      Workload: { dataset: o.dataset, number: o.limit, warmup_num: 1, stream: true, max_tokens: 2048, temperature: o.temperature, top_p: o.temperature ? 0.95 : null, top_k: o.temperature ? 20 : null, seed: o.seed },
      Artifacts: { accuracy_artifact_dir: '.', report_md: 'report.md' },
    }),
  );
  files.set(`${dir}/report.md`, `# ${runId}\n\n${o.dataset} (${o.level}): ${numCorrect}/${o.limit} correct. Failed cases: failed_cases.jsonl\n`);
}

interface ProfilingRun {
  readonly runId: string;
  readonly seed: number;
  readonly stepGapUs: number;
  readonly commit: string;
  readonly date: string;
  readonly purpose: string;
}

/** The text files of a profiling run root; the capture itself is streamed to disk by writeProfilingCapture. */
function profilingRun(files: Files, o: ProfilingRun): void {
  const runId = o.runId;
  const dir = `profiling/${runId}`;
  files.set(
    `${dir}/manifest.md`,
    renderManifestMarkdown({
      Identity: { run_id: runId, date: o.date, operator_or_agent: 'li.wei', purpose: o.purpose, level: 'quick', conclusion_status: 'pending' },
      Code: { framework: 'xllm', repo_path: '/workspace/xllm', branch: 'main', commit: o.commit, base_commit: BASE_COMMIT },
      Environment: { host: HOST, container: 'xllm-dev', 'NPU model': 'Ascend 910B2C', physical_device_ids: '0,1', ASCEND_RT_VISIBLE_DEVICES: '0,1' },
      Model: { model_name: MODEL, model_path: `/models/${MODEL}`, tokenizer_path: `/models/${MODEL}`, dtype: 'bf16', tensor_parallel: 2, pipeline_parallel: 1, speculative_tokens: 0 },
      Service: { api_url: 'http://127.0.0.1:18000/v1', startup_command: startupCommand(), service_pid: 48200 },
      Workload: { dataset: 'random', input_tokens: 2048, output_tokens: 256, parallel: 8, number: 32, warmup_num: 4, stream: true, temperature: 0.0 },
      Artifacts: { profiling_artifact_dir: '.' },
      Notes: { known_risks: 'Profiling run: diagnosis only, never a performance result.' },
    }),
  );
  files.set(`${dir}/capture.log`, `msprof --dynamic=on --output=${dir} --model-execution=on --runtime-api=on --aicpu=on --pid=48200\nstart\nstop\nquit\nexport done\n`);
  files.set(`${dir}/workload.log`, 'evalscope perf: 32 requests at concurrency 8, warmup 4 (before start)\n');
}

function writeProfilingCapture(folder: string, o: ProfilingRun) {
  const stamp = o.date.replace(/-/g, '') + '103000';
  return writeSyntheticProfTree(path.join(folder, 'profiling', o.runId), { seed: o.seed, devices: 2, decodeSteps: 60, stepGapUs: o.stepGapUs, stamp });
}

function evalRun(files: Files, runId: string): void {
  const dir = `runs/eval/${runId}`;
  files.set(`${dir}/manifest.md`, renderManifestMarkdown({ Identity: { run_id: runId, date: '2026-11-03', operator_or_agent: 'ci-agent', purpose: 'Combined perf + accuracy gate before merge', level: 'quick', conclusion_status: 'pending' }, Code: { framework: 'xllm', commit: 'e4a19c2f7b6d5e3a1c0b9f8e7d6c5b4a39281706' }, Model: { model_name: MODEL } }));
  files.set(`${dir}/perf/README.md`, 'Perf leg of the combined runner.\n');
  files.set(`${dir}/accuracy/README.md`, 'Accuracy leg of the combined runner.\n');
  files.set(`${dir}/report.md`, `# ${runId}\n\nCombined runner output.\n`);
}

async function isEmptyOrSample(folder: string): Promise<boolean> {
  const entries = await fs.readdir(folder).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw e;
  });
  return entries.length === 0 || entries.includes(SAMPLE_MARKER);
}

/** Writes the sample workspace; refuses a non-empty folder it did not make itself. */
export async function writeSampleWorkspace(folder: string): Promise<SampleWorkspaceResult> {
  const target = path.resolve(folder);
  if (!(await isEmptyOrSample(target))) throw new SampleFolderNotEmptyError(target);
  const generated = await fs.readdir(target).catch(() => [] as string[]);
  for (const entry of generated) await fs.rm(path.join(target, entry), { recursive: true, force: true });

  const rnd = new SeededRandom(20261101);
  const files: Files = new Map();
  const common = { parallel: 32, number: 512, inputTokens: 2048, outputTokens: 512 };
  const base = perfRun(files, { runId: 'qwen3-32b-tp4-baseline', date: '2026-11-01', level: 'full', status: 'pass', commit: BASE_COMMIT, purpose: 'Baseline TPOT at concurrency 32 before the fused RoPE patch', shape: { ...common, warmup: 8, ttftMs: 412, tpotMs: 38.6 }, gate: true }, rnd);
  perfRun(files, { runId: 'qwen3-32b-tp4-fused-rope', date: '2026-11-02', level: 'full', status: 'pass', commit: 'e4a19c2f7b6d5e3a1c0b9f8e7d6c5b4a39281706', purpose: 'Fused RoPE kernel: TPOT at concurrency 32 against the baseline', shape: { ...common, warmup: 8, ttftMs: 405, tpotMs: 35.4 }, baseline: 'qwen3-32b-tp4-baseline', fairness: 'Same devices 0-3, model, workload and startup flags; the patch is the only change.', gate: true, gitStatus: ' M xllm/core/kernels/npu/rope.cpp', diff: 'diff --git a/xllm/core/kernels/npu/rope.cpp b/xllm/core/kernels/npu/rope.cpp\n--- a/xllm/core/kernels/npu/rope.cpp\n+++ b/xllm/core/kernels/npu/rope.cpp\n@@ -40,7 +40,7 @@ void apply_rotary_pos_emb(Tensor& q, Tensor& k) {\n-  auto cos = rotary_cos(q);\n+  auto cos = fused_rotary_cos_sin(q);\n' }, rnd, base);
  perfRun(files, { runId: 'qwen3-32b-tp4-smoke', date: '2026-11-03', level: 'smoke', status: 'pending', commit: 'e4a19c2f7b6d5e3a1c0b9f8e7d6c5b4a39281706', purpose: 'Quick check that the service answers after the rebase', shape: { parallel: 1, number: 4, warmup: 0, inputTokens: 128, outputTokens: 64, ttftMs: 96, tpotMs: 31.2 }, gate: false }, rnd);
  perfRun(files, { runId: 'qwen3-32b-tp4-mtp', date: '2026-11-04', level: 'quick', status: 'pending', commit: 'e4a19c2f7b6d5e3a1c0b9f8e7d6c5b4a39281706', purpose: 'MTP speculative decoding with one draft token', shape: { ...common, number: 256, warmup: 4, ttftMs: 430, tpotMs: 24.9, decodedTokPerIter: 1.68, acceptRate: 0.68 }, speculative: 1, gate: true, startupExtra: ' --num_speculative_tokens 1' }, rnd);
  accuracyRun(files, 'qwen3-32b-gsm8k-l3', { dataset: 'gsm8k', level: 'L3', limit: 200, correct: 183, temperature: 0, seed: null, date: '2026-11-02' });
  accuracyRun(files, 'qwen3-32b-ceval-l2', { dataset: 'ceval', level: 'L2', limit: 8, correct: 7, temperature: 0.6, seed: null, date: '2026-11-02' });
  evalRun(files, 'qwen3-32b-premerge');
  files.set(SAMPLE_MARKER, 'Generated by xLLM NPU Workflow (xwf sample-workspace). Safe to delete.\n');
  files.set('config.example.json', JSON.stringify({ code: { xllm: { path: '/workspace/xllm', origin: { url: 'git@example.com:me/xllm.git', branch: 'feat/fused-rope', commit: null }, upstream: { url: 'git@example.com:xllm/xllm.git', branch: 'main', commit: null } } }, xllm_config: { model: MODEL, model_id: MODEL, max_memory_utilization: 0.8, max_seqs_per_batch: 1024, max_tokens_per_chunk_for_prefill: -1, max_tokens_per_batch: 10240, tp_size: 4, draft_model: null, num_speculative_tokens: 0 }, tests: { smoke: { prompt: 'Hello', temperature: 0, concurrency: [1] }, quick: { datasets: ['gsm8k'], num_questions: 200, concurrency: [1, 8, 32], sampling: { temperature: 0, top_p: 1, top_k: -1 } }, full: { models: [MODEL], datasets: ['gsm8k', 'ceval'], max_test_time_hours: 6 } } }, null, 2) + '\n');
  files.set('README.md', `# Sample xLLM workspace\n\nGenerated run roots for trying the xLLM NPU Workflow extension: perf runs (a baseline, a patched run, a smoke run, an MTP run), accuracy runs, profiling captures and a combined eval run.\n`);

  const profiling: ProfilingRun[] = [
    { runId: 'qwen3-32b-decode-baseline', seed: 7, stepGapUs: 420, commit: BASE_COMMIT, date: '2026-11-01', purpose: 'Explain the decode-step host gap before the patch' },
    { runId: 'qwen3-32b-decode-fused-rope', seed: 8, stepGapUs: 260, commit: 'e4a19c2f7b6d5e3a1c0b9f8e7d6c5b4a39281706', date: '2026-11-02', purpose: 'Decode-step gap after the fused RoPE patch' },
  ];
  for (const p of profiling) profilingRun(files, p);
  for (const [rel, content] of files) {
    const file = path.join(target, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
  let traceEvents = 0;
  for (const p of profiling) traceEvents += (await writeProfilingCapture(target, p)).events;
  const runs = [
    ...['qwen3-32b-tp4-baseline', 'qwen3-32b-tp4-fused-rope', 'qwen3-32b-tp4-smoke', 'qwen3-32b-tp4-mtp'].map((runId) => ({ kind: 'perf', runId })),
    { kind: 'accuracy', runId: 'qwen3-32b-gsm8k-l3' },
    { kind: 'accuracy', runId: 'qwen3-32b-ceval-l2' },
    ...profiling.map((p) => ({ kind: 'profiling', runId: p.runId })),
    { kind: 'eval', runId: 'qwen3-32b-premerge' },
  ];
  return { folder: target, runs, files: files.size, traceEvents };
}
