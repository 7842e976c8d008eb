// A deterministic workspace of N run roots of every kind, with real-looking manifests and artifacts, for the run benches.
//
// Mix: perf 50 %, accuracy 20 %, profiling 15 %, eval/capacity/compute 5 % each; one manifest in ten is YAML;
// some perf runs compare against an earlier baseline, some are dirty with a saved diff, a few are still
// running (no metrics.json) or were cut off mid-write. Beside the runs: a source checkout with `profiling/`
// source folders that are not run roots, and a node_modules tree that discovery must skip.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCore, REPO_ROOT } from './coreBundle.mjs';

/** Bump when the generated tree changes, so a kept workspace from an older generator is rebuilt. */
const GENERATOR_VERSION = 4;
const MARKER = '.bench-workspace.json';

const MODELS = [
  { name: 'Qwen3-32B', tp: 4, dtype: 'bf16' },
  { name: 'Qwen3-8B', tp: 1, dtype: 'bf16' },
  { name: 'Qwen2.5-72B-Instruct', tp: 8, dtype: 'bf16' },
  { name: 'DeepSeek-V3-w8a8', tp: 16, dtype: 'w8a8' },
  { name: 'GLM-4.5-Air', tp: 4, dtype: 'bf16' },
];
const SECTIONS = ['Identity', 'Code', 'Environment', 'Model', 'Service', 'Workload', 'Artifacts', 'Comparison', 'Notes'];
const DATASETS = ['gsm8k', 'ceval', 'mmlu', 'humaneval', 'math500'];

/**
 * Returns the folder of a generated workspace with `runs` run roots under `.bench-data/<name>`,
 * reusing one made earlier by the same generator version unless `fresh`.
 */
export async function prepareRunWorkspace(name, runs, { fresh = false, seed = 20260601, log = console.log } = {}) {
  const folder = join(REPO_ROOT, '.bench-data', `${name}-${runs}`);
  const want = { version: GENERATOR_VERSION, runs, seed };
  if (!fresh && existsSync(join(folder, MARKER))) {
    try {
      const have = JSON.parse(readFileSync(join(folder, MARKER), 'utf8'));
      if (have.version === want.version && have.runs === runs && have.seed === seed) {
        log(`reusing the workspace kept in .bench-data/${name}-${runs} (--fresh regenerates it)`);
        return { folder, generated: false, ...have };
      }
    } catch {
      // An unreadable marker: regenerate.
    }
  }
  rmSync(folder, { recursive: true, force: true });
  const t0 = performance.now();
  const stats = await writeRunWorkspace(folder, runs, seed);
  writeFileSync(join(folder, MARKER), JSON.stringify({ ...want, ...stats }) + '\n');
  log(`generated ${runs.toLocaleString('en-US')} run roots (${stats.files.toLocaleString('en-US')} files) in .bench-data/${name}-${runs} in ${((performance.now() - t0) / 1000).toFixed(1)} s (kept for the next run; --clean removes it)`);
  return { folder, generated: true, ...want, ...stats };
}

export function removeRunWorkspace(folder) {
  rmSync(folder, { recursive: true, force: true });
}

async function writeRunWorkspace(folder, count, seed) {
  const core = await loadCore('workspace-gen', {
    'src/core/manifest/manifestTemplate.ts': ['renderManifestMarkdown'],
    'src/core/sample/seededRandom.ts': ['SeededRandom'],
    'src/core/sample/sampleEvalscope.ts': ['renderEvalscopePerf'],
  });
  const YAML = createRequire(import.meta.url)('yaml');
  const rnd = new core.SeededRandom(seed);
  const pick = (xs) => xs[Math.floor(rnd.next() * xs.length)];
  const commits = Array.from({ length: 400 }, () => rnd.hex(40));
  const hosts = Array.from({ length: 24 }, (_, i) => `npu-node-${String(i + 1).padStart(2, '0')}`);
  let files = 0;
  const made = new Set();
  const put = (rel, text) => {
    const file = join(folder, rel);
    const dir = dirname(file);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(file, text);
    files++;
  };
  const manifest = (dir, values, yaml) => {
    // Sections in template order, as a person or the New Run command writes them.
    const ordered = Object.fromEntries(SECTIONS.filter((s) => values[s]).map((s) => [s, values[s]]));
    if (yaml) put(`${dir}/manifest.yaml`, `# ${values.Identity.purpose}\n` + YAML.stringify(ordered, { lineWidth: 0 }));
    else put(`${dir}/manifest.md`, core.renderManifestMarkdown(values));
  };

  const perfBaselines = new Map(); // model -> run ids of earlier formal perf runs
  const runs = [];
  for (let i = 0; i < count; i++) {
    const r = rnd.next();
    const kind = r < 0.5 ? 'perf' : r < 0.7 ? 'accuracy' : r < 0.85 ? 'profiling' : r < 0.9 ? 'eval' : r < 0.95 ? 'capacity' : 'compute';
    const model = pick(MODELS);
    const slug = model.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const day = 1 + (i % 28);
    const date = `2026-${String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const runId = `${slug}-${kind}-${String(i).padStart(5, '0')}`;
    const dir = kind === 'profiling' ? `profiling/${runId}` : `runs/${kind}/${runId}`;
    const commit = pick(commits);
    const host = pick(hosts);
    const level = pick(['smoke', 'quick', 'quick', 'full', 'full']);
    const status = level === 'smoke' ? 'pending' : pick(['pending', 'pass', 'pass', 'fail', 'inconclusive']);
    const yaml = rnd.next() < 0.1;
    const devices = Array.from({ length: Math.min(model.tp, 8) }, (_, k) => k).join(',');
    const startup = `xllm --model /data/models/${model.name} --devices ${devices} --port 18000 --max_memory_utilization 0.86 --block_size 128 --max_tokens_per_batch 20480 --max_seqs_per_batch 256 --enable_graph true`;
    const base = {
      Identity: { run_id: runId, date, operator_or_agent: pick(['perf-agent', 'li.wei', 'l.wang', 'ci-agent']), purpose: `${kind} run ${i} of ${model.name} on ${host}`, level, conclusion_status: status },
      Code: { framework: 'xllm', repo_path: 'code/xllm', branch: pick(['main', 'perf/schedule-overlap', 'feat/fused-rope']), commit, base_commit: commits[0], git_status_short: '', submodule_status: `${commits[1]} third_party/xllm_ops (v0.4.2)`, build_command: 'python setup.py build --device a2', binary_path: 'code/xllm/build/xllm/core/server/xllm' },
      Environment: { host, container: 'xllm-dev-cann8.1', 'NPU model': 'Ascend 910B2', physical_device_ids: devices, ASCEND_RT_VISIBLE_DEVICES: devices, 'CANN version': '8.1.RC1', 'HDK driver version': '24.1.rc3', 'torch_npu version': '2.5.1.post1', HCCL_IF_BASE_PORT: 43432 },
      Model: { model_name: model.name, model_path: `/data/models/${model.name}`, tokenizer_path: `/data/models/${model.name}`, dtype: model.dtype, tensor_parallel: model.tp, pipeline_parallel: 1, speculative_tokens: 0 },
      Service: { api_url: 'http://127.0.0.1:18000/v1', startup_script: 'service/command.sh', startup_command: startup, service_pid: 2790000 + i, log_dir: 'service/', graph_enabled: true, schedule_overlap: false, chunked_prefill: true, prefix_cache: false, block_size: 128, max_memory_utilization: 0.86, max_tokens_per_batch: 20480, max_seqs_per_batch: 256 },
      Notes: { known_risks: 'None known.', deviations: 'None', next_steps: '' },
    };
    runs.push({ kind, runId, dir });

    if (kind === 'perf') {
      const parallel = pick([1, 8, 16, 32, 64]);
      const warmup = level === 'smoke' ? 0 : Math.max(1, parallel / 2);
      const perf = core.renderEvalscopePerf({ model: model.name, parallel, number: 32, warmup, inputTokens: 2048, outputTokens: 512, ttftMs: 200 + rnd.next() * 600, tpotMs: 8 + rnd.next() * 30 }, rnd);
      const h = perf.headline;
      const dirty = rnd.next() < 0.1;
      const baselines = perfBaselines.get(model.name) ?? [];
      const baseline = baselines.length && rnd.next() < 0.3 ? pick(baselines) : '';
      const gate = rnd.next() < 0.7;
      manifest(dir, {
        ...base,
        Code: { ...base.Code, git_status_short: dirty ? ' M xllm/core/scheduler/continuous_scheduler.cpp' : '' },
        Workload: { dataset: 'random', input_tokens: 2048, output_tokens: 512, parallel, number: 32, warmup_num: warmup, stream: true, max_tokens: 512, max_prompt_length: 2048, temperature: 0.0, top_p: 1.0, top_k: -1, seed: 42, extra_body: '`{"ignore_eos": true}`' },
        Artifacts: { env_snapshot_dir: gate ? 'env/' : '', service_artifact_dir: 'service/', perf_artifact_dir: 'evalscope/raw/', metrics_json: 'metrics.json', report_md: 'report.md' },
        Comparison: { baseline_run_id: baseline, baseline_commit: baseline ? commits[0] : '', current_metrics: `output ${h.outputTps} tok/s, TTFT ${h.ttftMs} ms, TPOT ${h.tpotMs} ms at parallel ${parallel}`, fairness_notes: baseline ? 'Same devices, model, workload and startup flags; the patch is the only change.' : '' },
      }, yaml);
      if (level !== 'smoke' && !dirty) perfBaselines.set(model.name, [...baselines, runId]);
      const metrics = { run_id: runId, framework: 'xllm', model: model.name, commit, level, input_tokens: 2048, output_tokens: 512, parallel, number: 32, warmup_num: warmup, stream: true, temperature: 0, top_p: null, top_k: null, ttft_ms: h.ttftMs, tpot_ms: h.tpotMs, itl_ms: h.itlMs, output_tps: h.outputTps, request_throughput: h.reqThroughput, success: h.success, total: h.total };
      const m = rnd.next();
      if (m < 0.98) put(`${dir}/metrics.json`, JSON.stringify(metrics, null, 2) + '\n');
      else if (m < 0.99) put(`${dir}/metrics.json`, JSON.stringify(metrics, null, 2).slice(0, 200)); // cut off mid-write
      put(`${dir}/evalscope/benchmark_summary.json`, perf.summary);
      put(`${dir}/evalscope/benchmark_percentile.json`, perf.percentile);
      // Folders below the run root's top level hold one file each: discovery lists only the top level, and
      // every extra file is paid for again when the workspace is deleted (slow on this kind of disk).
      put(`${dir}/evalscope/raw/benchmark_args.json`, perf.args);
      put(`${dir}/service/command.sh`, `#!/usr/bin/env bash\nset -euo pipefail\nexport ASCEND_RT_VISIBLE_DEVICES=${devices}\n${startup}\n`);
      if (gate) put(`${dir}/env/precheck.time`, `${date}T20:40:02+08:00\n`);
      if (dirty) put(`${dir}/worktree.diff`, 'diff --git a/xllm/core/scheduler/continuous_scheduler.cpp b/xllm/core/scheduler/continuous_scheduler.cpp\n');
      put(`${dir}/report.md`, `# ${runId}\n\n| metric | value |\n|---|---|\n| TTFT avg (ms) | ${h.ttftMs} |\n| TPOT avg (ms) | ${h.tpotMs} |\n| output tok/s | ${h.outputTps} |\n`);
    } else if (kind === 'accuracy') {
      const dataset = pick(DATASETS);
      const limit = 20;
      const correct = 14 + Math.floor(rnd.next() * 7);
      manifest(dir, {
        ...base,
        Workload: { dataset, number: limit, warmup_num: 1, stream: true, max_tokens: 2048, temperature: 0.0, top_p: 1.0, top_k: -1, seed: 42 },
        Artifacts: { accuracy_artifact_dir: '.', report_md: 'report.md' },
      }, yaml);
      put(`${dir}/request_config.json`, JSON.stringify({ api_url: 'http://127.0.0.1:18000/v1', model: model.name, temperature: 0, top_p: 1, top_k: -1, max_tokens: 2048, stream: true, seed: 42 }, null, 2) + '\n');
      put(`${dir}/dataset_config.json`, JSON.stringify({ dataset, subsets: ['main'], limit, few_shot: 0 }, null, 2) + '\n');
      const lines = Array.from({ length: limit }, (_, k) => JSON.stringify({ id: `${dataset}-${k}`, prediction: String(k < correct ? 42 + k : 41 + k), target: String(42 + k), correct: k < correct }));
      put(`${dir}/raw_predictions.jsonl`, lines.join('\n') + '\n');
      put(`${dir}/failed_cases.jsonl`, lines.slice(correct).join('\n') + '\n');
      put(`${dir}/score.json`, JSON.stringify({ run_id: runId, dataset, subsets: ['main'], limit, num_total: limit, num_correct: correct, score: correct / limit, failed_case_count: limit - correct, status: 'pass', level: 'L3' }, null, 2) + '\n');
      put(`${dir}/report.md`, `# ${runId}\n\n${dataset}: ${correct}/${limit} correct.\n`);
    } else if (kind === 'profiling') {
      const captured = rnd.next() < 0.9;
      manifest(dir, {
        ...base,
        Workload: { dataset: 'random', input_tokens: 2048, output_tokens: 256, parallel: 8, number: 32, warmup_num: 4, stream: true, temperature: 0.0 },
        Artifacts: { profiling_artifact_dir: '.' },
      }, yaml);
      put(`${dir}/capture.log`, `msprof --dynamic=on --output=. --model-execution=on --runtime-api=on --aicpu=on --pid=${2790000 + i}\nstart\nstop\nquit\nexport done\n`);
      put(`${dir}/workload.log`, 'evalscope perf: 32 requests at concurrency 8, warmup 4 (before start)\n');
      if (captured) {
        put(`${dir}/PROF_000001_20260528204137123_ABCDEFGH/mindstudio_profiler_output/op_summary_20260528204200.csv`, 'Device_id,Model Name,Op Name,OP Type,Task Duration(us)\n0,0,MatMulV2_1,MatMulV2,812.3\n');
        put(`${dir}/analysis.json`, JSON.stringify({ run_id: runId, gap_summary: { gap_median_us: Math.round(100 + rnd.next() * 400), gap_p90_us: Math.round(500 + rnd.next() * 900), top_host_events: [] } }, null, 2) + '\n');
      }
    } else if (kind === 'eval') {
      manifest(dir, { ...base, Workload: { dataset: 'random', warmup_num: 4, parallel: 16, number: 256 } }, yaml);
      put(`${dir}/perf/README.md`, 'Perf leg of the combined runner.\n');
      put(`${dir}/accuracy/README.md`, 'Accuracy leg of the combined runner.\n');
      put(`${dir}/env/precheck.time`, `${date}T20:40:02+08:00\n`);
      put(`${dir}/service/command.sh`, `#!/usr/bin/env bash\n${startup}\n`);
      put(`${dir}/report.md`, `# ${runId}\n\nCombined runner output.\n`);
    } else if (kind === 'capacity') {
      manifest(dir, base, yaml);
      put(`${dir}/startup-log-excerpt.txt`, 'I0528 20:44:58 block_manager.cpp:71] KV cache: 21504 blocks of 128 tokens\n');
      put(`${dir}/capacity.json`, JSON.stringify({ run_id: runId, kv_blocks: 21504, block_size: 128, max_tokens: 2752512 }, null, 2) + '\n');
      put(`${dir}/report.md`, `# ${runId}\n`);
    } else {
      manifest(dir, base, yaml);
      put(`${dir}/compute-estimate.json`, JSON.stringify({ run_id: runId, flops_per_token: 6.4e10, mfu: 0.41 }, null, 2) + '\n');
      put(`${dir}/mfu-table.md`, '| stage | MFU |\n|---|---|\n| decode | 0.41 |\n');
      put(`${dir}/what-if.md`, '# What if\n\nTP8 halves decode latency at the same MFU.\n');
    }
  }

  // Folders that are not run roots: a source checkout (with profiling/ source folders) and node_modules.
  for (let k = 0; k < 40; k++) put(`code/xllm/xllm/core/module_${k}/kernel_${k}.cpp`, `// kernel ${k}\n`);
  for (let k = 0; k < 20; k++) put(`code/xllm/xllm/core/profiling/tracer_${k}/tracer.cpp`, `// tracer ${k}\n`);
  for (let k = 0; k < 200; k++) put(`node_modules/pkg-${k}/runs/perf/not-a-run-${k}/manifest.md`, '# not a run\n');
  return { files, kinds: countKinds(runs) };
}

function countKinds(runs) {
  const out = {};
  for (const r of runs) out[r.kind] = (out[r.kind] ?? 0) + 1;
  return out;
}
