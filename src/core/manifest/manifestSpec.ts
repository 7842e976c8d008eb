// The run manifest's sections and keys in template order: the one table every manifest feature reads.

export type ValueType =
  | 'text'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'commit'
  | 'url'
  | 'deviceList'
  | 'date'
  | 'enum'
  | 'path';

export interface KeySpec {
  readonly key: string;
  readonly section: SectionName;
  readonly type: ValueType;
  readonly values?: readonly string[];
  readonly doc: { readonly en: string; readonly zh: string };
}

export const SECTION_NAMES = [
  'Identity',
  'Code',
  'Environment',
  'Model',
  'Service',
  'Workload',
  'Artifacts',
  'Comparison',
  'Notes',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export const LEVELS = ['smoke', 'quick', 'full'] as const;
export const CONCLUSION_STATUSES = ['pending', 'pass', 'fail', 'inconclusive'] as const;
export const FRAMEWORKS = ['xllm', 'vllm-ascend', 'sglang'] as const;
export type Level = (typeof LEVELS)[number];
export type ConclusionStatus = (typeof CONCLUSION_STATUSES)[number];
export type Framework = (typeof FRAMEWORKS)[number];

type Row = [key: string, type: ValueType, en: string, zh: string, values?: readonly string[]];

const rows: Record<SectionName, Row[]> = {
  Identity: [
    ['run_id', 'text', 'Unique id of this run; also the name of its run-root folder.', '本次运行的唯一 ID，也是运行根目录的名称。'],
    ['date', 'date', 'When the run was made (ISO date or date-time).', '运行日期（ISO 日期或日期时间）。'],
    ['operator_or_agent', 'text', 'Who ran it: a person or a coding agent.', '执行者：人员或编码智能体。'],
    ['purpose', 'text', 'What the run is meant to show.', '本次运行要说明的问题。'],
    ['level', 'enum', 'Evidence level: smoke, quick or full.', '证据级别：smoke、quick 或 full。', LEVELS],
    ['conclusion_status', 'enum', 'Outcome: pending, pass, fail or inconclusive.', '结论状态：pending、pass、fail 或 inconclusive。', CONCLUSION_STATUSES],
  ],
  Code: [
    ['framework', 'enum', 'Serving framework: xllm, vllm-ascend or sglang.', '推理框架：xllm、vllm-ascend 或 sglang。', FRAMEWORKS],
    ['repo_path', 'path', 'Path of the framework checkout that was built.', '被构建的框架代码仓路径。'],
    ['branch', 'text', 'Git branch of the checkout.', '代码仓的 Git 分支。'],
    ['commit', 'commit', 'Exact commit hash that was built and served.', '构建并运行的精确提交哈希。'],
    ['base_commit', 'commit', 'Merge-base with the upstream branch.', '与上游分支的合并基点提交。'],
    ['git_status_short', 'text', 'Output of `git status --short`; empty means a clean worktree.', '`git status --short` 的输出；为空表示工作区干净。'],
    ['submodule_status', 'text', 'Output of `git submodule status`.', '`git submodule status` 的输出。'],
    ['build_command', 'text', 'Command that built the binary.', '构建二进制的命令。'],
    ['binary_path', 'path', 'Path of the binary that served the run.', '运行所用二进制的路径。'],
  ],
  Environment: [
    ['host', 'text', 'Host name of the NPU machine.', 'NPU 机器的主机名。'],
    ['container', 'text', 'Container the service ran in, if any.', '服务所在的容器（如有）。'],
    ['NPU model', 'text', 'NPU model, e.g. Ascend 910B2.', 'NPU 型号，例如 Ascend 910B2。'],
    ['physical_device_ids', 'deviceList', 'Physical NPU ids used, comma-separated.', '使用的物理 NPU 编号，逗号分隔。'],
    ['ASCEND_RT_VISIBLE_DEVICES', 'deviceList', 'Visible-device list in the order the service saw it.', '服务看到的可见设备列表及顺序。'],
    ['CANN version', 'text', 'CANN toolkit version.', 'CANN 工具包版本。'],
    ['HDK driver version', 'text', 'NPU driver (HDK) version.', 'NPU 驱动（HDK）版本。'],
    ['torch_npu version', 'text', 'torch_npu version.', 'torch_npu 版本。'],
    ['HCCL_IF_BASE_PORT', 'integer', 'Base port for HCCL communication.', 'HCCL 通信的基础端口。'],
    ['LD_LIBRARY_PATH additions', 'text', 'Library paths added for the run.', '为本次运行追加的库路径。'],
  ],
  Model: [
    ['model_name', 'text', 'Served model name.', '服务的模型名称。'],
    ['model_path', 'path', 'Path of the model weights.', '模型权重路径。'],
    ['tokenizer_path', 'path', 'Path of the tokenizer.', '分词器路径。'],
    ['draft_model_path', 'path', 'Draft model for speculative decoding (MTP), if any.', '投机解码（MTP）所用草稿模型（如有）。'],
    ['dtype', 'text', 'Weight and activation data type (bf16, w8a8, ...).', '权重与激活的数据类型（bf16、w8a8 等）。'],
    ['tensor_parallel', 'integer', 'Tensor-parallel size.', '张量并行数。'],
    ['pipeline_parallel', 'integer', 'Pipeline-parallel size.', '流水线并行数。'],
    ['speculative_tokens', 'integer', 'Speculative (MTP) tokens per step; 0 means off.', '每步投机（MTP）token 数；0 表示关闭。'],
  ],
  Service: [
    ['api_url', 'url', 'OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1.', 'OpenAI 兼容接口地址，例如 http://127.0.0.1:8000/v1。'],
    ['startup_script', 'path', 'Script that started the service.', '启动服务的脚本。'],
    ['startup_command', 'text', 'Exact command line that started the service.', '启动服务的完整命令行。'],
    ['service_pid', 'integer', 'Parent PID of the service.', '服务父进程 PID。'],
    ['log_dir', 'path', 'Directory of the service logs.', '服务日志目录。'],
    ['healthcheck_command', 'text', 'Command used to check the service is ready.', '检查服务就绪的命令。'],
    ['healthcheck_result', 'text', 'Result of the health check.', '健康检查结果。'],
    ['graph_enabled', 'boolean', 'Graph mode (ACL graph / torchair) on.', '是否启用图模式。'],
    ['schedule_overlap', 'boolean', 'Schedule overlap on.', '是否启用调度重叠。'],
    ['chunked_prefill', 'boolean', 'Chunked prefill on.', '是否启用分块预填充。'],
    ['prefix_cache', 'boolean', 'Prefix cache on.', '是否启用前缀缓存。'],
    ['block_size', 'integer', 'KV-cache block size.', 'KV 缓存块大小。'],
    ['max_memory_utilization', 'number', 'Fraction of device memory the service may use (0-1).', '服务可使用的设备内存比例（0-1）。'],
    ['max_tokens_per_batch', 'integer', 'Token budget per batch.', '每批 token 上限。'],
    ['max_seqs_per_batch', 'integer', 'Sequences per batch.', '每批序列数上限。'],
  ],
  Workload: [
    ['dataset', 'text', 'Benchmark dataset (random, openqa, gsm8k, ...).', '压测数据集（random、openqa、gsm8k 等）。'],
    ['dataset_path', 'path', 'Path of the dataset file.', '数据集文件路径。'],
    ['input_tokens', 'integer', 'Input length per request.', '每个请求的输入长度。'],
    ['output_tokens', 'integer', 'Output length per request.', '每个请求的输出长度。'],
    ['parallel', 'integer', 'Client concurrency.', '客户端并发数。'],
    ['number', 'integer', 'Number of measured requests.', '计入统计的请求数。'],
    ['warmup_num', 'integer', 'Warmup requests before measuring; formal runs need at least 1.', '正式测量前的预热请求数；正式运行至少为 1。'],
    ['stream', 'boolean', 'Streaming responses.', '是否流式返回。'],
    ['max_tokens', 'integer', 'max_tokens sent with each request.', '每个请求的 max_tokens。'],
    ['max_prompt_length', 'integer', 'Longest prompt allowed.', '允许的最长提示长度。'],
    ['temperature', 'number', 'Sampling temperature; 0.0 is deterministic.', '采样温度；0.0 为确定性解码。'],
    ['top_p', 'number', 'Nucleus sampling threshold.', '核采样阈值。'],
    ['top_k', 'integer', 'Top-k sampling.', 'Top-k 采样。'],
    ['seed', 'integer', 'Sampling seed.', '采样随机种子。'],
    ['extra_body', 'text', 'Extra JSON body fields sent with each request.', '每个请求附带的额外 JSON 字段。'],
  ],
  Artifacts: [
    ['env_snapshot_dir', 'path', 'Folder of the gate snapshots (env/).', '环境门禁快照目录（env/）。'],
    ['service_artifact_dir', 'path', 'Folder of the service artifacts (service/).', '服务产物目录（service/）。'],
    ['perf_artifact_dir', 'path', 'Folder of the raw benchmark output.', '原始压测输出目录。'],
    ['accuracy_artifact_dir', 'path', 'Folder of the accuracy evidence.', '精度证据目录。'],
    ['profiling_artifact_dir', 'path', 'Folder of the profiling capture (PROF_*).', '性能采集目录（PROF_*）。'],
    ['metrics_json', 'path', 'Normalized metrics file.', '归一化指标文件。'],
    ['report_md', 'path', 'Human report of the run.', '运行报告。'],
    ['run_evidence_json', 'path', 'Machine-readable run evidence, if written.', '机器可读的运行证据（如有）。'],
    ['evidence_verdict_json', 'path', 'Evidence verdict file, if written.', '证据判定文件（如有）。'],
    ['artifact_index_json', 'path', 'Index of all artifacts, if written.', '产物索引文件（如有）。'],
  ],
  Comparison: [
    ['baseline_run_id', 'text', 'run_id of the baseline this run is compared with.', '对比基线的 run_id。'],
    ['baseline_commit', 'commit', 'Commit of the baseline.', '基线提交。'],
    ['baseline_metrics', 'text', 'Headline metrics of the baseline.', '基线核心指标。'],
    ['current_metrics', 'text', 'Headline metrics of this run.', '本次核心指标。'],
    ['delta', 'text', 'Difference against the baseline.', '相对基线的差异。'],
    ['fairness_notes', 'text', 'Why the comparison is fair; names the one parameter that is the experiment.', '对比公平性说明；写明作为实验变量的唯一参数。'],
  ],
  Notes: [
    ['known_risks', 'text', 'Risks that remain.', '遗留风险。'],
    ['deviations', 'text', 'Where the run deviated from the plan.', '与计划的偏差。'],
    ['next_steps', 'text', 'What to do next.', '后续步骤。'],
  ],
};

export const MANIFEST_KEYS: readonly KeySpec[] = SECTION_NAMES.flatMap((section) =>
  rows[section].map(([key, type, en, zh, values]) => ({ key, section, type, values, doc: { en, zh } })),
);

const byKey = new Map(MANIFEST_KEYS.map((k) => [k.key, k]));

export function keySpec(key: string): KeySpec | undefined {
  return byKey.get(key);
}

export function keysOf(section: SectionName): readonly KeySpec[] {
  return MANIFEST_KEYS.filter((k) => k.section === section);
}

export function isSectionName(name: string): name is SectionName {
  return (SECTION_NAMES as readonly string[]).includes(name);
}
