// Horizontal viewport math: which time range the canvas shows and how gestures move it.

export interface Viewport {
  /** ns (relative to the trace base) at the left edge of the track area. */
  readonly startNs: number;
  readonly nsPerPx: number;
  /** Width of the track area in CSS pixels. */
  readonly widthPx: number;
}

export interface TimeBounds {
  readonly minNs: number;
  readonly maxNs: number;
}

/** The finest zoom: 10 px per ns is far past any timestamp resolution in a trace. */
export const MIN_NS_PER_PX = 0.1;

function span(b: TimeBounds): number {
  return Math.max(1, b.maxNs - b.minNs);
}

function maxNsPerPx(b: TimeBounds, widthPx: number): number {
  return (span(b) * 1.1) / Math.max(1, widthPx);
}

/** Keeps the zoom within limits and the view overlapping the trace. */
export function clampViewport(v: Viewport, b: TimeBounds): Viewport {
  const nsPerPx = Math.min(maxNsPerPx(b, v.widthPx), Math.max(MIN_NS_PER_PX, v.nsPerPx));
  const visible = nsPerPx * v.widthPx;
  const margin = Math.min(visible * 0.5, span(b) * 0.05 + visible * 0.05);
  const lo = b.minNs - margin;
  const hi = b.maxNs + margin - visible;
  const startNs = hi < lo ? (b.minNs + b.maxNs) / 2 - visible / 2 : Math.min(hi, Math.max(lo, v.startNs));
  return { startNs, nsPerPx, widthPx: v.widthPx };
}

/** The whole trace with a small margin on both sides. */
export function fitViewport(b: TimeBounds, widthPx: number): Viewport {
  const w = Math.max(1, widthPx);
  const nsPerPx = Math.max(MIN_NS_PER_PX, (span(b) * 1.04) / w);
  return clampViewport({ startNs: b.minNs - span(b) * 0.02, nsPerPx, widthPx: w }, b);
}

/** Zooms by factor (> 1 zooms in) keeping the time under xPx where it is. */
export function zoomAt(v: Viewport, xPx: number, factor: number, b: TimeBounds): Viewport {
  if (!(factor > 0) || !Number.isFinite(factor)) return v;
  const anchor = v.startNs + xPx * v.nsPerPx;
  const limits = clampViewport({ ...v, nsPerPx: v.nsPerPx / factor }, b);
  const nsPerPx = limits.nsPerPx;
  return clampViewport({ startNs: anchor - xPx * nsPerPx, nsPerPx, widthPx: v.widthPx }, b);
}

/** Moves the view by dxPx pixels (positive shows later times). */
export function panBy(v: Viewport, dxPx: number, b: TimeBounds): Viewport {
  return clampViewport({ ...v, startNs: v.startNs + dxPx * v.nsPerPx }, b);
}

/** Shows [t0, t1] with a margin of marginFraction of the range on each side. */
export function showRange(v: Viewport, t0: number, t1: number, b: TimeBounds, marginFraction = 0.1): Viewport {
  const lo = Math.min(t0, t1);
  const hi = Math.max(t0, t1);
  const width = Math.max(hi - lo, 10);
  const nsPerPx = (width * (1 + 2 * marginFraction)) / Math.max(1, v.widthPx);
  return clampViewport({ startNs: lo - width * marginFraction, nsPerPx, widthPx: v.widthPx }, b);
}

/** Pans (without zooming) so t is visible, centring it when it is outside. */
export function reveal(v: Viewport, t0: number, t1: number, b: TimeBounds): Viewport {
  const end = v.startNs + v.widthPx * v.nsPerPx;
  if (t0 >= v.startNs && t1 <= end) return v;
  if (t1 - t0 > v.widthPx * v.nsPerPx) return showRange(v, t0, t1, b);
  return clampViewport({ ...v, startNs: (t0 + t1) / 2 - (v.widthPx * v.nsPerPx) / 2 }, b);
}

export function resize(v: Viewport, widthPx: number, b: TimeBounds): Viewport {
  return clampViewport({ ...v, widthPx: Math.max(1, widthPx) }, b);
}

export const timeToX = (v: Viewport, t: number): number => (t - v.startNs) / v.nsPerPx;
export const xToTime = (v: Viewport, x: number): number => v.startNs + x * v.nsPerPx;

/** Wheel delta (pixels, lines or pages) to a zoom factor: smooth for trackpads, ~1.25 per mouse notch. */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  const px = deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 400 : deltaY;
  const clamped = Math.max(-300, Math.min(300, px));
  return Math.exp(-clamped * 0.0023);
}
