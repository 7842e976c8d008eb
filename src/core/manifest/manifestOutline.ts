// Outline and folding of a manifest: one symbol per section with its entries as children.
import type { SourceRange } from '../text/lineIndex';
import type { ManifestDocument } from './manifestModel';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: 'section' | 'entry';
  readonly range: SourceRange;
  readonly selectionRange: SourceRange;
  readonly children: readonly OutlineSymbol[];
}

export function manifestOutline(doc: ManifestDocument): OutlineSymbol[] {
  return doc.sections.map((section, index) => ({
    name: section.name,
    detail: section.known ? '' : 'unknown section',
    kind: 'section' as const,
    range: section.range,
    selectionRange: section.nameRange,
    children: doc.entries
      .filter((e) => e.sectionIndex === index)
      .map((e) => ({ name: e.key, detail: e.text, kind: 'entry' as const, range: e.range, selectionRange: e.keyRange, children: [] })),
  }));
}

/** Folding ranges by section: from the heading line to the section's last line. */
export function manifestFolding(doc: ManifestDocument): { startLine: number; endLine: number }[] {
  return doc.sections.map((s) => ({ startLine: s.range.start.line, endLine: s.range.end.line })).filter((r) => r.endLine > r.startLine);
}
