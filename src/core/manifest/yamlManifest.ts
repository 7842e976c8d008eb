// Reads manifest.yaml / manifest.yml (top-level section mappings of key: value) into the shared model, with ranges.
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Document, type Node } from 'yaml';
import { LineIndex, trimEndOffset, type SourceRange } from '../text/lineIndex';
import { isSectionName } from './manifestSpec';
import { makeEntry, MAX_MANIFEST_CHARS, type ManifestDocument, type ManifestEntry, type ManifestProblem, type ManifestSection } from './manifestModel';
import { excessiveYamlNesting, MAX_YAML_DEPTH } from './yamlNesting';

/** Nodes an alias-expanded document may reach before it counts as an alias bomb. */
export const MAX_YAML_EXPANDED_NODES = 10_000;
/** Syntax errors reported per document; later ones are usually consequences of the first. */
const MAX_SYNTAX_PROBLEMS = 3;

type Range3 = [number, number, number];

function nodeRange(node: Node | null | undefined): Range3 | undefined {
  return (node as { range?: Range3 } | null | undefined)?.range ?? undefined;
}

function empty(lines: LineIndex, problems: ManifestProblem[]): ManifestDocument {
  return { format: 'yaml', lines, title: null, sections: [], entries: [], problems };
}

/** Size of the document with every alias expanded, counted up to `limit`. */
function expandedSize(doc: Document, limit: number): number {
  const memo = new Map<unknown, number>();
  const size = (node: unknown): number => {
    if (memo.has(node)) return memo.get(node)!;
    // A node met again while it is still being counted is an alias cycle: its expansion never ends.
    memo.set(node, limit + 1);
    let total = 1;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      total = target ? size(target) : 1;
    } else if (isPair(node)) {
      total = size(node.key) + size(node.value);
    } else if (isCollection(node)) {
      for (const item of node.items) {
        total += size(item);
        if (total > limit) break;
      }
    }
    total = Math.min(total, limit + 1);
    memo.set(node, total);
    return total;
  };
  return size(doc.contents);
}

/** Source and meant text of a scalar; quotes are left out of the range, plain scalars keep their exact spelling (`0123`). */
function scalarValue(text: string, node: Scalar, range: Range3): { start: number; end: number; text: string } {
  let start = range[0];
  let end = range[1];
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
    start++;
    end = Math.max(start, end - 1);
  }
  if (node.value === null || node.value === undefined) return { start, end, text: '' };
  if (node.type === Scalar.PLAIN) return { start, end, text: text.slice(start, end).trim() };
  return { start, end, text: String(node.value).trim() };
}

export function parseYamlManifest(text: string): ManifestDocument {
  const lines = new LineIndex(text);
  if (text.length > MAX_MANIFEST_CHARS) return empty(lines, [{ kind: 'tooLarge', range: lines.range(0, 0), detail: String(text.length) }]);
  const deep = excessiveYamlNesting(text);
  if (deep >= 0) return empty(lines, [{ kind: 'tooDeep', range: lines.range(deep, deep + 1), detail: String(MAX_YAML_DEPTH) }]);

  // Aliases are never expanded here (no toJS), and expandedSize below refuses alias bombs outright.
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  const problems: ManifestProblem[] = doc.errors.slice(0, MAX_SYNTAX_PROBLEMS).map((e) => ({
    kind: e.code === 'RESOURCE_EXHAUSTION' ? 'tooDeep' : 'syntax',
    range: lines.range(e.pos[0], Math.max(e.pos[1], e.pos[0])),
    detail: e.message.split('\n')[0],
  }));
  if (expandedSize(doc, MAX_YAML_EXPANDED_NODES) > MAX_YAML_EXPANDED_NODES) {
    return empty(lines, [...problems, { kind: 'tooManyAliases', range: lines.range(0, 0), detail: String(MAX_YAML_EXPANDED_NODES) }]);
  }

  const sections: ManifestSection[] = [];
  const entries: ManifestEntry[] = [];
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) {
    return { format: 'yaml', lines, title: null, sections, entries, problems };
  }
  if (!isMap(contents)) {
    const r = nodeRange(contents) ?? [0, 0, 0];
    problems.push({ kind: 'notEntry', range: lines.range(r[0], r[1]), detail: 'notMapping' });
    return { format: 'yaml', lines, title: null, sections, entries, problems };
  }

  for (const pair of contents.items) {
    const keyNode = pair.key as Node | null;
    const kr = nodeRange(keyNode);
    if (!isScalar(keyNode) || !kr) {
      const r = kr ?? nodeRange(pair.value as Node) ?? [0, 0, 0];
      problems.push({ kind: 'notEntry', range: lines.range(r[0], r[1]) });
      continue;
    }
    const name = String(keyNode.value ?? '');
    const nameValue = scalarValue(text, keyNode, kr);
    const valueNode = pair.value as Node | null;
    const vr = nodeRange(valueNode);
    const sectionEnd = vr && vr[1] > kr[1] ? vr[1] : kr[1];
    const sectionIndex = sections.length;
    sections.push({
      name,
      known: isSectionName(name) ? name : null,
      nameRange: lines.range(nameValue.start, nameValue.end),
      range: lines.range(kr[0], sectionEnd),
    });
    if (valueNode === null || (isScalar(valueNode) && valueNode.value === null)) continue;
    if (!isMap(valueNode)) {
      problems.push({ kind: 'notEntry', range: lines.range(vr ? vr[0] : kr[0], vr ? vr[1] : kr[1]) });
      continue;
    }
    for (const item of valueNode.items) entries.push(...entryOf(text, lines, doc, item.key as Node | null, item.value as Node | null, sectionIndex, name, problems));
  }
  return { format: 'yaml', lines, title: null, sections, entries, problems };
}

function entryOf(
  text: string,
  lines: LineIndex,
  doc: Document,
  keyNode: Node | null,
  valueNode: Node | null,
  sectionIndex: number,
  section: string,
  problems: ManifestProblem[],
): ManifestEntry[] {
  const kr = nodeRange(keyNode);
  if (!isScalar(keyNode) || !kr) {
    const r = kr ?? nodeRange(valueNode) ?? [0, 0, 0];
    problems.push({ kind: 'notEntry', range: lines.range(r[0], r[1]) });
    return [];
  }
  const key = String(keyNode.value ?? '');
  const k = scalarValue(text, keyNode, kr);
  const keyRange: SourceRange = lines.range(k.start, k.end);
  let target: unknown = valueNode;
  if (isAlias(valueNode)) target = valueNode.resolve(doc) ?? valueNode;
  const vr = nodeRange(valueNode);
  let start: number;
  let end: number;
  let meant: string;
  if (!vr || valueNode === null) {
    // `key:` with nothing after it: the value goes right after the colon.
    const colon = text.indexOf(':', kr[1]);
    start = end = colon >= 0 && colon < kr[2] + 4 ? colon + 1 : kr[1];
    meant = '';
  } else if (isScalar(target) && target === valueNode) {
    const s = scalarValue(text, target, vr);
    start = s.start;
    end = s.end;
    meant = s.text;
  } else if (isScalar(target)) {
    start = vr[0];
    end = vr[1];
    meant = target.value === null || target.value === undefined ? '' : String(target.value).trim();
  } else if (isSeq(target) && target.items.every((x) => isScalar(x))) {
    start = vr[0];
    end = vr[1];
    meant = (target.items as Scalar[]).map((x) => String(x.value ?? '')).join(', ');
  } else {
    start = vr[0];
    end = vr[1];
    meant = text.slice(start, end).trim();
  }
  const entryEnd = Math.max(end, kr[1]);
  return [
    makeEntry({
      key,
      sectionIndex,
      section,
      raw: text.slice(start, end),
      rawStart: start,
      text: meant,
      keyRange,
      range: lines.range(kr[0], trimEndOffset(text, kr[0], entryEnd)),
      lines,
    }),
  ];
}
