// The comparison panel's words in English and Simplified Chinese.
import type { PanelLocale } from '../../shared/comparePanelProtocol';

const LABELS = {
  verdict: ['Verdict', '结论'],
  baseline: ['Baseline', '基线'],
  current: ['Current', '当前'],
  gainWithheld: ['No percentage gain is shown: this comparison is not formal evidence.', '不显示百分比收益：本次对比不是正式证据。'],
  prEvidence: ['Generate PR Evidence', '生成 PR 证据'],
  openBaseline: ['Open baseline manifest', '打开基线清单'],
  openCurrent: ['Open current manifest', '打开当前清单'],
  fairness: ['Fairness', '公平性'],
  fair: ['fair', '公平'],
  notFair: ['differences found', '存在差异'],
  field: ['Field', '字段'],
  status: ['Status', '状态'],
  status_equal: ['equal', '一致'],
  status_allowed: ['experiment', '实验变量'],
  status_different: ['DIFFERENT', '不一致'],
  status_unknown: ['not recorded', '未记录'],
  metrics: ['Metrics', '指标'],
  metric: ['Metric', '指标'],
  stat: ['Stat', '统计'],
  delta: ['Delta', '变化'],
  limit: ['Limit', '阈值'],
  withheld: ['withheld', '不显示'],
  m_pass: ['pass', '通过'],
  m_fail: ['FAIL', '失败'],
  m_missing: ['missing', '缺失'],
  m_withheld: ['withheld', '不判定'],
  sweep: ['Concurrency sweep', '并发扫描'],
  best: ['Best', '最佳'],
  latency: ['Latency', '延迟'],
  throughput: ['Throughput', '吞吐'],
  concurrency: ['concurrency', '并发'],
} as const;

export type LabelKey = keyof typeof LABELS;

export function text(locale: PanelLocale, key: LabelKey): string {
  const entry = LABELS[key];
  return entry ? entry[locale === 'zh-cn' ? 1 : 0] : key;
}
