// Builds complete manifests from the key table with formal values, so each test changes only what it is about.
import { SECTION_NAMES, keysOf } from '../../../src/core/manifest/manifestSpec';

/** A filled, formal quick perf run: every rule stays silent on it. */
export const FORMAL_VALUES: Record<string, string> = {
  run_id: 'qwen3-32b-tp4-20260529',
  date: '2026-05-29T14:02:11+08:00',
  operator_or_agent: 'perf-agent',
  purpose: 'Decode throughput with schedule overlap',
  level: 'quick',
  conclusion_status: 'pending',
  framework: 'xllm',
  repo_path: 'code/xllm',
  branch: 'perf/overlap',
  commit: '7c41e9a0d2b35f86e1a4c0b9d7e2f3a415b6c8d9',
  base_commit: '3f9a2c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39',
  git_status_short: '',
  submodule_status: 'none',
  build_command: 'python setup.py build --device a2',
  binary_path: 'code/xllm/build/xllm',
  host: 'npu-node-07',
  container: 'xllm-dev',
  'NPU model': 'Ascend 910B2',
  physical_device_ids: '4,5,6,7',
  ASCEND_RT_VISIBLE_DEVICES: '4,5,6,7',
  'CANN version': '8.1.RC1',
  'HDK driver version': '24.1.rc3',
  'torch_npu version': '2.5.1',
  HCCL_IF_BASE_PORT: '43432',
  'LD_LIBRARY_PATH additions': 'N/A',
  model_name: 'Qwen3-32B',
  model_path: '/data/models/Qwen3-32B',
  tokenizer_path: '/data/models/Qwen3-32B',
  draft_model_path: 'N/A',
  dtype: 'bf16',
  tensor_parallel: '4',
  pipeline_parallel: '1',
  speculative_tokens: '0',
  api_url: 'http://127.0.0.1:18000/v1',
  startup_script: 'service/command.sh',
  startup_command: 'xllm --model /data/models/Qwen3-32B --port 18000',
  service_pid: '2817734',
  log_dir: 'service/',
  healthcheck_command: 'curl -sf http://127.0.0.1:18000/health',
  healthcheck_result: 'HTTP 200',
  graph_enabled: 'true',
  schedule_overlap: 'true',
  chunked_prefill: 'true',
  prefix_cache: 'false',
  block_size: '128',
  max_memory_utilization: '0.86',
  max_tokens_per_batch: '20480',
  max_seqs_per_batch: '256',
  dataset: 'random',
  dataset_path: 'N/A',
  input_tokens: '2048',
  output_tokens: '512',
  parallel: '16',
  number: '256',
  warmup_num: '16',
  stream: 'true',
  max_tokens: '512',
  max_prompt_length: '2048',
  temperature: '0.0',
  top_p: '1.0',
  top_k: '-1',
  seed: '42',
  extra_body: 'N/A',
  env_snapshot_dir: 'env/',
  service_artifact_dir: 'service/',
  perf_artifact_dir: 'evalscope/raw/',
  accuracy_artifact_dir: 'N/A',
  profiling_artifact_dir: 'N/A',
  metrics_json: 'metrics.json',
  report_md: 'report.md',
  run_evidence_json: 'N/A',
  evidence_verdict_json: 'N/A',
  artifact_index_json: 'N/A',
  baseline_run_id: '',
  baseline_commit: '',
  baseline_metrics: '',
  current_metrics: 'output 1969.5 tok/s',
  delta: '',
  fairness_notes: '',
  known_risks: 'none',
  deviations: 'none',
  next_steps: 'full level',
};

/** `null` drops the key's line; a string replaces its value. */
export type Overrides = Record<string, string | null>;

export function buildManifest(overrides: Overrides = {}, options: { eol?: string } = {}): string {
  const eol = options.eol ?? '\n';
  const lines = ['# Run Manifest', ''];
  for (const section of SECTION_NAMES) {
    lines.push(`## ${section}`, '');
    for (const spec of keysOf(section)) {
      const v = spec.key in overrides ? overrides[spec.key] : FORMAL_VALUES[spec.key];
      if (v === null) continue;
      lines.push(v === '' ? `- ${spec.key}:` : `- ${spec.key}: ${v}`);
    }
    lines.push('');
  }
  return lines.join(eol);
}

export function buildYamlManifest(overrides: Overrides = {}): string {
  const lines: string[] = [];
  for (const section of SECTION_NAMES) {
    lines.push(`${section}:`);
    for (const spec of keysOf(section)) {
      const v = spec.key in overrides ? overrides[spec.key] : FORMAL_VALUES[spec.key];
      if (v === null) continue;
      const key = /\s/.test(spec.key) ? `"${spec.key}"` : spec.key;
      lines.push(v === '' ? `  ${key}:` : `  ${key}: ${/^[\w./:+-]+$/.test(v) ? v : JSON.stringify(v)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The 0-based line of the first line starting with `- key:`. */
export function lineOf(text: string, key: string): number {
  return text.split(/\r?\n/).findIndex((l) => l.startsWith(`- ${key}:`));
}
