// Per-file problems of metrics collection: a stable code, arguments, and the message in English and Chinese.
import { catalog } from '../i18n/catalog';
import type { Locale } from '../i18n/locale';
import type { JsonFailure } from './lenientJson';

const MESSAGES = {
  json_empty: { en: 'empty file', zh: '文件为空' },
  json_incomplete: {
    en: 'incomplete JSON (stops at line {0}, column {1}): the benchmark may still be writing it',
    zh: 'JSON 不完整（在第 {0} 行第 {1} 列中断）：压测可能仍在写入该文件',
  },
  json_invalid: { en: 'invalid JSON at line {0}, column {1}: {2}', zh: 'JSON 无效（第 {0} 行第 {1} 列）：{2}' },
  non_finite: { en: '{0} NaN/Infinity value(s) treated as unknown: {1}', zh: '{0} 个 NaN/Infinity 值按未知处理：{1}' },
  not_object: { en: 'expected a JSON object, found {0}', zh: '应为 JSON 对象，实际为 {0}' },
  no_metrics: { en: 'no benchmark metric recognized in this file', zh: '该文件中没有可识别的压测指标' },
  percentile_missing: {
    en: 'benchmark_percentile.json is missing: percentiles (p50, p99) of this run are unknown',
    zh: '缺少 benchmark_percentile.json：本次运行的分位数（p50、p99）未知',
  },
  percentile_no_rows: {
    en: 'no row with a Percentile/Percentiles label: percentiles ignored',
    zh: '没有带 Percentile/Percentiles 标签的行：已忽略分位数',
  },
  unit_missing: { en: "key '{0}' has no unit suffix such as (s) or (ms): value ignored", zh: "键 '{0}' 没有 (s)、(ms) 等单位后缀：已忽略该值" },
  unit_unknown: { en: "key '{0}' has an unknown unit '{1}': value ignored", zh: "键 '{0}' 的单位 '{1}' 无法识别：已忽略该值" },
  negative_value: { en: "'{0}' is {1}: treated as unknown", zh: "'{0}' 为 {1}：按未知处理" },
  duplicate_run: { en: 'same results as {0}: counted once', zh: '与 {0} 结果相同：只计一次' },
  symlink_loop: { en: 'symbolic link loop (points to an enclosing folder {0}): not followed', zh: '符号链接成环（指向上层目录 {0}）：未跟随' },
  unreadable: { en: 'cannot read: {0}', zh: '无法读取：{0}' },
  too_large: { en: 'larger than {0} MB: skipped', zh: '大于 {0} MB：已跳过' },
} as const;

export type MetricsProblemCode = keyof typeof MESSAGES;

/** A problem found while reading, before it is rendered in a locale. */
export interface ProblemDraft {
  /** Path relative to the collected folder, '/'-separated. */
  readonly file: string;
  readonly severity: 'error' | 'warning';
  readonly code: MetricsProblemCode;
  readonly args: readonly (string | number)[];
}

export interface MetricsProblem extends ProblemDraft {
  readonly message: string;
}

const translate = catalog(MESSAGES);

export function renderProblem(draft: ProblemDraft, locale: Locale = 'en'): MetricsProblem {
  return { ...draft, message: translate(locale, draft.code, ...draft.args) };
}

/** Collects drafts for one file; readers push here instead of throwing. */
export class ProblemSink {
  constructor(
    readonly file: string,
    readonly drafts: ProblemDraft[] = [],
  ) {}
  warn(code: MetricsProblemCode, ...args: (string | number)[]): void {
    this.drafts.push({ file: this.file, severity: 'warning', code, args });
  }
  error(code: MetricsProblemCode, ...args: (string | number)[]): void {
    this.drafts.push({ file: this.file, severity: 'error', code, args });
  }
  /** A file that is empty or stops mid-way is usually still being written: a warning; broken JSON is an error. */
  jsonFailure(failure: JsonFailure): void {
    if (failure.kind === 'empty') this.warn('json_empty');
    else if (failure.kind === 'incomplete') this.warn('json_incomplete', failure.line, failure.column);
    else this.error('json_invalid', failure.line, failure.column, failure.detail);
  }
  nonFinite(paths: readonly string[]): void {
    if (!paths.length) return;
    const shown = paths.slice(0, 5).join(', ') + (paths.length > 5 ? ', ...' : '');
    this.warn('non_finite', paths.length, shown);
  }
  /** The same sink writing against another file (a sibling such as benchmark_percentile.json). */
  forFile(file: string): ProblemSink {
    return new ProblemSink(file, this.drafts);
  }
}
