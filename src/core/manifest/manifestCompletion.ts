// What to offer while typing a manifest: sections, keys (missing first, template order), values and paths.
import type { Locale } from '../i18n/locale';
import type { Position } from '../text/lineIndex';
import type { ManifestDocument } from './manifestModel';
import { SECTION_NAMES, isSectionName, keySpec, keysOf, type KeySpec, type SectionName } from './manifestSpec';

export type CompletionKind = 'section' | 'key' | 'value' | 'path';

export interface ManifestCompletion {
  readonly label: string;
  readonly kind: CompletionKind;
  /** Text that replaces `replace` (the word being typed). */
  readonly insertText: string;
  readonly replace: { readonly start: Position; readonly end: Position };
  readonly detail?: string;
  readonly documentation?: string;
  /** Sorts missing keys before present ones, each in template order. */
  readonly sortText: string;
}

export interface CompletionContext {
  readonly locale: Locale;
  /** Values other runs of the workspace use, by key (model names, hosts, ...). */
  readonly workspaceValues?: Readonly<Record<string, readonly string[]>>;
  /** Paths inside the run root (folders end with '/'), for path-typed keys. */
  readonly runEntries?: readonly string[];
}

const BOOLEAN_VALUES = ['true', 'false'];

/** The section a line belongs to: the last known section heading above it. */
function sectionAt(doc: ManifestDocument, line: number): SectionName | null {
  let found: SectionName | null = null;
  for (const s of doc.sections) {
    if (s.nameRange.start.line <= line && s.known) found = s.known;
    if (s.nameRange.start.line > line) break;
  }
  return found;
}

function describe(spec: KeySpec, locale: Locale): string {
  const doc = locale === 'zh-cn' ? spec.doc.zh : spec.doc.en;
  const values = spec.values ? ` (${spec.values.join(' | ')})` : '';
  return `${doc}${values}`;
}

function valueCandidates(spec: KeySpec, ctx: CompletionContext): { label: string; kind: CompletionKind; detail?: string }[] {
  if (spec.values) return spec.values.map((v) => ({ label: v, kind: 'value' as const }));
  if (spec.type === 'boolean') return BOOLEAN_VALUES.map((v) => ({ label: v, kind: 'value' as const }));
  const out: { label: string; kind: CompletionKind; detail?: string }[] = [];
  if (spec.type === 'path') for (const e of ctx.runEntries ?? []) out.push({ label: e.replace(/\/$/, ''), kind: 'path', detail: e.endsWith('/') ? 'folder' : 'file' });
  for (const v of ctx.workspaceValues?.[spec.key] ?? []) out.push({ label: v, kind: 'value', detail: 'used in other runs' });
  return out;
}

export function manifestCompletions(doc: ManifestDocument, position: Position, ctx: CompletionContext): ManifestCompletion[] {
  const lineText = doc.lines.lineText(position.line);
  const before = lineText.slice(0, position.character);
  if (doc.format === 'yaml') return yamlCompletions(doc, position, before, ctx);

  // `## Sec|` -> section names not yet present first.
  const heading = /^(\s{0,3})(#{1,2})\s*(\S*)$/.exec(before);
  if (heading || before.trim() === '') {
    const present = new Set(doc.sections.map((s) => s.known).filter(Boolean));
    const items: ManifestCompletion[] = SECTION_NAMES.map((name, i) => ({
      label: name,
      kind: 'section',
      insertText: `## ${name}`,
      replace: { start: { line: position.line, character: heading ? 0 : position.character }, end: position },
      sortText: `${present.has(name) ? 1 : 0}${String(i).padStart(2, '0')}`,
      detail: present.has(name) ? 'present' : 'missing',
    }));
    if (heading) return items;
    // On an empty line inside a section, keys come first.
    return [...keyCompletions(doc, position, position.character, ctx, '- '), ...items.map((i) => ({ ...i, sortText: `9${i.sortText}` }))];
  }

  // `- ke|` -> keys of the current section.
  const bullet = /^(\s*[-*+]\s+)([^:]*)$/.exec(before);
  if (bullet) return keyCompletions(doc, position, bullet[1].length, ctx, '');

  // `- key: val|` -> values for the key.
  const entry = /^\s*[-*+]\s+([^:]+):\s*(.*)$/.exec(before);
  if (entry) return valueCompletions(entry[1].trim(), entry[2], position, ctx);
  return [];
}

// The editor filters by what was typed; we only decide order and text.
function keyCompletions(doc: ManifestDocument, position: Position, startChar: number, ctx: CompletionContext, prefix: string): ManifestCompletion[] {
  const section = sectionAt(doc, position.line);
  const present = new Set(doc.entries.map((e) => e.key));
  const specs = section ? keysOf(section) : [];
  return specs.map((spec, i) => ({
    label: spec.key,
    kind: 'key' as const,
    insertText: `${prefix}${spec.key}: `,
    replace: { start: { line: position.line, character: startChar }, end: position },
    detail: `${spec.section} · ${spec.type}${present.has(spec.key) ? ' · present' : ''}`,
    documentation: describe(spec, ctx.locale),
    sortText: `${present.has(spec.key) ? 1 : 0}${String(i).padStart(2, '0')}`,
  }));
}

function valueCompletions(key: string, typed: string, position: Position, ctx: CompletionContext): ManifestCompletion[] {
  const spec = keySpec(key);
  if (!spec) return [];
  const start = { line: position.line, character: position.character - typed.length };
  const seen = new Set<string>();
  return valueCandidates(spec, ctx)
    .filter((c) => !seen.has(c.label) && seen.add(c.label))
    .map((c, i) => ({
      label: c.label,
      kind: c.kind,
      insertText: c.label,
      replace: { start, end: position },
      detail: c.detail,
      documentation: describe(spec, ctx.locale),
      sortText: String(i).padStart(4, '0'),
    }));
}

function yamlCompletions(doc: ManifestDocument, position: Position, before: string, ctx: CompletionContext): ManifestCompletion[] {
  const top = /^(\w*)$/.exec(before);
  if (top) {
    const present = new Set(doc.sections.map((s) => s.known).filter(Boolean));
    return SECTION_NAMES.map((name, i) => ({
      label: name,
      kind: 'section' as const,
      insertText: `${name}:`,
      replace: { start: { line: position.line, character: 0 }, end: position },
      sortText: `${present.has(name) ? 1 : 0}${String(i).padStart(2, '0')}`,
    }));
  }
  const keyLine = /^(\s+)([^:]*)$/.exec(before);
  if (keyLine) return keyCompletions(doc, position, keyLine[1].length, ctx, '');
  const valueLine = /^\s+([^:]+):\s*(.*)$/.exec(before);
  if (valueLine) return valueCompletions(valueLine[1].trim().replace(/^["']|["']$/g, ''), valueLine[2], position, ctx);
  return [];
}

/** Section names in template order that a document lacks (used by quick fixes too). */
export function missingSections(doc: ManifestDocument): SectionName[] {
  const present = new Set(doc.sections.map((s) => s.name).filter(isSectionName));
  return SECTION_NAMES.filter((s) => !present.has(s));
}
