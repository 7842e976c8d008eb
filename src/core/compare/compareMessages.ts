// Every user-facing sentence of a comparison and its verdict reasons, in English and Simplified Chinese.
import { catalog } from '../i18n/catalog';

export const COMPARE_MESSAGES = {
  manifest_missing: { en: '{0}: no manifest.md or manifest.yaml in the run root', zh: '{0}：运行根目录中没有 manifest.md 或 manifest.yaml' },
  manifest_unreadable: { en: '{0}: the manifest cannot be read: {1}', zh: '{0}：无法读取清单：{1}' },
  metrics_missing: { en: '{0}: no metrics.json, so there are no numbers to compare', zh: '{0}：没有 metrics.json，无可对比的数据' },
  metrics_invalid: { en: '{0}: metrics.json is not usable: {1}', zh: '{0}：metrics.json 不可用：{1}' },
  score_missing: { en: '{0}: no usable score.json', zh: '{0}：没有可用的 score.json' },
  raw_logs_missing: { en: '{0}: raw artifacts missing ({1}): the numbers cannot be traced back', zh: '{0}：缺少原始产物（{1}）：数据无法溯源' },
  gate_missing: { en: '{0}: no gate snapshot env/: a clean, idle device is not shown', zh: '{0}：没有门禁快照 env/：无法证明设备干净空闲' },
  gate_failed: { en: '{0}: the precheck gate failed ({1}): debug/smoke evidence only', zh: '{0}：预检门禁未通过（{1}）：只能作为调试/冒烟证据' },
  gate_incomplete: { en: '{0}: the gate snapshot is incomplete ({1})', zh: '{0}：门禁快照不完整（{1}）' },
  warmup_missing: { en: '{0}: warmup_num is {1}: a cold-start or smoke result, not steady state', zh: '{0}：warmup_num 为 {1}：冷启动或冒烟结果，不是稳态' },
  smoke_level: { en: '{0}: level is smoke', zh: '{0}：级别为 smoke' },
  profiling_run: { en: '{0}: a profiling run: it explains a bottleneck and is never a before/after number', zh: '{0}：是性能采集运行：只用于解释瓶颈，不能作为前后对比数据' },
  profiling_attached: { en: '{0}: profiling was attached ({1}): not comparable with normal performance runs', zh: '{0}：运行时挂载了性能采集（{1}）：不能与普通性能运行对比' },
  kind_mismatch: { en: 'the runs are of different kinds ({0} vs {1})', zh: '两次运行类型不同（{0} 与 {1}）' },
  kind_unsupported: { en: '{0}: a {1} run has no performance or accuracy numbers to compare', zh: '{0}：{1} 类型的运行没有可对比的性能或精度数据' },
  fairness_difference: { en: 'not a fair comparison: {0} differ(s) besides the experiment', zh: '对比不公平：除实验变量外 {0} 不同' },
  fairness_unknown: { en: 'fairness not shown: {0} not recorded in both manifests', zh: '无法证明公平：两份清单均未记录 {0}' },
  experiment_not_declared: {
    en: '{0} differs but is not declared as the experiment (name it in fairness_notes or pass --experiment)',
    zh: '{0} 不同，但未声明为实验变量（请在 fairness_notes 中写明或使用 --experiment）',
  },
  dirty_without_diff: { en: '{0}: the worktree is dirty ({1}) and no diff file is saved in the run root', zh: '{0}：工作区有未提交修改（{1}），且运行根目录中没有保存 diff 文件' },
  not_formal: { en: '{0}: a debug result, not formal evidence: {1} not recorded', zh: '{0}：调试结果，不是正式证据：未记录 {1}' },
  no_common_level: { en: 'no concurrency level was measured in both runs', zh: '两次运行没有相同的并发级别' },
  metric_missing: { en: '{0} is not known for both runs at {1}', zh: '{1} 下两次运行的 {0} 不全' },
  out_of_tolerance: { en: '{0} {1} at {2}: {3} against baseline {4} (limit {5})', zh: '{2} 下 {0} {1}：{3}，基线 {4}（界限 {5}）' },
  requests_failed: { en: '{0}: {1} of {2} requests failed', zh: '{0}：{2} 个请求中 {1} 个失败' },
  speculative_counters_missing: {
    en: '{0}: speculative decoding without the server /vars counters: the accept rate is a weak signal',
    zh: '{0}：投机解码运行未记录服务端 /vars 计数：接受率只是弱信号',
  },
  conclusion_pending: { en: '{0}: conclusion_status is {1}', zh: '{0}：conclusion_status 为 {1}' },
  // Words used in tables and reports.
  level_concurrency: { en: 'concurrency {0}', zh: '并发 {0}' },
  level_rate: { en: 'rate {0} req/s', zh: '请求速率 {0} req/s' },
  level_unknown: { en: 'headline', zh: '主结果' },
  gain_withheld: { en: 'No percentage gain is reported: {0}', zh: '不报告百分比收益：{0}' },
  gain_withheld_short: { en: 'No percentage gain is reported, for the reasons above.', zh: '因上述原因，不报告百分比收益。' },
  run_facts: { en: 'level {0}, warmup {1}, gate {2}', zh: '级别 {0}，预热 {1}，门禁 {2}' },
  gate_state_absent: { en: 'absent', zh: '缺失' },
  gate_state_present: { en: 'present', zh: '存在' },
} as const;

export type CompareMessageKey = keyof typeof COMPARE_MESSAGES;

export const compareMessage = catalog(COMPARE_MESSAGES);
