// Every text the timeline page shows, in English and Simplified Chinese.
import { catalog } from '../../core/i18n/catalog';
import type { Locale } from '../../core/i18n/locale';

export const TIMELINE_MESSAGES = {
  loading: { en: 'Loading {0}…', zh: '正在加载 {0}…' },
  loadingBytes: { en: '{0} of {1} read, {2} events', zh: '已读取 {0} / {1}，{2} 个事件' },
  loadingBytesUnknown: { en: '{0} read, {1} events', zh: '已读取 {0}，{1} 个事件' },
  building: { en: 'Building the timeline ({0} events)…', zh: '正在构建时间线（{0} 个事件）…' },
  loaded: { en: '{0} events, {1} slices, {2} lanes · parsed in {3}', zh: '{0} 个事件，{1} 个切片，{2} 条泳道 · 解析耗时 {3}' },
  failed: { en: 'The timeline could not be loaded: {0}', zh: '无法加载时间线：{0}' },
  truncated: {
    en: '{0} is truncated or corrupt: parsing stopped at byte {1} (line {2}): {3}. The {4} events before that point are shown.',
    zh: '{0} 已截断或损坏：解析在第 {1} 字节（第 {2} 行）处停止：{3}。已显示此前的 {4} 个事件。',
  },
  fetchFailed: { en: '{0} could not be read to its end: {1}. The events read so far are shown.', zh: '无法完整读取 {0}：{1}。已显示目前读到的事件。' },
  openAtLine: { en: 'Open at line {0}', zh: '在第 {0} 行打开' },
  skippedEvents: { en: '{0} events skipped: {1}', zh: '已跳过 {0} 个事件：{1}' },
  noEvents: { en: 'The trace has no events to draw.', zh: '此跟踪中没有可绘制的事件。' },
  host: { en: 'Host', zh: '主机' },
  npu: { en: 'NPU', zh: 'NPU' },
  lanesCount: { en: '{0} lanes', zh: '{0} 条泳道' },
  searchPlaceholder: { en: 'Find slices (text or /regex/)', zh: '查找切片（文本或 /正则/）' },
  searchLabel: { en: 'Find slices by name', zh: '按名称查找切片' },
  searchCount: { en: '{0} of {1}', zh: '第 {0} 个，共 {1} 个' },
  searchNone: { en: 'No matches', zh: '无匹配' },
  searchInvalid: { en: 'Invalid regular expression', zh: '正则表达式无效' },
  previousMatch: { en: 'Previous match (Shift+Enter)', zh: '上一个匹配（Shift+Enter）' },
  nextMatch: { en: 'Next match (Enter)', zh: '下一个匹配（Enter）' },
  zoomIn: { en: 'Zoom in (W)', zh: '放大（W）' },
  zoomOut: { en: 'Zoom out (S)', zh: '缩小（S）' },
  fit: { en: 'Show the whole trace (0)', zh: '显示整个跟踪（0）' },
  toggleAnalyses: { en: 'Analyses', zh: '分析' },
  saveAnalysis: { en: 'Save Analysis to Run', zh: '保存分析到运行' },
  saveAnalysisNoRun: { en: 'No run root is known for this trace, so there is nowhere to save the analysis.', zh: '此跟踪没有已知的运行根目录，无法保存分析。' },
  saving: { en: 'Saving the analysis…', zh: '正在保存分析…' },
  saved: { en: 'Saved: {0}', zh: '已保存：{0}' },
  saveCancelled: { en: 'Nothing was written.', zh: '未写入任何内容。' },
  saveFailed: { en: 'Saving failed: {0}', zh: '保存失败：{0}' },
  canvasLabel: {
    en: 'Timeline. W and S zoom, A and D pan, Up and Down move between lanes, Enter expands or collapses a group, [ and ] step through slices, F zooms to the selection, 0 shows everything, Escape clears the selection. Shift-drag selects a time range.',
    zh: '时间线。W/S 缩放，A/D 平移，上/下方向键在泳道间移动，Enter 展开或折叠分组，[ 和 ] 逐个切换切片，F 缩放到所选内容，0 显示全部，Esc 清除选择。按住 Shift 拖动可选择时间范围。',
  },
  detailsTitle: { en: 'Details', zh: '详细信息' },
  detailsEmpty: { en: 'Click a slice to see its details. Shift-drag to aggregate a time range.', zh: '单击切片查看详细信息。按住 Shift 拖动以汇总一个时间范围。' },
  name: { en: 'Name', zh: '名称' },
  lane: { en: 'Lane', zh: '泳道' },
  start: { en: 'Start', zh: '开始' },
  startRelative: { en: 'Since trace start', zh: '距跟踪开始' },
  duration: { en: 'Duration', zh: '时长' },
  end: { en: 'End', zh: '结束' },
  category: { en: 'Category', zh: '类别' },
  phase: { en: 'Phase', zh: '阶段' },
  flowId: { en: 'Id', zh: 'ID' },
  source: { en: 'File', zh: '文件' },
  args: { en: 'Arguments', zh: '参数' },
  argsLoading: { en: 'Reading arguments…', zh: '正在读取参数…' },
  argsNone: { en: 'No arguments.', zh: '无参数。' },
  argsFailed: { en: 'Arguments could not be read: {0}', zh: '无法读取参数：{0}' },
  flows: { en: 'Flows', zh: '流' },
  flowOut: { en: '→ to {0} ({1})', zh: '→ 到 {0}（{1}）' },
  flowIn: { en: '← from {0} ({1})', zh: '← 来自 {0}（{1}）' },
  flowUnbound: { en: 'no slice on {0} at {1}', zh: '{0} 上 {1} 处没有切片' },
  rangeTitle: { en: 'Range {0} – {1} ({2})', zh: '范围 {0} – {1}（{2}）' },
  rangeSummary: { en: '{0} slices in {1} expanded lanes', zh: '{1} 条已展开泳道中的 {0} 个切片' },
  count: { en: 'Count', zh: '次数' },
  total: { en: 'Total', zh: '总计' },
  average: { en: 'Average', zh: '平均' },
  analysesTitle: { en: 'Analyses', zh: '分析' },
  analysesPending: { en: 'Computing the analyses…', zh: '正在计算分析…' },
  analysesFailed: { en: 'The analyses could not be computed: {0}', zh: '无法计算分析：{0}' },
  tableEmpty: { en: 'No rows.', zh: '没有数据行。' },
  rowsHidden: { en: '{0} rows under 1% of device time hidden.', zh: '已隐藏 {0} 行占设备时间不足 1% 的数据。' },
  gapsTab: { en: 'Decode gaps', zh: '解码间隙' },
  gapPrevious: { en: 'End of', zh: '结束事件' },
  gapNext: { en: 'Start of', zh: '开始事件' },
  gapApply: { en: 'Apply', zh: '应用' },
  gapHelp: { en: 'Regular expressions matched against slice names: the gap runs from the end of each "previous" slice to the start of the next "next" slice on the same device.', zh: '与切片名称匹配的正则表达式：间隙从每个“前一个”切片结束到同一设备上下一个“后一个”切片开始。' },
  gapInvalid: { en: 'Invalid regular expression: {0}', zh: '正则表达式无效：{0}' },
  hints: { en: 'Bottleneck hints', zh: '瓶颈提示' },
} as const;

export type TimelineMessageKey = keyof typeof TIMELINE_MESSAGES;

const translate = catalog(TIMELINE_MESSAGES);

/** A translator bound to one locale. */
export function timelineText(locale: Locale): (key: TimelineMessageKey, ...args: unknown[]) => string {
  return (key, ...args) => translate(locale, key, ...args);
}

export type TimelineText = ReturnType<typeof timelineText>;
