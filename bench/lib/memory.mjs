// Memory readings: a process's resident set from /proc (Linux), and a forced GC for heap figures.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

/** VmRSS and VmHWM (peak resident set) of a process in MiB, or null when /proc is not there. */
export function procMemory(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
}

let gcFn;
/** Runs a full garbage collection (exposing gc on first use), so heapUsed reflects live objects only. */
export function collectGarbage() {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = globalThis.gc ?? runInNewContext('gc');
  }
  gcFn();
  gcFn();
}

export const heapUsedMB = () => process.memoryUsage().heapUsed / 2 ** 20;
export const MB = (bytes) => bytes / 2 ** 20;
