import * as assert from 'node:assert/strict';
import { parseJsonDocuments, parseJsonText } from '../../../src/core/metrics/lenientJson';

describe('lenient JSON of benchmark clients', () => {
  it('turns bare NaN / Infinity / -Infinity into null and lists where they were, leaving strings alone', () => {
    const r = parseJsonText('{"a": NaN, "b": [1, -Infinity], "c": "NaN and Infinity", "d": {"e": Infinity}}');
    assert.ok(r.ok);
    assert.deepEqual(r.value, { a: null, b: [1, null], c: 'NaN and Infinity', d: { e: null } });
    assert.deepEqual(r.nonFinite, ['a', 'b[1]', 'd.e']);
  });

  it('tells a file that stops (still being written) from one that is broken, with line and column', () => {
    const stop = parseJsonText('{\n  "a": 1,\n  "b": [1, 2');
    assert.ok(!stop.ok);
    assert.deepEqual(stop.failure, { kind: 'incomplete', line: 3, column: 13, detail: "expected ',' or ']' after an array element, found the end of the file" });
    const broken = parseJsonText('{\n  "a": 1,\n  "b": tru,\n  "c": 3\n}');
    assert.ok(!broken.ok);
    assert.equal(broken.failure.kind, 'invalid');
    assert.deepEqual([broken.failure.line, broken.failure.column], [3, 8]);
    const badEscape = parseJsonText('{"a": "x\\q"}');
    assert.ok(!badEscape.ok);
    assert.equal(badEscape.failure.kind, 'invalid');
    assert.equal(parseJsonText('  \n').ok, false);
  });

  it('reads a BOM-prefixed file', () => {
    const r = parseJsonText('\uFEFF{"a": 1}');
    assert.ok(r.ok);
    assert.deepEqual(r.value, { a: 1 });
  });

  it('splits appended one-object-per-line files, but never a pretty-printed single object', () => {
    const docs = parseJsonDocuments('{"a": 1}\n\n{"a": 2}\n{"a": 3');
    assert.deepEqual(
      docs.map((d) => [d.line, d.result.ok]),
      [
        [1, true],
        [3, true],
        [4, false],
      ],
    );
    const last = docs[2].result;
    assert.ok(!last.ok);
    assert.equal(last.failure.kind, 'incomplete');
    assert.equal(last.failure.line, 4);
    const pretty = parseJsonDocuments('{\n  "a": 1,\n  "b": 2\n');
    assert.equal(pretty.length, 1);
    assert.ok(!pretty[0].result.ok);
    assert.equal(pretty[0].result.failure.kind, 'incomplete');
  });
});
