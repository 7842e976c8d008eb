import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ManifestDocument } from '../../../src/core/manifest/manifestModel';
import { parseMarkdownManifest } from '../../../src/core/manifest/markdownManifest';
import { parseYamlManifest } from '../../../src/core/manifest/yamlManifest';
import type { SourceRange } from '../../../src/core/text/lineIndex';

function checkRange(doc: ManifestDocument, r: SourceRange, what: string): void {
  const n = doc.lines.text.length;
  assert.ok(r.startOffset >= 0 && r.startOffset <= r.endOffset && r.endOffset <= n, `${what}: offsets ${r.startOffset}-${r.endOffset} of ${n}`);
  assert.deepEqual(r.start, doc.lines.positionAt(r.startOffset), `${what}: start position`);
  assert.deepEqual(r.end, doc.lines.positionAt(r.endOffset), `${what}: end position`);
}

/** Every range of a document lies in the text and agrees with its line index. */
function checkDocument(doc: ManifestDocument): void {
  if (doc.title) checkRange(doc, doc.title.range, 'title');
  for (const s of doc.sections) {
    checkRange(doc, s.nameRange, 'section name');
    checkRange(doc, s.range, 'section');
  }
  for (const e of doc.entries) {
    checkRange(doc, e.keyRange, 'key');
    checkRange(doc, e.valueRange, 'value');
    checkRange(doc, e.range, 'entry');
    assert.equal(typeof e.filled, 'boolean');
  }
  for (const p of doc.problems) checkRange(doc, p.range, p.kind);
}

/** The document without its line index, for comparing two parses. */
function shape(doc: ManifestDocument): unknown {
  return JSON.parse(JSON.stringify({ title: doc.title, sections: doc.sections, entries: doc.entries, problems: doc.problems }));
}

// Lines chosen to hit every Markdown block kind that can sit in or between manifest sections.
const LINES = [
  '## Identity', '## Code', '## Notes', '# Run Manifest', '### Sub', '## ', '#nohash', '####### seven', '## C# ##',
  '', '   ', '\t',
  '- run_id: abc', '- level: quick', '- commit: `abc1234`', '* date: 2026-01-01', '+ purpose: 中文 值 😀', '- **run_id:** v',
  '- `level`: smoke', '- NPU model: 910B', '- key', '-', '- ', '- a: b  ', '- x:\tt', '- url: <http://a:1/b>', '- __init__: x',
  '- _x: y', '- ___', '- ## heading in item', '- > q', '-\tkey: v', '-  two: spaces', '- 1. x', '- ```',
  'plain paragraph', 'key: value', '  indented continuation', '    code block', '> quote', '```', '~~~', '<!-- c -->', '<div>',
  '---', '===', '***', '1. item: x', '2) other: y', '  - nested: 1', '\t- tabbed: 1', '[ref]: http://x', 'Setext', '- a: `b', '\\- escaped: x',
  ' - run_id: lead', '   ## Code', '    ## four', '- run_id: a\\', '- a: <b>', '- a: *b*', '-- a: b', '- a: b ##', '| a | b |',
  '```bash', '  ```bash', '   ```', '````', '~~~~', '<pre>', '</pre>', '<!--', '-->', '<div class=x>', '</div>', '<?php', '?>',
  '  - nested: 2', '      deep code', '  ~~~', '  ---', '  ===', '  -', ' \tbar', ' one space', '  # h', '  > q', '  <div>', '   M file.cc', '  1. x', '  ***', '\t```',
];

const markdownDoc = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(fc.constantFrom(...LINES), fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 40 }),
  )
  .map(([bom, lines]) => (bom ? '\uFEFF' : '') + lines.map(([l, eol]) => l + eol).join(''));

describe('manifest parser properties', () => {
  it('markdown: any text parses without throwing and every range is consistent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400, unit: 'grapheme' }), fc.string({ maxLength: 400, unit: 'binary' }), markdownDoc), (text) => {
        checkDocument(parseMarkdownManifest(text));
      }),
      { numRuns: 300 },
    );
  });

  it('markdown: the direct reading of plain sections equals the CommonMark (mdast) reading', () => {
    fc.assert(
      fc.property(markdownDoc, (text) => {
        assert.deepEqual(shape(parseMarkdownManifest(text)), shape(parseMarkdownManifest(text, { engine: 'mdast' })));
      }),
      { numRuns: 300 },
    );
  });

  it('markdown: a key range always covers the key text', () => {
    fc.assert(
      fc.property(markdownDoc, (text) => {
        const doc = parseMarkdownManifest(text);
        for (const e of doc.entries) assert.equal(text.slice(e.keyRange.startOffset, e.keyRange.endOffset), e.key);
      }),
      { numRuns: 200 },
    );
  });

  const yamlish = fc
    .array(
      fc.constantFrom(
        'Identity:', 'Code:', '  run_id: a', '  commit: "7c41e9a"', "  'NPU model': x", '  level:', '  d: [0, 1]', '  e: {a: 1}',
        '  - item', '- top', '  x: &a 1', '  y: *a', '  z: |', '    block', '\tbad', ': :', '[', '{', '}', ']', '"', "'", '#c', '---', '...', '? k', '',
      ),
      { maxLength: 30 },
    )
    .map((lines) => lines.join('\n'));

  it('yaml: any text parses without throwing and every range is consistent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400, unit: 'grapheme' }), fc.string({ maxLength: 400, unit: 'binary' }), yamlish), (text) => {
        checkDocument(parseYamlManifest(text));
      }),
      { numRuns: 400 },
    );
  });
});
