// "Touched by this patch": the trace names the patch touches (count, total time), each a button that
// selects its events one after another, plus the function at the editor's cursor. Keyboard: Up/Down move
// between names, Enter / Shift+Enter (or ] / [) step to the next / previous event of the focused name.
import type { CursorSymbol, PatchMessage } from '../../shared/timelineProtocol';
import type { NameHighlight, TouchedRow } from './patchHighlights';
import { formatDuration } from './timeFormat';
import type { TimelineText } from './timelineMessages';
import { el } from '../shared/dom';

export interface PatchPaneActions {
  /** Selects the next (1) or previous (-1) event of a name; returns its position (1-based) and the total. */
  step(nameId: number, dir: 1 | -1): { index: number; total: number } | null;
}

/** Rows drawn at most (the rest are summarised); a patch touching more names than this is not read row by row. */
const MAX_ROWS = 300;

export class PatchPane {
  private readonly header = el('div', 'tl-patch-header');
  private readonly list = el('ul', 'tl-patch-list');
  private readonly cursorLine = el('p', 'tl-patch-cursor');
  private readonly more = el('p', 'tl-muted');
  private positions = new Map<number, HTMLElement>();

  constructor(
    private readonly root: HTMLElement,
    private readonly t: TimelineText,
    private readonly actions: PatchPaneActions,
  ) {
    root.hidden = true;
    root.setAttribute('aria-labelledby', 'tl-patch-title');
    const title = el('h2', 'tl-pane-title', t('patchTitle'));
    title.id = 'tl-patch-title';
    this.list.setAttribute('aria-labelledby', 'tl-patch-title');
    this.cursorLine.hidden = true;
    this.cursorLine.setAttribute('aria-live', 'polite');
    this.more.hidden = true;
    root.replaceChildren(title, this.header, this.list, this.more, this.cursorLine);
    this.list.addEventListener('keydown', (e) => this.onKey(e));
  }

  /** Shows the state of the patch and its touched names (highlight null while the trace is not drawn yet). */
  showPatch(m: PatchMessage, highlight: NameHighlight | null): void {
    const t = this.t;
    this.root.hidden = false;
    this.positions.clear();
    const source = m.repo ? (m.base ? t('patchSource', m.repo, m.base) : m.repo) : '';
    const lines: HTMLElement[] = [];
    if (source) lines.push(el('p', 'tl-patch-source tl-mono', source));
    this.list.replaceChildren();
    this.more.hidden = true;
    if (m.state === 'none') lines.push(el('p', 'tl-muted', t('patchNone')));
    else if (m.state === 'error') lines.push(el('p', 'tl-error', t('patchError', m.message ?? '')));
    else if (!highlight) lines.push(el('p', 'tl-muted', t('patchWaiting')));
    else if (m.files === 0) lines.push(el('p', 'tl-muted', t('patchClean')));
    else if (!highlight.rows.length) lines.push(el('p', 'tl-muted', t('patchNoEvents', m.files, m.symbols.length)));
    else {
      lines.push(el('p', 'tl-muted', t('patchSummary', highlight.rows.length.toLocaleString(), highlight.slices.toLocaleString(), m.files)));
      this.renderRows(highlight.rows);
    }
    this.header.replaceChildren(...lines);
    this.root.dataset.state = m.state;
  }

  /** The function at the cursor and how many of its events the trace has (symbol null: the cursor is in none). */
  showCursor(symbol: CursorSymbol | null, highlight: NameHighlight | null): void {
    if (!symbol) {
      this.cursorLine.hidden = true;
      return;
    }
    this.root.hidden = false;
    this.cursorLine.hidden = false;
    const label = symbol.scope ? `${symbol.scope}.${symbol.name}` : symbol.name;
    const swatch = el('span', 'tl-swatch tl-swatch-cursor');
    swatch.setAttribute('aria-hidden', 'true');
    const events = highlight ? (highlight.slices ? this.t('cursorEvents', highlight.slices.toLocaleString()) : this.t('cursorNoEvents')) : '';
    this.cursorLine.replaceChildren(swatch, document.createTextNode(this.t('cursorAt', label)), el('span', 'tl-muted', events ? ` · ${events}` : ''));
    this.cursorLine.title = `${symbol.file}:${symbol.line}`;
  }

  private renderRows(rows: readonly TouchedRow[]): void {
    const t = this.t;
    const items: HTMLElement[] = [];
    rows.slice(0, MAX_ROWS).forEach((r, i) => {
      const li = el('li', 'tl-patch-row');
      li.dataset.name = r.name;
      const swatch = el('span', 'tl-swatch tl-swatch-patch');
      swatch.setAttribute('aria-hidden', 'true');
      const name = el('button', 'tl-link tl-patch-name', r.name);
      name.type = 'button';
      name.tabIndex = i === 0 ? 0 : -1;
      const symbol = r.matches[0];
      name.title = symbol ? `${r.name}\n${t('patchMatch', symbol.symbol, `${symbol.file}:${symbol.line}`)}` : r.name;
      name.setAttribute('aria-label', t('touchedRowLabel', r.name, r.count.toLocaleString(), formatDuration(r.totalNs)));
      name.addEventListener('click', () => this.step(r.nameId, 1));
      const stats = el('span', 'tl-patch-stats tl-mono', `${r.count.toLocaleString()} · ${formatDuration(r.totalNs)}`);
      const position = el('span', 'tl-patch-position tl-mono');
      this.positions.set(r.nameId, position);
      const prev = el('button', 'tl-icon-button tl-patch-step tl-patch-prev', '‹');
      const next = el('button', 'tl-icon-button tl-patch-step tl-patch-next', '›');
      for (const [b, dir, key] of [
        [prev, -1, 'touchedPrevious'],
        [next, 1, 'touchedNext'],
      ] as const) {
        b.type = 'button';
        b.tabIndex = -1;
        b.title = t(key, r.name);
        b.setAttribute('aria-label', t(key, r.name));
        b.addEventListener('click', () => this.step(r.nameId, dir));
      }
      li.append(swatch, name, stats, position, prev, next);
      li.dataset.nameId = String(r.nameId);
      items.push(li);
    });
    this.list.replaceChildren(...items);
    if (rows.length > MAX_ROWS) {
      this.more.hidden = false;
      this.more.textContent = t('patchMore', (rows.length - MAX_ROWS).toLocaleString());
    }
  }

  private step(nameId: number, dir: 1 | -1): void {
    const r = this.actions.step(nameId, dir);
    for (const [id, p] of this.positions) p.textContent = id === nameId && r ? this.t('touchedPosition', r.index.toLocaleString(), r.total.toLocaleString()) : '';
  }

  private onKey(e: KeyboardEvent): void {
    const buttons = [...this.list.querySelectorAll<HTMLButtonElement>('.tl-patch-name')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const nameId = Number((buttons[at].closest('li') as HTMLElement).dataset.nameId);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        const to = Math.max(0, Math.min(buttons.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)));
        buttons[at].tabIndex = -1;
        buttons[to].tabIndex = 0;
        buttons[to].focus();
        break;
      }
      case 'Home':
      case 'End': {
        const to = e.key === 'Home' ? 0 : buttons.length - 1;
        buttons[at].tabIndex = -1;
        buttons[to].tabIndex = 0;
        buttons[to].focus();
        break;
      }
      case 'Enter':
        this.step(nameId, e.shiftKey ? -1 : 1);
        break;
      case ']':
      case '[':
        this.step(nameId, e.key === ']' ? 1 : -1);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  }
}
