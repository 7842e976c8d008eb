import * as assert from 'node:assert/strict';
import { closestMatch, editDistance } from '../../../src/core/text/editDistance';
import { nodeAtPath, parseJsonWithPositions } from '../../../src/core/text/jsonPositions';
import { LineIndex } from '../../../src/core/text/lineIndex';
import { decodeText, firstInvalidUtf8 } from '../../../src/core/text/textDecoding';

describe('line index', () => {
  it('converts offsets and positions across \\n, \\r\\n and lone \\r', () => {
    const idx = new LineIndex('ab\r\ncd\ref\ngh');
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(7), { line: 2, character: 0 });
    assert.deepEqual(idx.positionAt(11), { line: 3, character: 1 });
    // Inside a \r\n break belongs to the end of the line.
    assert.deepEqual(idx.positionAt(3), { line: 0, character: 2 });
    assert.equal(idx.offsetAt({ line: 1, character: 1 }), 5);
    assert.equal(idx.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(idx.offsetAt({ line: 9, character: 0 }), 12);
    assert.equal(idx.lineText(1), 'cd');
    assert.deepEqual(idx.range(4, 6), { start: { line: 1, character: 0 }, end: { line: 1, character: 2 }, startOffset: 4, endOffset: 6 });
  });

  it('counts UTF-16 code units', () => {
    const idx = new LineIndex('x\n😀中a');
    assert.deepEqual(idx.positionAt(6), { line: 1, character: 4 });
  });

  it('round-trips every offset', () => {
    const text = 'a\r\n\r\nbc\rd\n\n中文😀\r';
    const idx = new LineIndex(text);
    for (let o = 0; o <= text.length; o++) {
      const p = idx.positionAt(o);
      const back = idx.offsetAt(p);
      // Offsets inside a line break map to the line's end.
      if (text[o - 1] !== '\r' || text[o] !== '\n') assert.equal(back, o, `offset ${o}`);
    }
  });
});

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and swaps', () => {
    assert.equal(editDistance('quick', 'quik'), 1);
    assert.equal(editDistance('smoke', 'smkoe'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', 'xyz', 1), 2);
  });

  it('suggests the closest candidate, loosely for case and separators', () => {
    assert.equal(closestMatch('npu_model', ['NPU model', 'dtype']), 'NPU model');
    assert.equal(closestMatch('tensor_paralel', ['tensor_parallel', 'pipeline_parallel']), 'tensor_parallel');
    assert.equal(closestMatch('identity', ['Identity', 'Code']), 'Identity');
    assert.equal(closestMatch('zzz', ['Identity', 'Code']), undefined);
  });
});

describe('text decoding', () => {
  it('decodes UTF-8 with and without BOM, and UTF-16 with BOM', () => {
    assert.deepEqual(decodeText(Buffer.from('中文 ok', 'utf8')), { ok: true, text: '中文 ok', bom: null });
    assert.deepEqual(decodeText(Buffer.from('\uFEFFa', 'utf8')), { ok: true, text: 'a', bom: 'utf8' });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('run_id: 1', 'utf16le')]);
    assert.deepEqual(decodeText(le), { ok: true, text: 'run_id: 1', bom: 'utf16le' });
  });

  it('says where bytes are binary, GBK or invalid UTF-8', () => {
    assert.deepEqual(decodeText(Buffer.from('ab\ncd\0ef')), { ok: false, reason: 'binary', offset: 5, line: 1 });
    const gbk = Buffer.concat([Buffer.from('## Identity\n- purpose: '), Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from('\n')]);
    assert.deepEqual(decodeText(gbk), { ok: false, reason: 'gbk', offset: 23, line: 1 });
    assert.deepEqual(decodeText(Buffer.from([0x61, 0x0a, 0x62, 0xff, 0xff, 0xff])), { ok: false, reason: 'invalidUtf8', offset: 3, line: 1 });
    assert.deepEqual(decodeText(Buffer.alloc(11), { maxBytes: 10 }), { ok: false, reason: 'tooLarge', size: 11, limit: 10 });
  });

  it('rejects overlong, surrogate and truncated UTF-8 sequences', () => {
    assert.equal(firstInvalidUtf8(Buffer.from([0xc0, 0x80])), 0);
    assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80])), 1);
    assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xe4, 0xb8])), 1);
    assert.equal(firstInvalidUtf8(Buffer.from('正常😀', 'utf8')), -1);
  });
});

describe('positional JSON', () => {
  it('parses like JSON.parse and keeps key and value offsets', () => {
    const text = '{\n  "a": [1, {"b": "x\\n"}],\n  "c": null, "d": -1.5e2\n}';
    const r = parseJsonWithPositions(text);
    assert.ok(r.ok);
    assert.deepEqual(r.value, JSON.parse(text));
    const b = nodeAtPath(r.root, ['a', 1, 'b']);
    assert.equal(b.missing, false);
    assert.equal(text.slice(b.node.start, b.node.end), '"x\\n"');
    assert.equal(text.slice(b.property!.keyStart, b.property!.keyEnd), '"b"');
    const missing = nodeAtPath(r.root, ['a', 1, 'zz']);
    assert.equal(missing.missing, true);
    assert.equal(missing.node.kind, 'object');
  });

  it('reports the offset of syntax errors', () => {
    assert.deepEqual(parseJsonWithPositions('{"a": 1,}'), { ok: false, error: 'unexpectedCharacter', offset: 8 });
    assert.deepEqual(parseJsonWithPositions('{"a": 1'), { ok: false, error: 'unexpectedEnd', offset: 7 });
    assert.deepEqual(parseJsonWithPositions('[1] x'), { ok: false, error: 'trailingContent', offset: 4 });
    assert.deepEqual(parseJsonWithPositions('"a\u0001"'), { ok: false, error: 'invalidString', offset: 2 });
    assert.deepEqual(parseJsonWithPositions('[-]'), { ok: false, error: 'invalidNumber', offset: 1 });
    assert.equal((parseJsonWithPositions('['.repeat(1000)) as { error: string }).error, 'tooDeep');
  });

  it('keeps a __proto__ key as data', () => {
    const r = parseJsonWithPositions('{"__proto__": {"x": 1}}');
    assert.ok(r.ok);
    assert.deepEqual(Object.keys(r.value as object), ['__proto__']);
    assert.equal(({} as { x?: number }).x, undefined);
  });
});
