import * as assert from 'node:assert/strict';
import { parseConcurrencyList, planSweep } from '../../../src/extension/remote/sweepPlan';

describe('remote sweep plan', () => {
  const now = new Date('2026-11-29T10:00:00Z');

  it('reads a concurrency list, dropping duplicates and refusing junk', () => {
    assert.deepEqual(parseConcurrencyList('1, 8,32 8'), [1, 8, 32]);
    assert.equal(parseConcurrencyList('1,0'), undefined);
    assert.equal(parseConcurrencyList('a'), undefined);
  });

  it('gives every point over several hosts and concurrencies its own run id and manifest copy', () => {
    const points = planSweep('/ws', 'qwen-base', '/ws/runs/perf/qwen-base/manifest.md', ['npu a2', 'npu-a3'], [1, 32], now);
    assert.deepEqual(points.map((p) => [p.hostName, p.concurrency, p.runId]), [
      ['npu a2', 1, 'qwen-base-npu-a2-c1'],
      ['npu a2', 32, 'qwen-base-npu-a2-c32'],
      ['npu-a3', 1, 'qwen-base-npu-a3-c1'],
      ['npu-a3', 32, 'qwen-base-npu-a3-c32'],
    ]);
    assert.equal(new Set(points.map((p) => p.manifestPath)).size, 4);
    assert.ok(points.every((p) => p.manifestPath.includes('/.xwf/sweeps/qwen-base-')));
  });

  it('refuses two hosts that would give the same run ids', () => {
    assert.throws(() => planSweep('/ws', 'r', '/ws/m.md', ['a b', 'a-b'], [1], now), /same run id/);
    assert.throws(() => planSweep('/ws', 'r', '/ws/m.md', [], [1], now), /at least one host/);
  });
});
