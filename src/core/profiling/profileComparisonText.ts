// The baseline-vs-current comparison as readable tables: one list of sections rendered either as Markdown
// (the editor document) or as aligned plain text (the CLI), in English or Simplified Chinese.
import type { Locale } from '../i18n/locale';
import { catalog } from '../i18n/catalog';
import type { GapStats } from './gapAnalysis';
import type { OpTypeDiffRow, ProfileComparison, TableDiff } from './profileComparison';

const MESSAGES = {
  title: { en: 'Profiling comparison', zh: '性能采集对比' },
  baseline: { en: 'Baseline', zh: '基线' },
  current: { en: 'Current', zh: '当前' },
  delta: { en: 'Delta', zh: '变化' },
  boundary: { en: 'Decode-step boundary', zh: '解码步边界' },
  kernels: { en: 'Kernels by OP Type ({0} vs {1})', zh: '按 OP Type 统计的算子（{0} 对 {1}）' },
  kernelsHidden: { en: 'OP Types under 1% of device time on a side are not listed for that side (hidden share: baseline {0}, current {1}).', zh: '某一侧低于设备时间 1% 的 OP Type 不在该侧列出（隐藏占比：基线 {0}，当前 {1}）。' },
  communication: { en: 'Communication ({0} vs {1})', zh: '通信（{0} 对 {1}）' },
  overlap: { en: 'Overlap shares', zh: '重叠占比' },
  gaps: { en: 'Decode-step gaps (us)', zh: '解码步间隙（us）' },
  gapsByDevice: { en: 'Median gap per device (us)', zh: '各设备间隙中位数（us）' },
  histogram: { en: 'Gap distribution on shared buckets (us)', zh: '共享分桶上的间隙分布（us）' },
  none: { en: '(none on either side)', zh: '（两侧均无）' },
  noOverlap: { en: '(no overlap data on either side)', zh: '（两侧均无重叠数据）' },
  noGaps: { en: '(no boundary pairs on either side)', zh: '（两侧均无边界对）' },
  onlyBaseline: { en: 'baseline only', zh: '仅基线' },
  onlyCurrent: { en: 'current only', zh: '仅当前' },
  host: { en: 'host', zh: '主机' },
  device: { en: 'device {0}', zh: '设备 {0}' },
  total: { en: 'total', zh: '合计' },
  events: { en: '{0} events, devices {1}, {2}', zh: '{0} 个事件，设备 {1}，{2}' },
} as const;

const t = catalog(MESSAGES);

interface Table {
  readonly head: string[];
  readonly rows: string[][];
  /** Columns aligned right (numbers). */
  readonly right: number;
}

interface Section {
  readonly title: string;
  readonly lines: string[];
  readonly table?: Table;
  readonly note?: string;
}

const num = (x: number | null | undefined, digits = 3): string => (x === null || x === undefined ? '-' : String(Math.round(x * 10 ** digits) / 10 ** digits));
const signed = (x: number | null, digits = 3): string => (x === null ? '-' : `${x > 0 ? '+' : ''}${num(x, digits)}`);
const pct = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const signedPct = (x: number | null): string => (x === null ? '-' : `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);
/** Share changes in percentage points. */
const pp = (x: number): string => {
  const v = (x * 100).toFixed(1);
  return Number(v) === 0 ? '0.0 pp' : `${x > 0 ? '+' : ''}${v} pp`;
};

function diffTable(locale: Locale, d: TableDiff): Table {
  const mark = (r: OpTypeDiffRow): string =>
    r.presence === 'baseline_only' ? ` (${t(locale, 'onlyBaseline')})` : r.presence === 'current_only' ? ` (${t(locale, 'onlyCurrent')})` : '';
  const rows = d.rows.map((r) => [
    r.op_type + mark(r),
    num(r.baseline?.count),
    num(r.current?.count),
    num(r.baseline?.total_us),
    num(r.current?.total_us),
    signed(r.delta_total_us),
    signedPct(r.delta_pct),
    num(r.baseline?.avg_us),
    num(r.current?.avg_us),
    r.baseline ? pct(r.baseline.share) : '-',
    r.current ? pct(r.current.share) : '-',
    pp(r.share_change),
  ]);
  rows.push([t(locale, 'total'), '', '', num(d.baseline_total_us), num(d.current_total_us), signed(d.delta_total_us), signedPct(d.delta_pct), '', '', '', '', '']);
  return {
    head: ['OP Type', 'count B', 'count C', 'total B us', 'total C us', 'delta us', 'delta %', 'avg B us', 'avg C us', 'share B', 'share C', 'share change'],
    rows,
    right: 1,
  };
}

const STAT_KEYS: readonly [string, keyof GapStats, keyof ProfileComparison['gaps']['delta'] | null][] = [
  ['pairs', 'pair_count', null],
  ['min', 'gap_min_us', 'min_us'],
  ['median', 'gap_median_us', 'median_us'],
  ['mean', 'gap_mean_us', 'mean_us'],
  ['p90', 'gap_p90_us', 'p90_us'],
  ['max', 'gap_max_us', 'max_us'],
];

/** A bar of up to `width` characters proportional to count / max. */
function bar(count: number, max: number, width = 20): string {
  return max > 0 ? '#'.repeat(Math.round((count / max) * width)) : '';
}

export function comparisonSections(c: ProfileComparison, locale: Locale): Section[] {
  const L = (k: keyof typeof MESSAGES, ...a: unknown[]): string => t(locale, k, ...a);
  const sides = [c.baseline, c.current];
  const out: Section[] = [];
  out.push({
    title: L('title'),
    lines: [
      ...sides.map((s, i) => `${L(i ? 'current' : 'baseline')}: ${s.label ?? (s.trace_files.join(', ') || '-')} (${L('events', s.events, s.devices.join(',') || '-', s.status)})`),
      `${L('boundary')}: \`${c.boundary.previous}\` -> \`${c.boundary.next}\``,
    ],
  });
  const k = c.kernel_diff;
  out.push({
    title: L('kernels', k.baseline_source, k.current_source),
    lines: k.rows.length ? [] : [L('none')],
    table: k.rows.length ? diffTable(locale, k) : undefined,
    note: L('kernelsHidden', pct(k.baseline_hidden_share), pct(k.current_hidden_share)),
  });
  const m = c.communication_diff;
  out.push({
    title: L('communication', m.baseline_source, m.current_source),
    lines: m.rows.length ? [] : [L('none')],
    table: m.rows.length ? diffTable(locale, m) : undefined,
  });
  const o = c.overlap;
  const shareKeys = ['computing_share', 'communication_share', 'communication_not_overlapped_share', 'free_share'] as const;
  out.push({
    title: L('overlap'),
    lines: o.baseline || o.current ? [] : [L('noOverlap')],
    table:
      o.baseline || o.current
        ? {
            head: ['', L('baseline'), L('current'), L('delta')],
            rows: shareKeys.map((key) => [key.replace(/_share$/, '').replace(/_/g, ' '), o.baseline ? pct(o.baseline[key]) : '-', o.current ? pct(o.current[key]) : '-', o.share_change ? pp(o.share_change[key]) : '-']),
            right: 1,
          }
        : undefined,
  });
  const g = c.gaps;
  const anyPairs = g.baseline.pair_count > 0 || g.current.pair_count > 0;
  out.push({
    title: L('gaps'),
    lines: anyPairs ? [] : [L('noGaps')],
    table: anyPairs
      ? {
          head: ['', L('baseline'), L('current'), L('delta')],
          rows: STAT_KEYS.map(([label, key, dk]) => [label, num(g.baseline[key]), num(g.current[key]), dk ? signed(g.delta[dk]) : signed(g.current.pair_count - g.baseline.pair_count, 0)]),
          right: 1,
        }
      : undefined,
  });
  if (g.by_device.length) {
    out.push({
      title: L('gapsByDevice'),
      lines: [],
      table: {
        head: ['', 'pairs B', 'pairs C', 'median B', 'median C', 'delta', 'p90 B', 'p90 C'],
        rows: g.by_device.map((d) => [
          d.device === null ? L('host') : L('device', d.device),
          num(d.baseline.pair_count, 0),
          num(d.current.pair_count, 0),
          num(d.baseline.gap_median_us),
          num(d.current.gap_median_us),
          signed(d.delta.median_us),
          num(d.baseline.gap_p90_us),
          num(d.current.gap_p90_us),
        ]),
        right: 1,
      },
    });
  }
  const h = g.histogram;
  if (h.edges_us.length) {
    const max = Math.max(...h.baseline, ...h.current);
    out.push({
      title: L('histogram'),
      lines: [],
      table: {
        head: ['bucket', 'B', L('baseline'), 'C', L('current')],
        rows: h.baseline.map((b, i) => [
          `${num(h.edges_us[i])} - ${num(h.edges_us[i + 1])}`,
          String(b),
          bar(b, max),
          String(h.current[i]),
          bar(h.current[i], max),
        ]),
        right: 1,
      },
    });
  }
  return out;
}

const escapeCell = (s: string): string => s.replace(/\|/g, '\\|');

/** The comparison as a Markdown document (headings, pipe tables, text histogram bars in code spans). */
export function renderProfileComparisonMarkdown(c: ProfileComparison, locale: Locale = 'en'): string {
  const parts: string[] = [];
  comparisonSections(c, locale).forEach((s, i) => {
    parts.push(`${i ? '##' : '#'} ${s.title}\n`);
    for (const l of s.lines) parts.push(`${i ? '' : '- '}${l}`);
    if (s.lines.length) parts.push('');
    if (s.table) {
      const tb = s.table;
      parts.push(`| ${tb.head.map(escapeCell).join(' | ')} |`);
      parts.push(`|${tb.head.map((_, j) => (j >= tb.right ? ' ---: ' : ' --- ')).join('|')}|`);
      for (const r of tb.rows) parts.push(`| ${r.map((cell) => (/^#+$/.test(cell) ? `\`${cell}\`` : escapeCell(cell))).join(' | ')} |`);
      parts.push('');
    }
    if (s.note) parts.push(`_${s.note}_\n`);
  });
  return parts.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

/** The comparison as aligned plain text for a terminal. */
export function renderProfileComparisonText(c: ProfileComparison, locale: Locale = 'en'): string {
  const parts: string[] = [];
  for (const s of comparisonSections(c, locale)) {
    parts.push(`${s.title}:`);
    for (const l of s.lines) parts.push(`  ${l.replace(/`/g, '')}`);
    if (s.table) {
      const all = [s.table.head, ...s.table.rows];
      const widths = s.table.head.map((_, j) => Math.max(...all.map((r) => [...(r[j] ?? '')].length)));
      const right = s.table.right;
      for (const r of all) {
        parts.push(`  ${r.map((cell, j) => (j >= right && !/^#*$/.test(cell) ? cell.padStart(widths[j]) : cell.padEnd(widths[j]))).join('  ').trimEnd()}`);
      }
    }
    if (s.note) parts.push(`  ${s.note}`);
    parts.push('');
  }
  return parts.join('\n').trimEnd() + '\n';
}
