import * as assert from 'node:assert/strict';
import { findEntry, textOf, valueOf } from '../../../src/core/manifest/manifestModel';
import { parseYamlManifest } from '../../../src/core/manifest/yamlManifest';
import { excessiveYamlNesting } from '../../../src/core/manifest/yamlNesting';
import type { SourceRange } from '../../../src/core/text/lineIndex';

function at(r: SourceRange): [number, number, number, number] {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

const BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

describe('yaml manifest', () => {
  it('reads section mappings into entries with exact ranges', () => {
    const text = 'Identity:\n  run_id: abc\n  level: quick\nCode:\n  commit: 7c41e9a\n';
    const doc = parseYamlManifest(text);
    assert.equal(doc.format, 'yaml');
    assert.deepEqual(doc.sections.map((s) => [s.name, s.known, at(s.nameRange)]), [
      ['Identity', 'Identity', [0, 0, 0, 8]],
      ['Code', 'Code', [3, 0, 3, 4]],
    ]);
    const runId = findEntry(doc, 'run_id')!;
    assert.deepEqual(at(runId.keyRange), [1, 2, 1, 8]);
    assert.deepEqual(at(runId.valueRange), [1, 10, 1, 13]);
    assert.equal(runId.section, 'Identity');
    assert.equal(valueOf(doc, 'level'), 'quick');
    assert.deepEqual(doc.problems, []);
  });

  it('keeps positions right with CRLF line ends and a BOM', () => {
    const doc = parseYamlManifest('\uFEFFIdentity:\r\n  run_id: abc\r\n');
    assert.deepEqual(at(doc.sections[0].nameRange), [0, 1, 0, 9]);
    assert.deepEqual(at(findEntry(doc, 'run_id')!.valueRange), [1, 10, 1, 13]);
  });

  it('keeps the spelling of plain scalars and puts quoted ranges inside the quotes', () => {
    const doc = parseYamlManifest('Code:\n  commit: 0123456\n  "base_commit": \'abcdef1\'\nWorkload:\n  temperature: 0.0\n  stream: true\n');
    assert.deepEqual(findEntry(doc, 'commit')!.parsed, { ok: true, value: '0123456' });
    const base = findEntry(doc, 'base_commit')!;
    assert.deepEqual(at(base.keyRange), [2, 3, 2, 14]);
    assert.deepEqual(at(base.valueRange), [2, 18, 2, 25]);
    assert.equal(valueOf(doc, 'temperature'), 0);
    assert.equal(valueOf(doc, 'stream'), true);
  });

  it('treats empty and null values as not filled, with an insertion point after the colon', () => {
    const doc = parseYamlManifest('Identity:\n  run_id:\n  date: null\n  level: ""\n');
    for (const key of ['run_id', 'date', 'level']) assert.equal(findEntry(doc, key)!.filled, false, key);
    assert.deepEqual(at(findEntry(doc, 'run_id')!.valueRange), [1, 9, 1, 9]);
  });

  it('reads sequences of device ids and block scalars', () => {
    const doc = parseYamlManifest('Environment:\n  physical_device_ids: [4, 5, 6, 7]\nNotes:\n  known_risks: |\n    one\n    two\n');
    assert.deepEqual(valueOf(doc, 'physical_device_ids'), [4, 5, 6, 7]);
    assert.equal(textOf(doc, 'known_risks'), 'one\ntwo');
  });

  it('resolves an alias to a scalar', () => {
    const doc = parseYamlManifest('Code:\n  commit: &c 7c41e9a\nComparison:\n  baseline_commit: *c\n');
    assert.equal(textOf(doc, 'baseline_commit'), '7c41e9a');
  });

  it('reports syntax errors with their position', () => {
    const doc = parseYamlManifest('Identity:\n\trun_id: x\n');
    assert.equal(doc.problems[0].kind, 'syntax');
    assert.equal(doc.problems[0].range.start.line, 1);
    assert.match(doc.problems[0].detail ?? '', /tab/i);
  });

  it('reports a top level that is not a mapping, and a section that is not one', () => {
    assert.deepEqual(parseYamlManifest('- a\n- b\n').problems.map((p) => [p.kind, p.detail]), [['notEntry', 'notMapping']]);
    const doc = parseYamlManifest('Identity: just text\nCode:\n  commit: abcdef1\n');
    assert.deepEqual(doc.problems.map((p) => [p.kind, p.range.start.line, p.range.start.character]), [['notEntry', 0, 10]]);
    assert.equal(textOf(doc, 'commit'), 'abcdef1');
  });

  it('keeps duplicate keys for the validator instead of failing the parse', () => {
    const doc = parseYamlManifest('Identity:\n  run_id: a\n  run_id: b\n');
    assert.deepEqual(doc.entries.map((e) => e.text), ['a', 'b']);
    assert.deepEqual(doc.problems, []);
  });

  it('refuses an alias bomb quickly without expanding it', () => {
    const doc = parseYamlManifest(BOMB);
    assert.deepEqual(doc.problems.map((p) => p.kind), ['tooManyAliases']);
    assert.equal(doc.entries.length, 0);
  });

  it('refuses deep flow and block nesting before the parser sees it', () => {
    for (const text of ['a: ' + '['.repeat(100_000), '{a: '.repeat(5000) + '1' + '}'.repeat(5000), Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'), '- '.repeat(10_000) + 'x']) {
      const doc = parseYamlManifest(text);
      assert.deepEqual(doc.problems.map((p) => p.kind), ['tooDeep']);
    }
  });

  it('measures nesting without false alarms on ordinary manifests', () => {
    assert.equal(excessiveYamlNesting('Identity:\n  run_id: a\nWorkload:\n  extra_body: {"a": {"b": [1, 2]}}\n'), -1);
    assert.equal(excessiveYamlNesting('x: ' + '['.repeat(65)), 3 + 64);
  });
});

describe('yaml manifest alias cycles', () => {
  it('reports a self-referencing alias instead of overflowing the stack', () => {
    const doc = parseYamlManifest('[\n  x: &a 1\n  y: *a');
    assert.ok(doc.problems.length > 0);
  });
});
