// Problems found while reading profiling outputs, as codes with arguments; the text exists in English and Chinese.
import { catalog } from '../i18n/catalog';
import type { Locale } from '../i18n/locale';

const MESSAGES = {
  csvMissingColumn: {
    en: '{0}: column "{1}" not found (looked for {2}); header has: {3}',
    zh: '{0}：未找到列“{1}”（尝试了 {2}）；表头为：{3}',
  },
  csvEmpty: { en: '{0}: no header row', zh: '{0}：没有表头行' },
  csvBadNumber: { en: '{0} line {1}: "{2}" is not a number in column "{3}"', zh: '{0} 第 {1} 行：列“{3}”中的“{2}”不是数字' },
  csvUnreadable: { en: '{0}: cannot read ({1})', zh: '{0}：无法读取（{1}）' },
  traceEmpty: { en: '{0}: empty file', zh: '{0}：文件为空' },
  traceNotJson: { en: '{0}: not a JSON trace at byte {1} (line {2}): {3}', zh: '{0}：第 {1} 字节（第 {2} 行）处不是 JSON 跟踪：{3}' },
  traceTruncated: {
    en: '{0}: truncated at byte {1} (line {2}); loaded the {3} events before it',
    zh: '{0}：在第 {1} 字节（第 {2} 行）处被截断；已加载之前的 {3} 个事件',
  },
  traceCorrupt: {
    en: '{0}: corrupt at byte {1} (line {2}): {3}; loaded the {4} events before it',
    zh: '{0}：第 {1} 字节（第 {2} 行）处损坏：{3}；已加载之前的 {4} 个事件',
  },
  traceNoEventsArray: { en: '{0}: JSON object without a "traceEvents" array', zh: '{0}：JSON 对象中没有 "traceEvents" 数组' },
  traceNoMetadata: {
    en: 'the trace has no process/thread metadata: lanes are named by pid/tid and treated as host lanes',
    zh: '跟踪中没有进程/线程元数据：泳道按 pid/tid 命名并视为主机泳道',
  },
  noTrace: { en: 'no trace file (msprof_*.json or trace_view.json) found under {0}', zh: '在 {0} 下未找到跟踪文件（msprof_*.json 或 trace_view.json）' },
  noBoundaryEvents: { en: 'no slice matches the {0} boundary /{1}/', zh: '没有切片匹配{0}边界 /{1}/' },
  noPairs: { en: 'no decode-step gap pairs: no next-boundary slice starts after a previous-boundary slice on the same device', zh: '没有解码步间隙配对：同一设备上没有下一边界切片在上一边界切片之后开始' },
  noKernelData: { en: 'no kernel data (op_statistic, op_summary, kernel_details or device tasks in the trace)', zh: '没有算子数据（op_statistic、op_summary、kernel_details 或跟踪中的设备任务）' },
} as const;

export type ProblemCode = keyof typeof MESSAGES;

export interface Problem {
  readonly code: ProblemCode;
  readonly args: readonly (string | number)[];
  /** English text (also what JSON outputs carry). */
  readonly message: string;
}

const t = catalog(MESSAGES);

export function problem(code: ProblemCode, ...args: (string | number)[]): Problem {
  return { code, args, message: t('en', code, ...args) };
}

export function problemText(locale: Locale, p: Problem): string {
  return t(locale, p.code, ...p.args);
}
