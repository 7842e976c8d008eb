// Beside the lanes: the kernel table as a diff (count and time per OP Type, largest |delta| first) and the
// decode-step gap distributions of both captures (statistics and a histogram on shared buckets).
import type { CompareTables, GapDistribution, KernelDiffRow } from '../../shared/timelineCompareProtocol';
import { formatDuration } from '../timeline/timeFormat';
import type { TimelineText } from '../timeline/timelineMessages';
import { el, tableHead } from '../shared/dom';

const us = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : formatDuration(v * 1000));

/** A signed duration: `+1.20 ms`, `−56.8 µs`, `0 ns`. */
export function signedUs(deltaUs: number): string {
  if (deltaUs === 0) return formatDuration(0);
  return `${deltaUs > 0 ? '+' : '−'}${formatDuration(Math.abs(deltaUs) * 1000)}`;
}

/** Relative change `+12.3%`, or '' when the baseline is zero. */
export function signedPct(delta: number, base: number): string {
  if (!(base > 0)) return '';
  const p = (delta / base) * 100;
  return `${p > 0 ? '+' : p < 0 ? '−' : ''}${Math.abs(p).toFixed(1)}%`;
}

/** Less time is better: the class that colors a delta. */
const deltaClass = (d: number): string => (d < 0 ? 'tlc-better' : d > 0 ? 'tlc-worse' : '');

export interface TablesActions {
  /** Highlight an OP Type's slices in both timelines (null clears). */
  highlight(opType: string | null): void;
}

export class CompareTablesPane {
  private highlighted: string | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly t: TimelineText,
    private readonly actions: TablesActions,
  ) {
    this.pending();
  }

  pending(): void {
    this.root.replaceChildren(el('p', 'tl-muted', this.t('compareTablesPending')));
  }

  failed(message: string): void {
    this.root.replaceChildren(el('p', 'tl-error', this.t('compareTablesFailed', message)));
  }

  show(tables: CompareTables): void {
    const problems = tables.problems.map((p) => el('p', 'tl-hint', p));
    this.root.replaceChildren(this.kernelSection(tables), this.gapSection(tables), ...problems);
  }

  private kernelSection(tables: CompareTables): HTMLElement {
    const t = this.t;
    const k = tables.kernel;
    const section = el('section', 'tlc-section');
    section.append(el('h2', 'tl-pane-title', t('compareKernelTitle')));
    const delta = k.currentTotalUs - k.baselineTotalUs;
    const totals = el('p', 'tlc-totals', t('compareKernelTotals', us(k.baselineTotalUs), us(k.currentTotalUs), `${signedUs(delta)}${k.baselineTotalUs > 0 ? ` ${signedPct(delta, k.baselineTotalUs)}` : ''}`));
    section.append(totals);
    if (!k.rows.length) {
      section.append(el('p', 'tl-muted', t('tableEmpty')));
      return section;
    }
    const table = el('table', 'tl-table tlc-kernel-table');
    table.setAttribute('data-table', 'kernel-diff');
    const thead = tableHead([
      [t('compareOpType'), false],
      [t('compareCount'), true],
      [t('compareBaseline'), true],
      [t('compareCurrent'), true],
      [t('compareDelta'), true],
    ]);
    const tbody = el('tbody');
    for (const r of k.rows) tbody.append(this.kernelRow(r));
    table.append(thead, tbody);
    section.append(el('div', 'tlc-table-wrap'));
    section.lastElementChild!.append(table);
    if (k.omitted > 0) section.append(el('p', 'tl-muted', t('compareKernelOmitted', k.omitted.toLocaleString())));
    section.append(el('p', 'tl-muted', t('compareKernelSources', k.baselineSource, k.currentSource)));
    return section;
  }

  private kernelRow(r: KernelDiffRow): HTMLTableRowElement {
    const t = this.t;
    const tr = el('tr', 'tlc-kernel-row');
    tr.setAttribute('data-op', r.opType);
    const name = el('td', 'tlc-op');
    const button = el('button', 'tl-link', r.opType);
    button.type = 'button';
    button.title = t('compareKernelHighlight', r.opType);
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => {
      this.highlighted = this.highlighted === r.opType ? null : r.opType;
      for (const b of this.root.querySelectorAll<HTMLButtonElement>('.tlc-op .tl-link')) b.setAttribute('aria-pressed', String(b.textContent === this.highlighted));
      this.actions.highlight(this.highlighted);
    });
    name.append(button);
    if (!r.baseline || !r.current) name.append(el('span', 'tlc-only', ` ${t('compareOnlyIn', r.baseline ? t('compareBaseline') : t('compareCurrent'))}`));
    // Equal counts read as one number; a change shows both.
    const count = r.baseline && r.current && r.baseline.count === r.current.count ? r.baseline.count.toLocaleString() : `${r.baseline ? r.baseline.count.toLocaleString() : '—'} → ${r.current ? r.current.count.toLocaleString() : '—'}`;
    const countCell = el('td', 'tl-num tl-mono', count);
    if (r.baseline && r.current && r.baseline.count !== r.current.count) countCell.classList.add('tlc-changed');
    const deltaCell = el('td', `tl-num tl-mono ${deltaClass(r.deltaUs)}`.trim());
    deltaCell.append(el('span', undefined, signedUs(r.deltaUs)));
    const pct = signedPct(r.deltaUs, r.baseline?.totalUs ?? 0);
    if (pct) deltaCell.append(el('span', 'tlc-pct', ` ${pct}`));
    tr.append(name, countCell, el('td', 'tl-num tl-mono', us(r.baseline?.totalUs)), el('td', 'tl-num tl-mono', us(r.current?.totalUs)), deltaCell);
    return tr;
  }

  private gapSection(tables: CompareTables): HTMLElement {
    const t = this.t;
    const g = tables.gaps;
    const section = el('section', 'tlc-section');
    section.append(el('h2', 'tl-pane-title', t('compareGapsTitle')));
    section.append(el('p', 'tl-muted tl-mono', `${tables.boundary.previous} → ${tables.boundary.next}`));
    const table = el('table', 'tl-table tlc-gap-table');
    table.setAttribute('data-table', 'gap-distributions');
    const thead = tableHead([
      ['', false],
      [t('compareBaseline'), true],
      [t('compareCurrent'), true],
      [t('compareDelta'), true],
    ]);
    const tbody = el('tbody');
    const stat = (label: string, pick: (d: GapDistribution) => number | null): void => {
      const b = pick(g.baseline);
      const c = pick(g.current);
      const d = b !== null && c !== null ? c - b : null;
      const tr = el('tr');
      const th = el('th', undefined, label);
      th.scope = 'row';
      tr.append(th, el('td', 'tl-num tl-mono', us(b)), el('td', 'tl-num tl-mono', us(c)), el('td', `tl-num tl-mono ${d === null ? '' : deltaClass(d)}`.trim(), d === null ? '—' : signedUs(d)));
      tbody.append(tr);
    };
    const pairs = el('tr');
    const pairsTh = el('th', undefined, t('compareGapPairs'));
    pairsTh.scope = 'row';
    pairs.append(pairsTh, el('td', 'tl-num tl-mono', g.baseline.pairs.toLocaleString()), el('td', 'tl-num tl-mono', g.current.pairs.toLocaleString()), el('td', 'tl-num tl-mono', (g.current.pairs - g.baseline.pairs).toLocaleString()));
    tbody.append(pairs);
    stat(t('compareStatMin'), (d) => d.minUs);
    stat(t('compareStatMedian'), (d) => d.medianUs);
    stat(t('compareStatMean'), (d) => d.meanUs);
    stat(t('compareStatP90'), (d) => d.p90Us);
    stat(t('compareStatMax'), (d) => d.maxUs);
    table.append(thead, tbody);
    section.append(table, this.histogram(tables));
    return section;
  }

  /** One row per shared bucket, the two counts as bars scaled to the largest bucket of either side. */
  private histogram(tables: CompareTables): HTMLElement {
    const t = this.t;
    const h = tables.gaps.histogram;
    const wrap = el('figure', 'tlc-histogram');
    wrap.setAttribute('data-chart', 'gap-histogram');
    wrap.append(el('figcaption', 'tl-sub', t('compareHistogram')));
    const max = Math.max(1, ...h.baseline, ...h.current);
    const list = el('ul', 'tlc-buckets');
    const fmt = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: v < 10 ? 2 : v < 100 ? 1 : 0 });
    for (let i = 0; i + 1 < h.edgesUs.length; i++) {
      const li = el('li', 'tlc-bucket');
      const b = h.baseline[i] ?? 0;
      const c = h.current[i] ?? 0;
      li.setAttribute('aria-label', t('compareHistogramBucket', fmt(h.edgesUs[i]), fmt(h.edgesUs[i + 1]), b, c));
      const label = el('span', 'tlc-bucket-label tl-mono', `${fmt(h.edgesUs[i])}–${fmt(h.edgesUs[i + 1])}`);
      const bars = el('span', 'tlc-bars');
      for (const [cls, n] of [
        ['tlc-bar-baseline', b],
        ['tlc-bar-current', c],
      ] as const) {
        const row = el('span', 'tlc-bar-row');
        const bar = el('span', `tlc-bar ${cls}`);
        bar.style.width = `${((n / max) * 100).toFixed(1)}%`;
        row.append(bar, el('span', 'tlc-bar-count tl-mono', n ? String(n) : ''));
        bars.append(row);
      }
      li.append(label, bars);
      list.append(li);
    }
    if (!h.edgesUs.length) wrap.append(el('p', 'tl-muted', t('tableEmpty')));
    else wrap.append(list);
    return wrap;
  }
}
