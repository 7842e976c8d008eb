import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { clampViewport, fitViewport, MIN_NS_PER_PX, panBy, reveal, showRange, timeToX, wheelZoomFactor, xToTime, zoomAt } from '../../../src/webview/timeline/viewport';
import { formatAbsoluteUs, formatDuration, formatExactDuration, formatTickLabel, niceStep, rulerTicks } from '../../../src/webview/timeline/timeFormat';

const bounds = { minNs: 0, maxNs: 2_000_000_000 };

describe('timeline viewport math', () => {
  it('fits the whole trace with a margin', () => {
    const v = fitViewport(bounds, 1000);
    assert.ok(v.startNs <= 0);
    assert.ok(xToTime(v, 1000) >= bounds.maxNs);
    assert.ok(v.nsPerPx < (bounds.maxNs * 1.1) / 1000);
  });

  it('keeps the time under the cursor fixed while zooming (cursor-anchored)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.double({ min: 1.01, max: 8, noNaN: true }), fc.boolean(), (x, f, zoomIn) => {
        const v = zoomAt(fitViewport(bounds, 1000), 500, 50, bounds); // start zoomed in, away from the limits
        const anchor = xToTime(v, x);
        const z = zoomAt(v, x, zoomIn ? f : 1 / f, bounds);
        assert.ok(Math.abs(xToTime(z, x) - anchor) <= z.nsPerPx * 1e-6 + 1e-6);
        if (zoomIn) assert.ok(z.nsPerPx < v.nsPerPx);
        else assert.ok(z.nsPerPx > v.nsPerPx);
      }),
    );
  });

  it('never zooms past the limits or pans away from the trace', () => {
    let v = fitViewport(bounds, 800);
    for (let i = 0; i < 200; i++) v = zoomAt(v, 400, 3, bounds);
    assert.equal(v.nsPerPx, MIN_NS_PER_PX);
    for (let i = 0; i < 200; i++) v = zoomAt(v, 400, 1 / 3, bounds);
    assert.ok(v.nsPerPx <= (bounds.maxNs * 1.1) / 800 + 1e-9);
    v = zoomAt(fitViewport(bounds, 800), 0, 100, bounds);
    const far = panBy(v, -1e9, bounds);
    assert.ok(xToTime(far, 800) > bounds.minNs);
    const farRight = panBy(v, 1e12, bounds);
    assert.ok(farRight.startNs < bounds.maxNs);
  });

  it('pans by pixels and maps time to x and back', () => {
    const v = clampViewport({ startNs: 1000, nsPerPx: 10, widthPx: 500 }, bounds);
    const p = panBy(v, 30, bounds);
    assert.equal(p.startNs, v.startNs + 300);
    assert.equal(timeToX(v, xToTime(v, 123)), 123);
  });

  it('shows and reveals ranges', () => {
    const v = clampViewport({ startNs: 0, nsPerPx: 10, widthPx: 1000 }, bounds);
    const s = showRange(v, 1_000_000, 1_100_000, bounds, 0.1);
    assert.ok(s.startNs < 1_000_000 && xToTime(s, 1000) > 1_100_000);
    assert.ok(xToTime(s, 1000) - s.startNs < 130_000);
    assert.equal(reveal(v, 100, 200, bounds), v);
    const r = reveal(v, 500_000, 500_100, bounds);
    assert.equal(r.nsPerPx, v.nsPerPx);
    assert.ok(r.startNs < 500_000 && xToTime(r, 1000) > 500_100);
  });

  it('turns wheel deltas into zoom factors (up zooms in, pixels lines and pages alike)', () => {
    assert.ok(wheelZoomFactor(-100, 0) > 1);
    assert.ok(wheelZoomFactor(100, 0) < 1);
    assert.ok(Math.abs(wheelZoomFactor(-3, 1) - wheelZoomFactor(-99, 0)) < 1e-9);
    assert.ok(wheelZoomFactor(-1e6, 0) < 3);
  });
});

describe('timeline time text', () => {
  it('prints absolute starts exactly from the integer base and ns offset', () => {
    assert.equal(formatAbsoluteUs(1736408883704643, 212), '1736408883704643.212');
    assert.equal(formatAbsoluteUs(1736408883704643, 0), '1736408883704643.000');
    assert.equal(formatAbsoluteUs(1736408883704643, 1_234_567_891), '1736408884939210.891');
    assert.equal(formatAbsoluteUs(1736408883704643, -5), '1736408883704642.995');
    // A double of the same instant in µs cannot hold these digits.
    assert.notEqual(String(1736408883704643 + 0.212), '1736408883704643.212');
  });

  it('prints exact durations and compact ones', () => {
    assert.equal(formatExactDuration(3900), '3.900 µs');
    assert.equal(formatExactDuration(12), '0.012 µs');
    assert.equal(formatExactDuration(1_234_567_891), '1234567.891 µs');
    assert.equal(formatDuration(812), '812 ns');
    assert.equal(formatDuration(56_800), '56.80 µs');
    assert.equal(formatDuration(1_230_000), '1.230 ms');
    assert.equal(formatDuration(2_500_000_000), '2.500 s');
  });

  it('chooses 1-2-5 ruler steps with readable labels', () => {
    assert.equal(niceStep(3), 5);
    assert.equal(niceStep(101), 200);
    assert.equal(niceStep(4_500_000), 5_000_000);
    assert.equal(formatTickLabel(2_000_000, 1_000_000), '2 ms');
    assert.equal(formatTickLabel(1_500_000, 500_000), '1.5 ms');
    const ticks = rulerTicks(0, 1000, 1000, 90);
    const major = ticks.filter((t) => t.major);
    assert.ok(major.length >= 5 && major.length <= 12, `${major.length} labelled ticks`);
    for (let k = 1; k < major.length; k++) assert.ok(major[k].x - major[k - 1].x >= 90);
    assert.ok(major.every((t) => /^\d+(\.\d+)? (ns|µs|ms|s)$/.test(t.label)));
  });
});
