// English and Simplified Chinese texts of every gate reason, keyed by the reason code.
import { catalog } from '../i18n/catalog';

export const GATE_MESSAGES = {
  missing_snapshot: { en: '{0} is missing from the env folder', zh: '环境快照目录中缺少 {0}' },
  unreadable_snapshot: { en: '{0} could not be read: {1}', zh: '无法读取 {0}：{1}' },
  snapshot_unparsed: { en: '{0} holds no usable data ({1})', zh: '{0} 中没有可用数据（{1}）' },
  no_targets: {
    en: 'No target devices: pass the device ids, or keep npu-usages.before.npu<N>.txt and npu-smi.before.txt',
    zh: '没有目标设备：请指定设备 id，或保留 npu-usages.before.npu<N>.txt 与 npu-smi.before.txt',
  },
  target_not_listed: { en: 'Device {0} is not listed in {1}', zh: '设备 {0} 未出现在 {1} 中' },
  health_not_ok: { en: 'Device {0}: Health is {1} in {2} (must be OK)', zh: '设备 {0}：{2} 中的 Health 为 {1}（必须为 OK）' },
  hbm_busy_before: {
    en: 'Device {0}: {1} {2}/{3} MB ({4}%) already used before the service started (limit {5}%); only the service under test may hold it',
    zh: '设备 {0}：启动服务前 {1} 已占用 {2}/{3} MB（{4}%，上限 {5}%）；该卡的占用只能来自本轮待测服务',
  },
  hbm_rate_busy_before: {
    en: 'Device {0}: {1} usage rate {2}% before the service started (limit {3}%, {4})',
    zh: '设备 {0}：启动服务前 {1} 使用率为 {2}%（上限 {3}%，{4}）',
  },
  aicore_busy_before: { en: 'Device {0}: AICore {1}% before the service started (limit {2}%, {3})', zh: '设备 {0}：启动服务前 AICore 为 {1}%（上限 {2}%，{3}）' },
  npu_process_before: {
    en: 'Device {0}: process {1} ({2}, {3} MB) already runs on the card before the service started',
    zh: '设备 {0}：启动服务前已有进程 {1}（{2}，{3} MB）在该卡上运行',
  },
  stale_npu_context: {
    en: 'Device {0}: npu-smi lists PID {1} ({2}, {3} MB) that ps cannot see in process.before.txt: a stale NPU context; clean it up or use another card',
    zh: '设备 {0}：npu-smi 列出的 PID {1}（{2}，{3} MB）在 process.before.txt 中查不到：残留 NPU context，请先清理或换卡',
  },
  idle_samples_missing: { en: 'Device {0}: no idle samples in idle-usages.after-service.txt', zh: '设备 {0}：idle-usages.after-service.txt 中没有空闲采样' },
  idle_aicore_busy: {
    en: 'Device {0}: idle AICore reached {1}% once the service was up (limit {2}%; samples {3})',
    zh: '设备 {0}：服务启动后空闲态 AICore 达到 {1}%（上限 {2}%；采样 {3}）',
  },
  load_moved: { en: 'Load average moved from {0} to {1} during the run (limit ±{2}); rerun and mark this result contaminated', zh: '运行期间系统负载从 {0} 变为 {1}（上限 ±{2}）；请重跑并将本次结果标记为污染样本' },
  swap_moved: { en: 'Swap used moved from {0} MiB to {1} MiB during the run (limit ±{2} MiB); rerun and mark this result contaminated', zh: '运行期间 swap 占用从 {0} MiB 变为 {1} MiB（上限 ±{2} MiB）；请重跑并将本次结果标记为污染样本' },
  device_nodes_missing: { en: 'Required device nodes are missing: {0}', zh: '缺少必需的设备节点：{0}' },
  torch_npu_import_failed: { en: 'import torch, torch_npu failed (exit {0}): {1}', zh: 'import torch, torch_npu 失败（退出码 {0}）：{1}' },
  torch_npu_import_hung: { en: 'import torch, torch_npu hung and was killed by timeout', zh: 'import torch, torch_npu 卡住，被 timeout 终止' },
} as const;

export type GateReasonCode = keyof typeof GATE_MESSAGES;
export const GATE_REASON_CODES = Object.keys(GATE_MESSAGES) as [GateReasonCode, ...GateReasonCode[]];

export const gateMessage = catalog(GATE_MESSAGES);
