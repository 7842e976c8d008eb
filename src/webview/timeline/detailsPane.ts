// The details pane: the selected slice (exact start, duration, lane, flows, args read on demand) or the
// aggregate of a selected time range. DOM built with textContent only: names come from the trace file.
import { MAX_ARGS_BYTES } from '../../shared/timelineProtocol';
import { argsEntries, prettyArgs } from './argsText';
import type { SliceFacts } from './flowLinks';
import type { RangeAggregate } from './sliceQueries';
import { formatAbsoluteUs, formatDuration, formatExactDuration } from './timeFormat';
import type { TimelineText } from './timelineMessages';
import { trackOfSlice, type RenderModel } from './timelineModel';
import { deviceLabel } from './trackLayout';
import { el, tableHead } from '../shared/dom';

export interface DetailsActions {
  /** Jump to another slice (a flow's other end). */
  goTo(slice: number): void;
  readArgs(source: number, offset: number, length: number): Promise<{ text?: string; error?: string }>;
  /** Look the name up in the workspace symbols and open its source beside the timeline. */
  openSymbol?(nameId: number): void;
  /** Where the patch touches a name: `symbol (file:line)` texts, strongest first; empty when it does not. */
  touchedBy?(nameId: number): readonly string[];
}

export class DetailsPane {
  private token = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly model: RenderModel,
    private readonly t: TimelineText,
    private readonly actions: DetailsActions,
    private readonly sourceLabels: readonly string[],
  ) {
    this.clear();
  }

  clear(): void {
    this.token++;
    this.root.replaceChildren(el('h2', 'tl-pane-title', this.t('detailsTitle')), el('p', 'tl-muted', this.t('detailsEmpty')));
  }

  laneLabel(lane: number): string {
    const l = this.model.lanes[lane];
    if (!l) return '';
    return `${deviceLabel(l.device, this.t('host'), this.t('npu'))} › ${l.processName} › ${l.threadName}`;
  }

  /** Shows a slice at once; facts (flows, args location) fill in when the worker answers. */
  showSlice(slice: number, facts: Promise<SliceFacts | null>): void {
    const token = ++this.token;
    const m = this.model;
    const s = m.slices;
    const start = s.start[slice];
    const dur = s.dur[slice];
    const track = m.tracks[trackOfSlice(m, slice)];
    const name = m.names[s.name[slice]] ?? '';
    const title = el('h2', 'tl-pane-title', this.t('detailsTitle'));
    const dl = el('dl', 'tl-facts');
    const row = (label: string, value: string, cls?: string): HTMLElement => {
      const dd = el('dd', cls, value);
      dl.append(el('dt', undefined, label), dd);
      return dd;
    };
    const nameCell = row(this.t('name'), name, 'tl-name');
    const open = this.actions.openSymbol;
    if (open && name) {
      // The name is a link to its source: the workspace symbol search runs in the host.
      const link = el('button', 'tl-link tl-symbol-link', name);
      link.type = 'button';
      link.title = this.t('openSymbolTitle', name);
      link.addEventListener('click', () => open(s.name[slice]));
      nameCell.replaceChildren(link);
    }
    const touched = this.actions.touchedBy?.(s.name[slice]) ?? [];
    if (touched.length) {
      const dd = row(this.t('touchedBy'), touched.join('\n'), 'tl-touched');
      dd.prepend(Object.assign(el('span', 'tl-swatch tl-swatch-patch'), { ariaHidden: 'true' }));
    }
    row(this.t('lane'), this.laneLabel(track.lane));
    row(this.t('start'), `${formatAbsoluteUs(m.baseUs, start)} µs`, 'tl-mono tl-start');
    row(this.t('startRelative'), formatExactDuration(start - m.minNs), 'tl-mono');
    row(this.t('duration'), formatExactDuration(dur), 'tl-mono tl-duration');
    row(this.t('end'), `${formatAbsoluteUs(m.baseUs, start + dur)} µs`, 'tl-mono');
    const extra = el('div');
    const args = el('section', 'tl-args');
    this.root.replaceChildren(title, dl, extra, args);
    this.root.setAttribute('data-slice', String(slice));
    void facts.then((f) => {
      if (token !== this.token || !f) return;
      if (f.cat) row(this.t('category'), f.cat);
      row(this.t('phase'), f.phase, 'tl-mono');
      if (f.id) row(this.t('flowId'), f.id, 'tl-mono');
      if (this.sourceLabels.length > 1) row(this.t('source'), this.sourceLabels[f.source] ?? String(f.source));
      this.renderFlows(extra, f);
      this.renderArgs(args, f, token);
    });
  }

  private renderFlows(host: HTMLElement, f: SliceFacts): void {
    if (!f.arrows.length) return;
    host.append(el('h3', 'tl-sub', this.t('flows')));
    const ul = el('ul', 'tl-flows');
    for (const a of f.arrows) {
      const outgoing = a.from.slice === f.slice;
      const other = outgoing ? a.to : a.from;
      const li = el('li');
      const label = `${a.cat || a.name} ${a.id}`.trim();
      if (other.slice >= 0) {
        const otherName = this.model.names[this.model.slices.name[other.slice]] ?? '';
        const b = el('button', 'tl-link', this.t(outgoing ? 'flowOut' : 'flowIn', otherName, label));
        b.title = this.laneLabel(other.lane);
        b.addEventListener('click', () => this.actions.goTo(other.slice));
        li.append(b);
      } else {
        li.textContent = this.t('flowUnbound', this.laneLabel(other.lane), formatDuration(other.t - this.model.minNs));
      }
      ul.append(li);
    }
    host.append(ul);
  }

  private renderArgs(host: HTMLElement, f: SliceFacts, token: number): void {
    host.replaceChildren(el('h3', 'tl-sub', this.t('args')));
    if (f.argsOffset < 0 || f.argsLength <= 0) {
      host.append(el('p', 'tl-muted', this.t('argsNone')));
      return;
    }
    if (f.argsLength > MAX_ARGS_BYTES) {
      host.append(el('p', 'tl-muted', this.t('argsFailed', `${f.argsLength.toLocaleString()} bytes > ${MAX_ARGS_BYTES.toLocaleString()}`)));
      return;
    }
    const status = el('p', 'tl-muted', this.t('argsLoading'));
    host.append(status);
    void this.actions.readArgs(f.source, f.argsOffset, f.argsLength).then((r) => {
      if (token !== this.token) return;
      if (r.error !== undefined || r.text === undefined) {
        status.textContent = this.t('argsFailed', r.error ?? '');
        return;
      }
      const entries = argsEntries(r.text);
      const table = el('table', 'tl-args-table');
      for (const [k, v] of entries ?? []) {
        const tr = el('tr');
        tr.append(el('th', undefined, k), el('td', 'tl-mono', v));
        table.append(tr);
      }
      const raw = el('details');
      raw.append(el('summary', undefined, 'JSON'), el('pre', 'tl-mono', prettyArgs(r.text)));
      status.replaceWith(...(entries && entries.length ? [table] : []), raw);
    });
  }

  showRange(r: RangeAggregate, expandedLanes: number): void {
    this.token++;
    const title = el('h2', 'tl-pane-title', this.t('rangeTitle', formatDuration(r.t0 - this.model.minNs), formatDuration(r.t1 - this.model.minNs), formatDuration(r.t1 - r.t0)));
    const summary = el('p', 'tl-muted', this.t('rangeSummary', r.sliceCount.toLocaleString(), expandedLanes));
    const table = el('table', 'tl-table tl-range-table');
    const thead = tableHead([
      [this.t('name'), false],
      [this.t('count'), true],
      [this.t('total'), true],
      [this.t('average'), true],
    ]);
    const tbody = el('tbody');
    for (const row of r.rows.slice(0, 500)) {
      const tr = el('tr');
      const nameCell = el('td', 'tl-name', row.name);
      nameCell.title = row.name;
      tr.append(nameCell, el('td', 'tl-num', row.count.toLocaleString()), el('td', 'tl-num', formatDuration(row.totalNs)), el('td', 'tl-num', formatDuration(row.avgNs)));
      tbody.append(tr);
    }
    table.append(thead, tbody);
    this.root.removeAttribute('data-slice');
    this.root.replaceChildren(title, summary, table);
  }
}
