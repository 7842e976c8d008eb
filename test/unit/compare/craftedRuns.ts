// Crafted run evidence for comparison tests: a formal perf run that passes every rule, changed per test.
import type { RunEvidence } from '../../../src/core/compare/runEvidence';
import type { ManifestText } from '../../../src/core/compare/manifestText';
import type { Metrics } from '../../../src/core/schemas/metricsSchema';

export const STARTUP = 'xllm --model /models/Qwen3-32B --devices npu:0,npu:1 --port 18000 --block_size 128 --max_memory_utilization 0.86 --enable_graph true';

export function manifest(overrides: Record<string, Record<string, string>> = {}): ManifestText {
  const base: ManifestText = {
    Identity: { run_id: 'run', level: 'full', conclusion_status: 'pending', purpose: 'measure' },
    Code: { framework: 'xllm', commit: 'abcdef1234567', branch: 'main', git_status_short: '' },
    Environment: { 'NPU model': 'Ascend 910B2C', physical_device_ids: '0,1', ASCEND_RT_VISIBLE_DEVICES: '0,1' },
    Model: { model_name: 'Qwen3-32B', model_path: '/models/Qwen3-32B', tokenizer_path: '/models/Qwen3-32B', dtype: 'bf16', tensor_parallel: '2', pipeline_parallel: '1' },
    Service: { startup_command: STARTUP, graph_enabled: 'true', block_size: '128', max_memory_utilization: '0.86' },
    Workload: { dataset: 'random', input_tokens: '2048', output_tokens: '512', parallel: '32', number: '512', warmup_num: '8', max_tokens: '512', temperature: '0' },
    Artifacts: { env_snapshot_dir: 'env', perf_artifact_dir: 'evalscope', metrics_json: 'metrics.json', service_artifact_dir: 'service' },
    Comparison: { fairness_notes: '' },
    Notes: { known_risks: '' },
  };
  for (const [section, values] of Object.entries(overrides)) base[section] = { ...(base[section] ?? {}), ...values };
  return base;
}

export function metrics(values: Partial<Metrics> = {}): Metrics {
  return {
    run_id: 'run',
    framework: 'xllm',
    model: 'Qwen3-32B',
    commit: 'abcdef1234567',
    level: 'full',
    input_tokens: 2048,
    output_tokens: 512,
    parallel: 32,
    number: 512,
    warmup_num: 8,
    stream: true,
    temperature: 0,
    top_p: null,
    top_k: null,
    ttft_ms: 400,
    tpot_ms: 40,
    itl_ms: 40,
    output_tps: 800,
    request_throughput: 1.6,
    success: 512,
    total: 512,
    speculative_num_accepted_tokens_delta: null,
    speculative_num_draft_tokens_delta: null,
    server_accept_rate: null,
    evalscope_decoded_tok_per_iter: null,
    evalscope_spec_accept_rate: null,
    ...values,
  };
}

export interface RunOverrides {
  readonly runId?: string;
  readonly manifest?: Record<string, Record<string, string>>;
  readonly metrics?: Partial<Metrics> | null;
  readonly entries?: string[];
  readonly files?: string[];
  readonly kind?: RunEvidence['kind'];
  readonly gate?: RunEvidence['gate'];
}

const FILES = ['manifest.md', 'metrics.json', 'report.md', 'env/npu-smi.before.txt', 'service/node_0.log', 'evalscope/benchmark_summary.json'];

export function perfRun(o: RunOverrides = {}): RunEvidence {
  const runId = o.runId ?? 'run';
  const files = o.files ?? FILES;
  const entries = o.entries ?? [...new Set(files.map((f) => (f.includes('/') ? f.split('/')[0] + '/' : f)))].sort();
  return {
    runRoot: `/ws/runs/perf/${runId}`,
    kind: o.kind ?? 'perf',
    runId,
    manifest: manifest({ ...o.manifest, Identity: { run_id: runId, ...(o.manifest?.Identity ?? {}) } }),
    manifestFile: entries.includes('manifest.md') ? 'manifest.md' : null,
    metrics: o.metrics === null ? null : metrics({ run_id: runId, ...o.metrics }),
    entries,
    files,
    gate: o.gate ?? { present: entries.includes('env/'), files: [], verdict: null, reasons: [] },
  };
}
