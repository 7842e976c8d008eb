import * as assert from 'node:assert/strict';
import { rankRecords } from '../../../src/core/metrics/benchmarkRanking';
import { blankRecord } from '../../../src/core/metrics/benchmarkRecord';
import type { BenchmarkRecord } from '../../../src/core/schemas/metricsSchema';

function rec(name: string, v: { rt?: number | null; out?: number | null; ttft?: number | null; tpot?: number | null; p50?: [number, number]; p99?: [number, number] }): BenchmarkRecord {
  const r = blankRecord('evalscope', name);
  r.request_throughput = v.rt ?? null;
  r.output_tps = v.out ?? null;
  r.ttft_ms = v.ttft ?? null;
  r.tpot_ms = v.tpot ?? null;
  if (v.p50) {
    r.percentiles.ttft_ms = { ...r.percentiles.ttft_ms, p50: v.p50[0] };
    r.percentiles.tpot_ms = { ...r.percentiles.tpot_ms, p50: v.p50[1] };
  }
  if (v.p99) {
    r.percentiles.ttft_ms = { ...r.percentiles.ttft_ms, p99: v.p99[0] };
    r.percentiles.tpot_ms = { ...r.percentiles.tpot_ms, p99: v.p99[1] };
  }
  return r;
}

const names = (rs: BenchmarkRecord[]) => rs.map((r) => r.source.file);

describe('benchmark ranking', () => {
  it('without an SLA: request throughput, then output tok/s, then lower p50 TTFT, then lower p50 TPOT', () => {
    const ranked = rankRecords([
      rec('slow', { rt: 1, out: 900, p50: [100, 10] }),
      rec('fast', { rt: 3, out: 100, p50: [900, 90] }),
      rec('tie-more-tokens', { rt: 2, out: 800, p50: [500, 50] }),
      rec('tie-fewer-tokens-better-ttft', { rt: 2, out: 700, p50: [10, 1] }),
      rec('tie-same-tokens-worse-ttft', { rt: 2, out: 800, p50: [600, 5] }),
      rec('tie-same-ttft-better-tpot', { rt: 2, out: 800, p50: [500, 40] }),
      rec('unknown-throughput', { rt: null, out: 5000, p50: [1, 1] }),
    ]);
    assert.deepEqual(names(ranked), [
      'fast',
      'tie-same-ttft-better-tpot',
      'tie-more-tokens',
      'tie-same-tokens-worse-ttft',
      'tie-fewer-tokens-better-ttft',
      'slow',
      'unknown-throughput',
    ]);
    assert.ok(ranked.every((r) => r.sla?.pass === true && r.sla.reasons.length === 0));
  });

  it('with an SLA: passing records first, checked on p99 TTFT and p99 TPOT, reasons stated', () => {
    const ranked = rankRecords(
      [
        rec('fast-but-slow-tail', { rt: 10, out: 1000, p50: [100, 10], p99: [5000, 20] }),
        rec('ok', { rt: 2, out: 300, p50: [100, 10], p99: [900, 30] }),
        rec('tpot-over', { rt: 5, out: 600, p50: [100, 10], p99: [900, 60] }),
        rec('no-percentiles', { rt: 8, out: 900, ttft: 100, tpot: 10 }),
      ],
      { slaTtftMs: 1000, slaTpotMs: 50 },
    );
    assert.deepEqual(names(ranked), ['ok', 'fast-but-slow-tail', 'no-percentiles', 'tpot-over']);
    assert.deepEqual(
      ranked.map((r) => r.sla?.pass),
      [true, false, false, false],
    );
    assert.deepEqual(ranked[0].sla?.reasons, ['p99 TTFT 900 ms <= SLA 1000 ms', 'p99 TPOT 30 ms <= SLA 50 ms']);
    assert.deepEqual(ranked[1].sla?.reasons, ['p99 TTFT 5000 ms > SLA 1000 ms', 'p99 TPOT 20 ms <= SLA 50 ms']);
    const noP = ranked[2].sla?.reasons ?? [];
    assert.ok(noP.includes('p99 TTFT unknown: SLA 1000 ms not confirmed'));
    assert.ok(noP.includes('ranked on avg TTFT (100 ms): p50 unknown'));
  });

  it('falls back to the average when a p50 is absent, and says so', () => {
    const ranked = rankRecords([rec('avg-only', { rt: 1, out: 1, ttft: 50, tpot: 5 }), rec('p50', { rt: 1, out: 1, p50: [60, 5] })]);
    assert.deepEqual(names(ranked), ['avg-only', 'p50']); // 50 ms average beats a 60 ms p50
    assert.deepEqual(ranked[0].sla?.reasons, ['ranked on avg TTFT (50 ms): p50 unknown', 'ranked on avg TPOT (5 ms): p50 unknown']);
    assert.deepEqual(ranked[1].sla?.reasons, []);
  });

  it('speaks Chinese when asked, and does not change its input', () => {
    const input = [rec('a', { rt: 1, ttft: 5 })];
    const ranked = rankRecords(input, { slaTtftMs: 10 }, 'zh-cn');
    assert.equal(input[0].sla, undefined);
    assert.ok(ranked[0].sla?.reasons.some((t) => t.includes('未知')));
  });
});
