import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { narrowFloat, narrowIds, narrowSmallIds, narrowSources } from '../../../src/core/trace/traceColumns';
import { parseTraceBytes } from '../../../src/core/trace/traceParser';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('trace columns: narrowing to the smallest exact type', () => {
  it('keeps every value exactly, narrowing only when all of them fit', () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: -1, max: 2 ** 40 }), fc.double({ min: -2, max: 2 ** 33, noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.constantFrom<-1 | 0>(-1, 0), fc.nat(5), (xs, from, extra) => {
        // Capacity beyond n (as the parser's store has) must not be read.
        const col = new Float64Array(xs.length + extra).fill(2 ** 50);
        col.set(xs);
        const out = narrowFloat(col, xs.length, from);
        // -0 and 0 are the same time (a narrowed column has no -0).
        const plain = (v: number): number => (v === 0 ? 0 : v);
        assert.deepEqual([...out].map(plain), xs.map(plain));
        const fits = xs.every((x) => Number.isInteger(x) && x >= from && x <= (from === 0 ? 0xffffffff : 0x7fffffff));
        assert.equal(out instanceof Float64Array, !fits);
      }),
    );
  });

  it('narrows ids to 16 bits only below 65536', () => {
    assert.ok(narrowIds(Uint32Array.from([0, 5, 0xffff]), 3) instanceof Uint16Array);
    const wide = narrowIds(Uint32Array.from([0, 0x10000]), 2);
    assert.ok(wide instanceof Uint32Array);
    assert.deepEqual([...wide], [0, 0x10000]);
  });

  it('narrows lane and category ids to 8 bits below 256, and sources of fewer than 256 files', () => {
    const small = narrowSmallIds(Uint32Array.from([0, 7, 0, 255]), 4);
    assert.ok(small instanceof Uint8Array);
    assert.deepEqual([...small], [0, 7, 0, 255]);
    const mid = narrowSmallIds(Uint32Array.from([3, 256, 0]), 3);
    assert.ok(mid instanceof Uint16Array);
    assert.deepEqual([...mid], [3, 256, 0]);
    assert.deepEqual([...narrowSources(Uint16Array.from([0, 0, 2, 1]), 4)], [0, 0, 2, 1]);
    assert.ok(narrowSources(Uint16Array.from([0, 300]), 2) instanceof Uint16Array);
    const t = parseTraceBytes(enc('[{"ph":"X","name":"a","cat":"c","pid":1,"tid":1,"ts":1,"dur":2},{"ph":"X","name":"b","pid":2,"tid":1,"ts":5,"dur":1}]'), 't.json');
    assert.ok(t.lane instanceof Uint8Array && t.cat instanceof Uint8Array && t.source instanceof Uint8Array);
    assert.equal(t.strings[t.cat[0]], 'c');
    assert.equal(t.cat[1], 0);
  });

  it('widens a column when a value that does not fit arrives late, keeping every earlier value', () => {
    const events = Array.from({ length: 70_000 }, (_, i) => `{"ph":"X","name":"n${i}","pid":1,"tid":1,"ts":${i},"dur":${i === 69_999 ? '0.0005' : '2'}}`);
    const t = parseTraceBytes(enc(`[${events.join(',')}]`), 't.json', 1 << 20);
    assert.ok(t.durNs instanceof Float64Array, 'a sub-ns duration widens the durations');
    assert.ok(t.name instanceof Uint32Array, 'more than 65,536 names widen the name ids');
    assert.equal(t.durNs[0], 2000);
    assert.equal(t.durNs[69_999], 0.5);
    assert.equal(t.strings[t.name[0]], 'n0');
    assert.equal(t.strings[t.name[69_999]], 'n69999');
  });

  it('parsed columns keep exact durations and args offsets, wide when a value does not fit', () => {
    const small = parseTraceBytes(enc('[{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2.5,"args":{"k":1}},{"ph":"X","name":"b","pid":1,"tid":1,"ts":5,"dur":1}]'), 't.json');
    assert.ok(small.durNs instanceof Uint32Array);
    assert.deepEqual([...small.durNs], [2500, 1000]);
    assert.ok(small.argsOffset instanceof Int32Array);
    assert.equal(small.argsOffset[1], -1);
    assert.ok(small.lane instanceof Uint8Array);
    // 5,000 s and a sub-ns duration: neither fits 32-bit integers.
    const big = parseTraceBytes(enc('[{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":5000000000},{"ph":"X","name":"b","pid":1,"tid":1,"ts":5,"dur":0.0001}]'), 't.json');
    assert.ok(big.durNs instanceof Float64Array);
    assert.deepEqual([...big.durNs], [5e12, 0.1]);
  });
});
