import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { StringTable } from '../../../src/core/trace/stringTable';

const enc = new TextEncoder();
const dec = new TextDecoder();

describe('string table', () => {
  it('gives id 0 to the empty string and one id per distinct string', () => {
    const t = new StringTable();
    assert.equal(t.intern(''), 0);
    const a = t.intern('aclnnMatmul_MatMulV2AiCore_MatMulV2');
    const b = t.intern('aclnnMatmul_MatMulV2AiCore_MatMulV3');
    assert.notEqual(a, b);
    const bytes = enc.encode('xx aclnnMatmul_MatMulV2AiCore_MatMulV2 yy');
    assert.equal(t.internBytes(bytes, 3, bytes.length - 3), a);
    assert.equal(t.size, 3);
    assert.deepEqual(t.toArray(), ['', 'aclnnMatmul_MatMulV2AiCore_MatMulV2', 'aclnnMatmul_MatMulV2AiCore_MatMulV3']);
  });

  it('keeps 100,000 names of one family apart through its table and pool growth', () => {
    const t = new StringTable();
    const ids: number[] = [];
    for (let i = 0; i < 100_000; i++) ids.push(t.intern(`HostToDevice${5046586572799 + i * 7}`));
    assert.equal(new Set(ids).size, 100_000);
    for (let i = 0; i < 100_000; i += 997) assert.equal(t.intern(`HostToDevice${5046586572799 + i * 7}`), ids[i]);
    const all = t.toArray();
    assert.equal(all.length, 100_001);
    assert.equal(all[ids[12345]], `HostToDevice${5046586572799 + 12345 * 7}`);
    assert.equal(t.get(ids[99_999]), `HostToDevice${5046586572799 + 99_999 * 7}`);
  });

  it('reads back any interned bytes as their UTF-8 decoding, whole-pool or one by one (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.uint8Array({ maxLength: 40 })), { maxLength: 200 }), (items) => {
        const t = new StringTable();
        const byText = new Map<string, number>();
        const expected: string[] = [];
        for (const item of items) {
          const bytes = typeof item === 'string' ? enc.encode(item) : item;
          const id = t.internBytes(bytes, 0, bytes.length);
          const key = Array.from(bytes).join(',');
          const seen = byText.get(key);
          if (seen !== undefined) assert.equal(id, seen);
          else byText.set(key, id);
          expected[id] = dec.decode(bytes);
        }
        expected[0] = '';
        assert.equal(t.size, byText.has('') ? byText.size : byText.size + 1);
        assert.deepEqual(t.toArray(), expected);
        const fresh = new StringTable();
        for (const item of items) {
          const bytes = typeof item === 'string' ? enc.encode(item) : item;
          fresh.internBytes(bytes, 0, bytes.length);
        }
        for (let id = 0; id < fresh.size; id++) assert.equal(fresh.get(id), expected[id]);
      }),
      { numRuns: 150 },
    );
  });
});
