// Memory and CPU of a process tree from /proc (Linux): a browser and its renderer, GPU, network and
// utility processes. PSS splits shared pages between their users, so the sum over the tree is fair.
import { readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function parentOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** pid and every descendant. */
export function treePids(root) {
  const children = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = parentOf(d);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      /* the process ended */
    }
  }
  const out = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop();
    out.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return out;
}

/** Chromium's process kind (`browser`, `renderer`, `gpu-process`, `utility:network`, ...). */
export function processKind(pid) {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/); // Chromium rewrites its title with spaces
    const type = args.find((a) => a.startsWith('--type='))?.slice(7);
    if (!type) return 'browser';
    const sub = args.find((a) => a.startsWith('--utility-sub-type='))?.slice(19);
    return sub ? `utility:${sub.split('.').at(-2) ?? sub}` : type;
  } catch {
    return 'gone';
  }
}

/** PSS and USS (private pages only) of one process in kB. */
function memKB(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return { pss: kb('Pss'), uss: kb('Private_Clean') + kb('Private_Dirty') };
  } catch {
    return { pss: 0, uss: 0 };
  }
}

/**
 * Memory of the tree in MiB: PSS (shared pages split between every process mapping them, including
 * other browsers on the machine, so it moves when they start or stop) and USS (pages only this tree's
 * processes hold: what a load allocates), with PSS per process kind.
 */
export function treePss(root) {
  const byKind = {};
  let kb = 0;
  let ussKB = 0;
  for (const p of treePids(root)) {
    const m = memKB(p);
    kb += m.pss;
    ussKB += m.uss;
    const kind = processKind(p);
    byKind[kind] = (byKind[kind] ?? 0) + m.pss / 1024;
  }
  return { mb: kb / 1024, ussMB: ussKB / 1024, byKind };
}

/** CPU time (ms, user + system) of every thread of the tree, keyed `<process kind>/<thread name>`. */
export function treeThreadCpu(root) {
  const out = {};
  for (const p of treePids(root)) {
    const kind = processKind(p);
    let tasks = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      try {
        const stat = readFileSync(`/proc/${p}/task/${t}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/[0-9]+$/, '');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ms = (Number(f[11]) + Number(f[12])) * TICK_MS;
        const key = `${kind}/${name}`;
        out[key] = (out[key] ?? 0) + ms;
      } catch {
        /* gone */
      }
    }
  }
  return out;
}

/** CPU (ms) of a process and its descendants, threads included. */
export function treeCpuMs(root) {
  return Object.values(treeThreadCpu(root)).reduce((s, x) => s + x, 0);
}

/** after - before per key, largest first, keys below minMs dropped. */
export function cpuDelta(before, after, minMs = 20) {
  return Object.entries(after)
    .map(([k, v]) => [k, v - (before[k] ?? 0)])
    .filter(([, v]) => v >= minMs)
    .sort((a, b) => b[1] - a[1]);
}
