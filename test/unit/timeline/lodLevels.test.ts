import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildLodLevels, firstEndingAfter, itemAt, LOD_MIN_ITEMS, pickLevel, visitTrack, type LodTrack } from '../../../src/webview/timeline/lodLevels';

/** A non-overlapping track: gaps and durations in ns. */
function trackOf(parts: readonly { gap: number; dur: number }[], offset = 0): { start: Float64Array; dur: Float64Array; track: LodTrack } {
  const n = offset + parts.length;
  const start = new Float64Array(n);
  const dur = new Float64Array(n);
  let t = 1000;
  parts.forEach((p, i) => {
    t += p.gap;
    start[offset + i] = t;
    dur[offset + i] = p.dur;
    t += p.dur;
  });
  return { start, dur, track: { offset, count: parts.length, levels: buildLodLevels(start, dur, offset, parts.length) } };
}

const partsArb = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 5000 }), dur: fc.integer({ min: 0, max: 20000 }) }), { minLength: 1, maxLength: 600 });

describe('timeline LOD buckets', () => {
  it('has no levels for short tracks and coarser levels, each smaller, for long ones', () => {
    const short = trackOf(Array.from({ length: LOD_MIN_ITEMS - 1 }, () => ({ gap: 10, dur: 10 })));
    assert.equal(short.track.levels.length, 0);
    const long = trackOf(Array.from({ length: 100_000 }, (_, i) => ({ gap: 100 + (i % 7) * 50, dur: 300 + (i % 13) * 100 })));
    const levels = long.track.levels;
    assert.ok(levels.length >= 5, `${levels.length} levels`);
    for (let k = 1; k < levels.length; k++) {
      assert.ok(levels[k].bucketNs > levels[k - 1].bucketNs);
      assert.ok(levels[k].first.length <= levels[k - 1].first.length * 0.8);
    }
    // Coarsest zoom over the whole track: a few hundred buckets at most, never 100k slices.
    const span = long.start[99_999] + long.dur[99_999] - long.start[0];
    const nsPerPx = span / 1000;
    let visits = 0;
    visitTrack(long.start, long.dur, long.track, long.start[0], long.start[0] + span, nsPerPx, () => visits++);
    assert.ok(visits <= 4 * 1000 + 2, `${visits} visits for 1000 px`);
  });

  it('represents every slice overlapping the range by a bucket whose hull covers it (any zoom)', () => {
    fc.assert(
      fc.property(partsArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 16 }), (parts, a, b, zoom) => {
        const { start, dur, track } = trackOf(parts, 3);
        const first = start[3];
        const end = start[3 + parts.length - 1] + dur[3 + parts.length - 1];
        const t0 = first + (end - first) * Math.min(a, b);
        const t1 = first + (end - first) * Math.max(a, b);
        const nsPerPx = Math.pow(2, zoom);
        const hulls: [number, number, number, number][] = [];
        const level = pickLevel(track, nsPerPx);
        visitTrack(start, dur, track, t0, t1, nsPerPx, (best, hs, he, count, busy) => {
          hulls.push([best, hs, he, count]);
          if (!level) {
            assert.equal(count, 1);
            assert.equal(busy, dur[best]);
            return;
          }
          // A bucket stands for exactly the items whose start falls in it; busy is their summed duration.
          const key = Math.floor(hs / level.bucketNs);
          let sum = 0;
          let n = 0;
          for (let i = 3; i < 3 + parts.length; i++) {
            if (Math.floor(start[i] / level.bucketNs) !== key) continue;
            sum += dur[i];
            n++;
          }
          assert.equal(n, count);
          assert.ok(Math.abs(busy - sum) <= 1e-3 * Math.max(1, sum), `busy ${busy} != ${sum}`);
        });
        // Hulls are in time order and do not overlap.
        for (let k = 1; k < hulls.length; k++) assert.ok(hulls[k][1] >= hulls[k - 1][2]);
        for (let i = 3; i < 3 + parts.length; i++) {
          const overlaps = start[i] <= t1 && start[i] + dur[i] >= t0;
          const covered = hulls.some(([, hs, he]) => hs <= start[i] && start[i] + dur[i] <= he);
          if (overlaps) assert.ok(covered, `slice ${i} not drawn`);
        }
        // The representative is the longest slice of its bucket.
        for (const [best, hs, he] of hulls) {
          for (let i = 3; i < 3 + parts.length; i++) if (start[i] >= hs && start[i] + dur[i] <= he) assert.ok(dur[i] <= dur[best]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('picks the coarsest level not wider than the pixel', () => {
    const { track } = trackOf(Array.from({ length: 5000 }, (_, i) => ({ gap: 50 + (i % 5), dur: 100 })));
    assert.equal(pickLevel(track, 0.5), undefined);
    const l = pickLevel(track, 1e6);
    assert.ok(l && l.bucketNs <= 1e6);
    const bigger = track.levels.find((x) => x.bucketNs > l.bucketNs);
    if (bigger) assert.ok(bigger.bucketNs > 1e6);
  });

  it('finds the slice under a time, with a tolerance for thin ones', () => {
    const { start, dur, track } = trackOf([
      { gap: 0, dur: 100 },
      { gap: 50, dur: 0 },
      { gap: 50, dur: 200 },
    ]);
    assert.equal(itemAt(start, dur, track, start[0] + 10, 0), 0);
    assert.equal(itemAt(start, dur, track, start[1] + 5, 0), -1);
    assert.equal(itemAt(start, dur, track, start[1] + 5, 10), 1);
    assert.equal(itemAt(start, dur, track, start[2] + 199, 0), 2);
    assert.equal(firstEndingAfter(start, dur, track, start[2]), 2);
    assert.equal(firstEndingAfter(start, dur, track, 1e12), 3);
  });
});
