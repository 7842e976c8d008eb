// Binds CSV headers to fields by name (columns move and get renamed across CANN versions) and reads cells
// the way msprof writes them: trailing tabs, triple-quoted shapes, N/A, Model ID 4294967295 for none.
import { problem, type Problem } from './profilingMessages';

export interface ColumnSpec {
  /** Accepted header names, first = canonical; compared ignoring case, spaces, `_` and `-`. */
  readonly names: readonly string[];
  readonly required?: boolean;
}

export type ColumnSpecs<K extends string> = Readonly<Record<K, ColumnSpec>>;

const normalize = (h: string): string => h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_-]+/g, '');

/** Column index per field (-1 when absent) plus a problem per missing required column. */
export function bindColumns<K extends string>(file: string, header: readonly string[], specs: ColumnSpecs<K>): { index: Record<K, number>; problems: Problem[] } {
  const norm = header.map(normalize);
  const index = {} as Record<K, number>;
  const problems: Problem[] = [];
  for (const key of Object.keys(specs) as K[]) {
    const spec = specs[key];
    let at = -1;
    for (const name of spec.names) {
      at = norm.indexOf(normalize(name));
      if (at >= 0) break;
    }
    index[key] = at;
    if (at < 0 && spec.required) {
      problems.push(problem('csvMissingColumn', file, spec.names[0], spec.names.map((n) => `"${n}"`).join(', '), header.map((h) => h.trim()).join(', ')));
    }
  }
  return { index, problems };
}

/** Cell text without padding and wrapping quotes; null for empty / N/A. */
export function cellText(fields: readonly string[], at: number): string | null {
  if (at < 0 || at >= fields.length) return null;
  let v = fields[at].trim();
  while (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
  if (v === '' || v === 'N/A' || v === 'NA' || v === 'n/a' || v === '-') return null;
  return v;
}

/** Numeric cell; null for empty / N/A / not a number. */
export function cellNumber(fields: readonly string[], at: number): number | null {
  const v = cellText(fields, at);
  if (v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Model ID cell: 4294967295 (UINT32_MAX) means "no model". */
export function cellModelId(fields: readonly string[], at: number): number | null {
  const n = cellNumber(fields, at);
  return n === null || n === 4294967295 ? null : n;
}
