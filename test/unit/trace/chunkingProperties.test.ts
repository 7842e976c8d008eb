import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseTraceBytes, TraceBuilder } from '../../../src/core/trace/traceParser';
import { writeSyntheticTrace } from '../../../src/core/trace/syntheticTrace';
import type { TraceColumns } from '../../../src/core/trace/traceColumns';
import { makeTempDir } from '../../support/tempDir';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function parseInPieces(bytes: Uint8Array, cuts: number[]): TraceColumns {
  const b = new TraceBuilder();
  const p = b.addSource('t.json');
  let at = 0;
  for (const c of [...cuts, bytes.length]) {
    // Copy each piece into a reused buffer: the parser must not keep references to pushed chunks.
    const piece = new Uint8Array(bytes.subarray(at, c));
    p.push(piece);
    piece.fill(0x20);
    at = c;
  }
  p.end();
  return b.finish();
}

function snapshot(t: TraceColumns) {
  return {
    count: t.count,
    baseUs: t.baseUs,
    startNs: Array.from(t.startNs),
    durNs: Array.from(t.durNs),
    lane: Array.from(t.lane),
    name: Array.from(t.name),
    cat: Array.from(t.cat),
    phase: Array.from(t.phase),
    flow: Array.from(t.flow),
    argsOffset: Array.from(t.argsOffset),
    argsLength: Array.from(t.argsLength),
    strings: t.strings,
    flowIds: t.flowIds,
    lanes: t.lanes,
    counters: [Array.from(t.counters.event), Array.from(t.counters.key), Array.from(t.counters.value)],
    phaseCounts: t.phaseCounts,
    sources: t.sources,
  };
}

describe('trace parser properties', () => {
  let bytes: Uint8Array;
  let reference: ReturnType<typeof snapshot>;
  before(async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const file = path.join(dir, 't.json');
      await writeSyntheticTrace(file, { seed: 11, devices: 2, decodeSteps: 3, kernelsPerStep: 6 });
      // Append hand-written events that stress strings: escapes, unicode, braces inside strings, pretty-printing.
      const text = readFileSync(file, 'utf8').trimEnd().replace(/\]$/, '');
      const extra = ',\n{\n  "name": "q\\"uo}te{\\\\ 算子 \\u00e9",\n  "ph": "X", "pid": 9, "tid": 9,\n  "ts": "1736408883000001.5", "dur": 3, "args": {"s": "] } [ {", "n": [1, {"a": "\\""}]}\n}\n]\n';
      bytes = enc(text + extra);
    } finally {
      cleanup();
    }
    reference = snapshot(parseTraceBytes(bytes, 't.json'));
    assert.equal(reference.sources[0].complete, true);
  });

  it('chunking the same bytes at random boundaries yields identical columns', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }), (cuts) => {
        assert.deepEqual(snapshot(parseInPieces(bytes, cuts.sort((a, b) => a - b))), reference);
      }),
      { numRuns: 60 },
    );
  });

  it('one-byte chunks give the same result as one chunk', () => {
    assert.deepEqual(
      snapshot(parseInPieces(bytes, Array.from({ length: bytes.length - 1 }, (_, i) => i + 1))),
      reference,
    );
  });

  it('a file cut anywhere never throws and keeps a prefix of the events', () => {
    fc.assert(
      // Any cut before the closing ']' (the file ends with "]\n").
      fc.property(fc.integer({ min: 0, max: bytes.lastIndexOf(0x5d) }), fc.integer({ min: 1, max: 5000 }), (cut, chunk) => {
        const t = parseTraceBytes(bytes.subarray(0, cut), 't.json', chunk);
        assert.ok(t.count <= reference.count);
        assert.deepEqual(Array.from(t.startNs), reference.startNs.slice(0, t.count));
        assert.equal(t.sources[0].complete, false);
        assert.ok(t.sources[0].error && t.sources[0].error.offset <= cut);
      }),
      { numRuns: 150 },
    );
  });

  it('names, ts and ids agree with an exact decimal reading of the text', () => {
    const event = fc.record({
      name: fc.string({ unit: 'grapheme', maxLength: 12 }),
      us: fc.bigInt({ min: 1700000000000000n, max: 1799999999999999n }),
      ns: fc.integer({ min: 0, max: 999 }),
      id: fc.bigInt({ min: 0n, max: 2n ** 64n }),
      quoted: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 20 }), (events) => {
        const text =
          '[' +
          events
            .map((e) => {
              const ts = `${e.us}.${String(e.ns).padStart(3, '0')}`;
              return `{"name": ${JSON.stringify(e.name)}, "ph": "s", "pid": 1, "tid": 1, "ts": ${e.quoted ? `"${ts}"` : ts}, "id": ${e.id}}`;
            })
            .join(',') +
          ']';
        const t = parseTraceBytes(enc(text), 'p.json', 17);
        assert.equal(t.count, events.length);
        const base = events[0].us;
        events.forEach((e, i) => {
          assert.equal(t.strings[t.name[i]], e.name);
          assert.equal(t.startNs[i], Number((e.us - base) * 1000n) + e.ns);
          assert.equal(t.flowIds[t.flow[i]], String(e.id));
        });
      }),
      { numRuns: 100 },
    );
  });
});
