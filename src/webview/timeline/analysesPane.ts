// The analyses pane: one tab per core analysis (kernels, communication, dispatch, overlap with bottleneck
// hints, decode-step gaps with editable boundary regexes); tabs follow the WAI-ARIA tabs pattern.
import type { GapBoundary } from '../../shared/timelineProtocol';
import type { AnalysesView, Cell, CellKind, GapView, TableView } from './analysesView';
import type { TimelineText } from './timelineMessages';
import { el, tableHead } from '../shared/dom';

export function formatCell(v: Cell, kind: CellKind): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  switch (kind) {
    case 'pct':
      return `${(v * 100).toFixed(1)}%`;
    case 'int':
      return v.toLocaleString('en-US');
    case 'us':
      return v.toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
    default:
      return v.toLocaleString('en-US', { maximumFractionDigits: 3 });
  }
}

export function renderTable(view: TableView, t: TimelineText): HTMLElement {
  const wrap = el('div', 'tl-table-wrap');
  for (const h of view.hints) wrap.append(el('p', 'tl-hint', h));
  if (!view.rows.length) wrap.append(el('p', 'tl-muted', t('tableEmpty')));
  else {
    const table = el('table', 'tl-table');
    table.setAttribute('data-table', view.id);
    const thead = tableHead(view.columns.map((c) => [c.label, c.kind !== 'text'] as const));
    const tbody = el('tbody');
    for (const r of view.rows) {
      const tr = el('tr');
      r.forEach((v, i) => tr.append(el('td', view.columns[i]?.kind === 'text' ? undefined : 'tl-num', formatCell(v, view.columns[i]?.kind ?? 'text'))));
      tbody.append(tr);
    }
    table.append(thead, tbody);
    wrap.append(table);
  }
  for (const n of view.notes) wrap.append(el('p', 'tl-muted', n));
  return wrap;
}

export interface AnalysesActions {
  recomputeGaps(boundary: GapBoundary): void;
}

export class AnalysesPane {
  private readonly tabList: HTMLDivElement;
  private readonly panels: HTMLDivElement;
  private tabs: { id: string; tab: HTMLButtonElement; panel: HTMLDivElement }[] = [];
  private active = 'kernels';
  private gapPanel: HTMLDivElement | null = null;
  private gapBody: HTMLDivElement | null = null;
  private boundary: GapBoundary;

  constructor(
    private readonly root: HTMLElement,
    private readonly t: TimelineText,
    private readonly actions: AnalysesActions,
    boundary: GapBoundary,
  ) {
    this.boundary = boundary;
    this.tabList = el('div', 'tl-tabs');
    this.tabList.setAttribute('role', 'tablist');
    this.tabList.setAttribute('aria-label', t('analysesTitle'));
    this.panels = el('div', 'tl-tab-panels');
    root.replaceChildren(this.tabList, this.panels);
    this.panels.append(el('p', 'tl-muted', t('analysesPending')));
    this.tabList.addEventListener('keydown', (e) => this.onTabKey(e));
  }

  get currentBoundary(): GapBoundary {
    return this.boundary;
  }

  failed(message: string): void {
    this.panels.replaceChildren(el('p', 'tl-error', this.t('analysesFailed', message)));
  }

  show(view: AnalysesView): void {
    this.tabList.replaceChildren();
    this.panels.replaceChildren();
    this.tabs = [];
    for (const table of view.tables) this.addTab(table.id, table.title).append(renderTable(table, this.t));
    this.gapPanel = this.addTab('gaps', this.t('gapsTab'));
    this.buildGapForm(this.gapPanel);
    this.select(this.tabs.some((x) => x.id === this.active) ? this.active : this.tabs[0].id, false);
  }

  showGaps(g: GapView): void {
    this.boundary = g.boundary;
    if (!this.gapBody) return;
    const prev = this.gapPanel?.querySelector<HTMLInputElement>('input[name="previous"]');
    const next = this.gapPanel?.querySelector<HTMLInputElement>('input[name="next"]');
    if (prev && document.activeElement !== prev) prev.value = g.boundary.previous;
    if (next && document.activeElement !== next) next.value = g.boundary.next;
    const problems = g.problems.map((p) => el('p', 'tl-hint', p));
    if (g.error) this.gapBody.replaceChildren(el('p', 'tl-error', this.t('gapInvalid', g.error)));
    else if (g.table) this.gapBody.replaceChildren(...problems, renderTable(g.table, this.t));
    else this.gapBody.replaceChildren(...problems);
  }

  private addTab(id: string, title: string): HTMLDivElement {
    const tab = el('button', 'tl-tab', title);
    tab.id = `tl-tab-${id}`;
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-controls', `tl-panel-${id}`);
    tab.addEventListener('click', () => this.select(id, true));
    const panel = el('div', 'tl-tab-panel');
    panel.id = `tl-panel-${id}`;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', tab.id);
    panel.tabIndex = 0;
    this.tabList.append(tab);
    this.panels.append(panel);
    this.tabs.push({ id, tab, panel });
    return panel;
  }

  select(id: string, focus: boolean): void {
    this.active = id;
    for (const x of this.tabs) {
      const on = x.id === id;
      x.tab.setAttribute('aria-selected', String(on));
      x.tab.tabIndex = on ? 0 : -1;
      x.panel.hidden = !on;
      if (on && focus) x.tab.focus();
    }
  }

  private onTabKey(e: KeyboardEvent): void {
    const i = this.tabs.findIndex((x) => x.id === this.active);
    let j = -1;
    if (e.key === 'ArrowRight') j = (i + 1) % this.tabs.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + this.tabs.length) % this.tabs.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = this.tabs.length - 1;
    if (j < 0) return;
    e.preventDefault();
    this.select(this.tabs[j].id, true);
  }

  private buildGapForm(panel: HTMLDivElement): void {
    const form = el('form', 'tl-gap-form');
    const field = (name: 'previous' | 'next', label: string, value: string): HTMLLabelElement => {
      const l = el('label', 'tl-field');
      const input = el('input');
      input.name = name;
      input.value = value;
      input.spellcheck = false;
      input.className = 'tl-input tl-mono';
      l.append(el('span', undefined, label), input);
      return l;
    };
    const apply = el('button', 'tl-button', this.t('gapApply'));
    apply.type = 'submit';
    form.append(field('previous', this.t('gapPrevious'), this.boundary.previous), field('next', this.t('gapNext'), this.boundary.next), apply);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const data = new FormData(form);
      this.actions.recomputeGaps({ previous: String(data.get('previous') ?? ''), next: String(data.get('next') ?? '') });
    });
    this.gapBody = el('div', 'tl-gap-body');
    this.gapBody.append(el('p', 'tl-muted', this.t('analysesPending')));
    panel.append(el('p', 'tl-muted', this.t('gapHelp')), form, this.gapBody);
  }
}
