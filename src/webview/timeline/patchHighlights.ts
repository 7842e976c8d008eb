// Which drawn slices the patch touches, and which belong to the function at the editor's cursor: the
// core's name matcher run once over the trace's distinct names, with per-name event counts and time.
import { PatchNameMatcher, type PatchNameMatch } from '../../core/profiling/patchEventMatch';
import type { PatchSymbol } from '../../core/profiling/patchSymbols';
import type { CursorSymbol } from '../../shared/timelineProtocol';
import type { RenderModel } from './timelineModel';

type Slices = Pick<RenderModel, 'names' | 'slices'>;

/** Slices and their summed duration per name id, one pass over the slices. */
export interface NameTotals {
  readonly count: Uint32Array;
  readonly totalNs: Float64Array;
}

export function nameTotals(m: Slices): NameTotals {
  const count = new Uint32Array(m.names.length);
  const totalNs = new Float64Array(m.names.length);
  const { name, dur } = m.slices;
  for (let i = 0; i < name.length; i++) {
    count[name[i]]++;
    totalNs[name[i]] += dur[i];
  }
  return { count, totalNs };
}

export interface TouchedRow {
  readonly nameId: number;
  readonly name: string;
  readonly count: number;
  readonly totalNs: number;
  /** The patch symbols touching the name, strongest first. */
  readonly matches: readonly PatchNameMatch[];
}

export interface NameHighlight {
  /** 1 for every name id highlighted. */
  readonly flags: Uint8Array;
  /** Slices with a highlighted name. */
  readonly slices: number;
  readonly rows: readonly TouchedRow[];
}

function highlight(m: Slices, totals: NameTotals, matcher: PatchNameMatcher): NameHighlight {
  const flags = new Uint8Array(m.names.length);
  const rows: TouchedRow[] = [];
  let slices = 0;
  if (matcher.empty) return { flags, slices, rows };
  for (let id = 0; id < m.names.length; id++) {
    const count = totals.count[id];
    if (!count) continue;
    const matches = matcher.match(m.names[id]);
    if (!matches.length) continue;
    flags[id] = 1;
    slices += count;
    rows.push({ nameId: id, name: m.names[id], count, totalNs: totals.totalNs[id], matches });
  }
  rows.sort((a, b) => b.totalNs - a.totalNs || b.count - a.count || a.name.localeCompare(b.name));
  return { flags, slices, rows };
}

/** Names touched by the patch, heaviest total time first. */
export function patchHighlight(m: Slices, totals: NameTotals, symbols: readonly PatchSymbol[]): NameHighlight {
  return highlight(m, totals, new PatchNameMatcher(symbols));
}

/** Names of the function at the cursor, by the same rules as a patch symbol (a bare `forward` needs its class or file in the name). */
export function cursorHighlight(m: Slices, totals: NameTotals, symbol: CursorSymbol): NameHighlight {
  const s: PatchSymbol = { name: symbol.name, kind: symbol.kind, file: symbol.file, line: symbol.line, origin: 'hunk-header', ...(symbol.scope ? { scope: symbol.scope } : {}) };
  return highlight(m, totals, new PatchNameMatcher([s]));
}

/** Slices of one name in start order (what the touched list steps through). */
export function slicesOfName(m: Pick<RenderModel, 'slices'>, nameId: number): Uint32Array {
  const { name, start } = m.slices;
  const hits: number[] = [];
  for (let i = 0; i < name.length; i++) if (name[i] === nameId) hits.push(i);
  const out = Uint32Array.from(hits);
  out.sort((a, b) => start[a] - start[b] || a - b);
  return out;
}
