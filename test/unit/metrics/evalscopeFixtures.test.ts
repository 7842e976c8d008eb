import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { collectMetrics } from '../../../src/core/metrics/metricsCollector';
import { benchmarkRecordSchema, type BenchmarkRecord } from '../../../src/core/schemas/metricsSchema';
import { SHARED_FIXTURES } from '../../support/paths';

// Expected values are read by hand from the fixture files; seconds are converted to ms here on paper.
describe('evalscope fixtures (shared)', () => {
  let records: BenchmarkRecord[];
  let problems: { file: string; code: string }[];
  before(async () => {
    const result = await collectMetrics(path.join(SHARED_FIXTURES, 'evalscope'));
    records = result.records;
    problems = result.problems;
  });

  const byDir = (dir: string) => {
    const r = records.find((x) => x.source.file.startsWith(dir));
    assert.ok(r, `no record under ${dir}`);
    return r;
  };

  it('finds both runs, valid against the schema, with no problems', () => {
    assert.equal(records.length, 2);
    for (const r of records) benchmarkRecordSchema.parse(r);
    assert.deepEqual(problems, []);
  });

  it('v0.16-style (seconds, flat <model>/ folder): converts TTFT/TPOT/ITL/latency to ms and counts the failed request', () => {
    const r = byDir('v0.16-style/');
    assert.equal(r.source.tool, 'evalscope');
    assert.equal(r.source.file, 'v0.16-style/20251102_093012/Qwen3-32B/benchmark_summary.json');
    // "Average inter-token latency (s)" arrived in 0.17.1, "Request rate (req/s)" in 1.4.1: neither -> 0.17.1-1.4.0.
    assert.equal(r.source.version, '0.17.1-1.4.0');
    assert.equal(r.source.version_source, 'keys');
    assert.equal(r.concurrency, 5);
    assert.equal(r.total, 20);
    assert.equal(r.success, 19);
    assert.equal(r.failed, 1);
    assert.equal(r.ttft_ms, 4002.1); // 4.0021 s
    assert.equal(r.tpot_ms, 48); // 0.0480 s
    assert.equal(r.itl_ms, 47.8); // 0.0478 s
    assert.equal(r.e2e_ms, 53101.2); // 53.1012 s
    assert.equal(r.duration_s, 212.4046);
    assert.equal(r.output_tps, 91.5837);
    assert.equal(r.total_tps, 1077.7781);
    assert.equal(r.request_throughput, 0.0895);
    assert.equal(r.avg_input_tokens, 11021.2);
    assert.equal(r.avg_output_tokens, 1024);
    assert.equal(r.percentiles.ttft_ms.p50, 3880.1);
    assert.equal(r.percentiles.ttft_ms.p99, 7530.9);
    assert.equal(r.percentiles.ttft_ms.p66, 4621.3);
    assert.equal(r.percentiles.tpot_ms.p99, 50.6);
    assert.equal(r.percentiles.itl_ms.p99, 79.1);
    assert.equal(r.percentiles.e2e_ms.p50, 52871.2);
    assert.equal(r.percentiles.request_output_tps.p10, 19.02); // per-request rate, not system throughput
    assert.deepEqual(Object.keys(r.percentiles.ttft_ms), ['p10', 'p25', 'p50', 'p66', 'p75', 'p80', 'p90', 'p95', 'p98', 'p99']);
    assert.equal(r.speculative, undefined);
    assert.equal(r.workload, undefined); // no benchmark_args.json in this run
  });

  it('v1.7-style (milliseconds, parallel_1_number_4/): keeps ms, reads args and the speculative fields', () => {
    const r = byDir('v1.7-style/');
    assert.equal(r.source.file, 'v1.7-style/20260528_101530/Qwen35-27B/parallel_1_number_4/benchmark_summary.json');
    // 1.7 key names plus a `max` percentile row (added in 1.8), no `min` row (1.10).
    assert.equal(r.source.version, '1.8-1.9');
    assert.equal(r.concurrency, 1);
    assert.equal(r.request_rate, null); // "Request Rate (req/s)": -1.0 means no rate limit
    assert.deepEqual([r.total, r.success, r.failed], [4, 4, 0]);
    assert.equal(r.ttft_ms, 2397.49);
    assert.equal(r.tpot_ms, 12.33);
    assert.equal(r.itl_ms, 36.82);
    assert.equal(r.e2e_ms, 15380); // "Avg Latency (s)": 15.38
    assert.equal(r.duration_s, 61.53);
    assert.equal(r.output_tps, 66.56);
    assert.equal(r.total_tps, 1366.82);
    assert.equal(r.request_throughput, 0.065);
    assert.deepEqual(r.speculative, { decoded_tok_per_iter: 3.17, accept_rate: 0.67 });
    assert.equal(r.percentiles.ttft_ms.p50, 2398.77);
    assert.equal(r.percentiles.ttft_ms.p1, 2351.2);
    assert.equal(r.percentiles.ttft_ms.max, 2441.9);
    assert.equal(r.percentiles.itl_ms.p99, 52.8);
    assert.equal(r.percentiles.itl_ms.max, 61);
    assert.equal(r.percentiles.tpot_ms.p50, 12.33);
    assert.equal(r.percentiles.e2e_ms.p99, 15540); // "Latency (s)": 15.54
    assert.equal(r.percentiles.request_decode_tps.p50, 81.1);
    assert.deepEqual(r.workload, {
      model: 'Qwen35-27B',
      number: 4,
      warmup: 2,
      stream: true,
      input_tokens: 20000,
      output_tokens: 1024,
      temperature: null,
      top_p: null,
      top_k: null,
    });
  });

  it('ranks by request throughput without an SLA (0.0895 req/s before 0.065 req/s)', () => {
    assert.deepEqual(
      records.map((r) => r.source.file.split('/')[0]),
      ['v0.16-style', 'v1.7-style'],
    );
    assert.ok(records.every((r) => r.sla?.pass === true));
  });

  it('with an SLA on p99 TTFT of 3000 ms the v1.7 run (p99 2441.9 ms) ranks first', async () => {
    const { records: ranked } = await collectMetrics(path.join(SHARED_FIXTURES, 'evalscope'), { slaTtftMs: 3000 });
    assert.equal(ranked[0].source.file.split('/')[0], 'v1.7-style');
    assert.equal(ranked[0].sla?.pass, true);
    assert.equal(ranked[1].sla?.pass, false);
    assert.deepEqual(ranked[1].sla?.reasons, ['p99 TTFT 7530.9 ms > SLA 3000 ms']);
  });
});
