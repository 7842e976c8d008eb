import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { metricRow } from '../../../src/core/compare/metricComparison';
import { DEFAULT_TOLERANCES, resolveTolerances, toleranceProblem, withinTolerance } from '../../../src/core/compare/tolerance';

describe('compare: tolerance verdicts', () => {
  it('passes throughput at exactly 0.95 x baseline and fails just below', () => {
    assert.equal(withinTolerance('throughput', 1000, 950, DEFAULT_TOLERANCES), true);
    assert.equal(withinTolerance('throughput', 1000, 949.99, DEFAULT_TOLERANCES), false);
    // Float noise on the bound (0.95 * 806.43) must not flip the verdict.
    assert.equal(withinTolerance('throughput', 806.43, 806.43 * 0.95, DEFAULT_TOLERANCES), true);
  });

  it('passes latency at exactly 1.05 x baseline and fails just above', () => {
    assert.equal(withinTolerance('latency', 40, 42, DEFAULT_TOLERANCES), true);
    assert.equal(withinTolerance('latency', 40, 42.001, DEFAULT_TOLERANCES), false);
    assert.equal(withinTolerance('latency', 38.59, 38.59 * 1.05, DEFAULT_TOLERANCES), true);
  });

  it('passes accuracy at baseline - 0.02 and fails below', () => {
    assert.equal(withinTolerance('accuracy', 0.915, 0.895, DEFAULT_TOLERANCES), true);
    assert.equal(withinTolerance('accuracy', 0.915, 0.8949, DEFAULT_TOLERANCES), false);
  });

  it('uses configured tolerances', () => {
    const strict = resolveTolerances({ throughput: 1.0, latency: 1.0 });
    assert.equal(withinTolerance('throughput', 1000, 999, strict), false);
    assert.equal(withinTolerance('latency', 40, 40.1, strict), false);
    assert.equal(strict.accuracy, 0.02);
    assert.match(toleranceProblem({ throughput: -1 }) ?? '', /throughput/);
    assert.match(toleranceProblem({ accuracy: 2 }) ?? '', /accuracy/);
    assert.equal(toleranceProblem({ latency: 1.1 }), null);
  });

  it('gives a row its delta, percentage, limit and direction', () => {
    const r = metricRow('c32', 'tpot', 'avg', 40, 36, DEFAULT_TOLERANCES, true);
    assert.deepEqual([r.delta, r.delta_pct, r.limit, r.status, r.better, r.unit], [-4, -10, 42, 'pass', 'lower', 'ms']);
    const t = metricRow('c32', 'output_tps', 'avg', 800, 700, DEFAULT_TOLERANCES, true);
    assert.deepEqual([t.delta, t.delta_pct, t.limit, t.status, t.better], [-100, -12.5, 760, 'fail', 'higher']);
    assert.equal(metricRow('c32', 'ttft', 'p99', null, 5, DEFAULT_TOLERANCES, false).status, 'missing');
  });

  it('is monotone: a better current value never turns a pass into a fail', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (base, ratio, step) => {
        const cur = base * ratio;
        if (withinTolerance('latency', base, cur, DEFAULT_TOLERANCES)) assert.ok(withinTolerance('latency', base, cur * (1 - step), DEFAULT_TOLERANCES));
        if (withinTolerance('throughput', base, cur, DEFAULT_TOLERANCES)) assert.ok(withinTolerance('throughput', base, cur * (1 + step), DEFAULT_TOLERANCES));
      }),
    );
  });
});
