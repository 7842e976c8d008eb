// Timing and summary statistics: nearest-rank percentiles over repeated samples, in milliseconds.
import { performance } from 'node:perf_hooks';

/** Nearest-rank percentile of an ascending array (q in 0..1). */
export function percentile(sorted, q) {
  if (!sorted.length) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export function summarize(samples) {
  const sorted = Array.from(samples).sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1);
  return { n: sorted.length, min: sorted[0], p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1], mean };
}

/**
 * Times synchronous functions `iterations` times each after `warmup` untimed rounds, interleaved call by
 * call so a load spike on the shared machine hits all alike. Each call gets its wall time and the
 * process's CPU time (user + system, all threads): on a machine busy with other work the wall tail is
 * mostly waiting for a core, while the CPU tail is the code's own (GC included).
 * Returns `{ name: { wall: summary, cpu: summary } }` in milliseconds.
 */
export function timeSyncInterleaved(fns, { warmup = 200, iterations = 2000 } = {}) {
  const names = Object.keys(fns);
  for (let i = 0; i < warmup; i++) for (const name of names) fns[name]();
  const wall = Object.fromEntries(names.map((n) => [n, new Float64Array(iterations)]));
  const cpu = Object.fromEntries(names.map((n) => [n, new Float64Array(iterations)]));
  for (let i = 0; i < iterations; i++) {
    for (const name of names) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fns[name]();
      const t1 = performance.now();
      const c1 = process.cpuUsage(c0);
      wall[name][i] = t1 - t0;
      cpu[name][i] = (c1.user + c1.system) / 1000;
    }
  }
  return Object.fromEntries(names.map((n) => [n, { wall: summarize(wall[n]), cpu: summarize(cpu[n]) }]));
}

/**
 * Same for async functions, `repeat` rounds interleaved round by round. Returns per name the wall-time
 * summary with a `cpu` summary of the process's CPU time (user + system, all threads, the libuv pool included).
 */
export async function timeAsyncInterleaved(fns, { warmup = 1, repeat = 5 } = {}) {
  const names = Object.keys(fns);
  for (let i = 0; i < warmup; i++) for (const name of names) await fns[name]();
  const wall = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < repeat; i++) {
    for (const name of names) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await fns[name]();
      wall[name].push(performance.now() - t0);
      const c1 = process.cpuUsage(c0);
      cpu[name].push((c1.user + c1.system) / 1000);
    }
  }
  return Object.fromEntries(names.map((n) => [n, { ...summarize(wall[n]), cpu: summarize(cpu[n]) }]));
}
