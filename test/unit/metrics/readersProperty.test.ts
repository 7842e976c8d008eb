import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readEvalscopeArgs } from '../../../src/core/metrics/evalscopeArgs';
import { readEvalscopePercentiles } from '../../../src/core/metrics/evalscopePercentiles';
import { readEvalscopeRun } from '../../../src/core/metrics/evalscopeRun';
import { readEvalscopeSummary } from '../../../src/core/metrics/evalscopeSummary';
import { parseJsonDocuments, parseJsonText } from '../../../src/core/metrics/lenientJson';
import { ProblemSink } from '../../../src/core/metrics/metricsProblems';
import { readSglangResult } from '../../../src/core/metrics/sglangResult';
import { readVllmResult } from '../../../src/core/metrics/vllmResult';
import { benchmarkRecordSchema } from '../../../src/core/schemas/metricsSchema';

// Real key names mixed into random objects, so the readers meet their own keys with wrong values too.
const KEYS = [
  'TTFT (ms)',
  'TTFT (s)',
  'Avg TTFT (ms)',
  'Average time to first token (s)',
  'Time taken for tests (senconds)',
  'Concurrency',
  'Total Requests',
  'Failed requests',
  'Percentiles',
  'Percentile',
  'Latency (s)',
  'completed',
  'failed',
  'mean_ttft_ms',
  'p99_tpot_ms',
  'median_e2e_latency_ms',
  'request_rate',
  'max_concurrency',
  'server_info',
  'parallel',
  'warmup_num',
  '__proto__',
  'constructor',
];
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string());
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.double(), fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.constantFrom('50%', 'max', '-1', '1e400', 'NaN')),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 6 })),
})).node;
const object = fc.dictionary(key, value, { maxKeys: 12 });
const anyJson = fc.oneof(object, value, fc.array(object, { maxLength: 5 }));

describe('readers never throw on random JSON (property)', () => {
  it('summary, percentile and args readers return a reading for any value', () => {
    fc.assert(
      fc.property(anyJson, (v) => {
        const sink = new ProblemSink('x');
        const s = readEvalscopeSummary(v, sink);
        const p = readEvalscopePercentiles(v, sink);
        const a = readEvalscopeArgs(v);
        for (const n of Object.values(s.values)) assert.ok(Number.isFinite(n));
        for (const m of Object.values(p.percentiles)) for (const n of Object.values(m)) assert.ok(Number.isFinite(n));
        assert.ok(a.concurrency === null || (Number.isInteger(a.concurrency) && a.concurrency > 0));
      }),
      { numRuns: 400 },
    );
  });

  it('every record a reader returns is valid against the schema', () => {
    fc.assert(
      fc.property(anyJson, anyJson, (summary, percentile) => {
        const records = [
          readEvalscopeRun({ relDir: 'a/parallel_2_number_8', summary: JSON.stringify(summary) ?? 'null', percentile: JSON.stringify(percentile) ?? 'null', args: null }, new ProblemSink('s')),
          readVllmResult(summary, 'v.json'),
          readSglangResult(summary, 's.jsonl', 0),
        ];
        for (const r of records) if (r) benchmarkRecordSchema.parse(r);
      }),
      { numRuns: 300 },
    );
  });

  it('the lenient JSON parser never throws on arbitrary text and agrees with JSON.parse on valid JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.json().map((t) => t.slice(0, Math.floor(t.length / 2)))), (text) => {
        const r = parseJsonText(text);
        parseJsonDocuments(text);
        let valid = true;
        let expected: unknown;
        try {
          expected = JSON.parse(text);
        } catch {
          valid = false;
        }
        if (valid && text.trim()) {
          assert.ok(r.ok);
          assert.deepEqual(r.value, expected);
        }
        if (!r.ok) assert.ok(r.failure.line >= 1 && r.failure.column >= 1);
      }),
      { numRuns: 500 },
    );
  });

  it('treats a value that overflows the unit conversion as unknown (found by the property above)', () => {
    const sink = new ProblemSink('x');
    const s = readEvalscopeSummary({ 'Average time to first token (s)': Number.MAX_VALUE, 'Average time per output token (s)': 1.5e299 }, sink);
    assert.equal(s.values.ttft, undefined);
    assert.ok(Number.isFinite(s.values.tpot));
    const p = readEvalscopePercentiles([{ Percentiles: '50%', 'TTFT (s)': Number.MAX_VALUE }], sink);
    assert.equal(p.percentiles.ttft_ms?.p50, undefined);
  });
});
