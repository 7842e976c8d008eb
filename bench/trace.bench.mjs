#!/usr/bin/env node
// Trace parsing and analysis on generated msprof-shaped traces: parse time and peak memory of the chunked
// column parser against Node's JSON.parse of the same bytes (measured in the same run, each in its own
// process), `analyze` time after the parse, and the whole `xwf analyze <trace> --json` command (the CLI
// bundled as the build does, process start to exit) at 1 M and 2 M events, interleaved with the JSON.parse
// reference and repeated (medians), to show it grows linearly.
// Usage: node bench/trace.bench.mjs [--big] [--keep] [--repeat 3]
//   --big   also a 5 M-event trace (beyond V8's string limit: the JSON.parse reference is expected to fail)
//   --keep  keep the generated files in .bench-data/ for the next run (they are reused when present)
import * as esbuild from 'esbuild';
import { cliBuildOptions, prepareCliOutput } from '../scripts/cliBundle.mjs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberArg } from './lib/args.mjs';
import { emitJson, loadLine, printTable } from './lib/report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);
const bundle = join(root, 'out/bench/trace.js');
const load = () => createRequire(import.meta.url)(bundle);

/** One measurement in a fresh process, so peak RSS belongs to that approach alone. */
async function child(mode, file) {
  const { loadTraceFiles, analyzeProfile, SYNTHETIC_BOUNDARY } = load();
  const c0 = process.cpuUsage();
  const cpu = () => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  const t0 = performance.now();
  if (mode === 'json') {
    let events = 0;
    let error = null;
    try {
      events = JSON.parse(readFileSync(file, 'utf8')).length;
    } catch (e) {
      error = e.message;
    }
    return { ms: performance.now() - t0, cpuMs: cpu(), events, error, rssMB: process.resourceUsage().maxRSS / 1024 };
  }
  if (mode === 'scan') {
    // The floor: read every byte in 8 MiB chunks and count event openings.
    const fh = await open(file, 'r');
    const buf = new Uint8Array(8 << 20);
    let n = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (!bytesRead) break;
      for (let i = buf.indexOf(0x7b); i >= 0 && i < bytesRead; i = buf.indexOf(0x7b, i + 1)) n++;
    }
    await fh.close();
    return { ms: performance.now() - t0, cpuMs: cpu(), events: n, error: null, rssMB: process.resourceUsage().maxRSS / 1024 };
  }
  const trace = await loadTraceFiles([file]);
  const parseMs = performance.now() - t0;
  const out = { ms: parseMs, cpuMs: cpu(), events: trace.sources[0].events, error: trace.sources[0].error?.message ?? null, rssMB: process.resourceUsage().maxRSS / 1024 };
  if (mode === 'analyze') {
    const src = { outputs: [{ dir: dirname(file), rank: null, traceFiles: [file], tables: {} }], trace: async () => trace, has: () => false, table: async () => [] };
    // Best of three: analysis is short, and the machine may be shared.
    out.analyzeMs = Infinity;
    out.analyzeCpuMs = Infinity;
    for (let k = 0; k < 3; k++) {
      const t1 = performance.now();
      const c1 = process.cpuUsage();
      const r = await analyzeProfile(src, { boundary: SYNTHETIC_BOUNDARY });
      const c = process.cpuUsage(c1);
      out.analyzeMs = Math.min(out.analyzeMs, performance.now() - t1);
      out.analyzeCpuMs = Math.min(out.analyzeCpuMs, (c.user + c.system) / 1000);
      out.pairs = r.report.gap_summary.pair_count;
    }
  }
  return out;
}

if (process.argv[2] === '--child') {
  process.stdout.write(JSON.stringify(await child(process.argv[3], process.argv[4])));
  process.exit(0);
}

const big = process.argv.includes('--big');
const keep = process.argv.includes('--keep');

await esbuild.build({
  absWorkingDir: root,
  stdin: {
    contents: [
      "export * from './src/core/trace/syntheticTrace';",
      "export { loadTraceFiles } from './src/core/trace/traceFiles';",
      "export { analyzeProfile } from './src/core/profiling/profileReport';",
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
// The CLI exactly as the product ships it (minified ES modules split per command, with its trace worker).
const cliBundle = prepareCliOutput(join(root, 'out', 'bench'));
await esbuild.build(cliBuildOptions({ absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', mainFields: ['module', 'main'], minify: true, legalComments: 'none', logLevel: 'warning' }, join(root, 'out', 'bench')));
const { writeSyntheticTrace, eventsPerDecodeStep } = load();

const dataDir = join(root, '.bench-data');
mkdirSync(dataDir, { recursive: true });
const DEVICES = 2;
async function traceOf(millions) {
  const file = join(dataDir, `trace-${millions}M.json`);
  if (existsSync(file)) return file;
  const steps = Math.ceil((millions * 1e6) / (DEVICES * eventsPerDecodeStep()));
  const t0 = performance.now();
  const r = await writeSyntheticTrace(file, { seed: 2026, devices: DEVICES, decodeSteps: steps });
  console.log(`generated ${file.slice(root.length + 1)}: ${(r.events / 1e6).toFixed(2)} M events, ${(r.bytes / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}

const run = (mode, file) => {
  try {
    return JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=4096', self, '--child', mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 }));
  } catch (e) {
    return { ms: NaN, events: 0, error: String(e.stderr || e.message).split('\n').find((l) => /Error/.test(l)) ?? 'crashed', rssMB: NaN };
  }
};
const fmt = (r) =>
  r.error && !r.events ? `failed (${r.error.slice(0, 60)})` : `${(r.ms / 1000).toFixed(2)} s (cpu ${(r.cpuMs / 1000).toFixed(2)} s), peak RSS ${r.rssMB.toFixed(0)} MB`;

/** The whole command, as a user runs it: wall time from spawn to exit; its output must be a report. */
function cli(file) {
  const t0 = performance.now();
  try {
    const out = execFileSync(process.execPath, [cliBundle, 'analyze', file, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const ms = performance.now() - t0;
    const report = JSON.parse(out);
    return { ms, events: report.events, error: null };
  } catch (e) {
    return { ms: NaN, events: 0, error: String(e.stderr || e.message).split('\n')[0] };
  }
}
const REPEAT = numberArg('repeat', 3);
const median = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : NaN;
};
const startLoad = loadLine();

const sizes = big ? [1, 2, 5] : [1, 2];
const results = {};
const cliRuns = {};
for (const m of sizes) {
  const file = await traceOf(m);
  const mb = statSync(file).size / 2 ** 20;
  const scan = run('scan', file);
  const json = run('json', file);
  const ours = run('analyze', file);
  results[m] = ours;
  console.log(`\n${m} M events (${mb.toFixed(0)} MiB)`);
  console.log(`  byte scan (floor)      ${fmt(scan)}`);
  console.log(`  JSON.parse (reference) ${fmt(json)}`);
  console.log(`  column parser          ${fmt(ours)}  (${ours.events} events${ours.error ? `, ${ours.error}` : ''})`);
  console.log(`  analyze after parse    ${ours.analyzeMs.toFixed(0)} ms (cpu ${ours.analyzeCpuMs.toFixed(0)} ms; ${ours.pairs} gap pairs)`);
  if (!json.error) {
    console.log(`  ratios vs JSON.parse:  time x${(ours.ms / json.ms).toFixed(2)} (cpu x${(ours.cpuMs / json.cpuMs).toFixed(2)}), peak memory x${(ours.rssMB / json.rssMB).toFixed(2)}`);
  } else {
    console.log('  ratios vs JSON.parse:  n/a, the reference cannot load this file');
  }
  console.log(`  parse vs byte scan:    cpu x${(ours.cpuMs / scan.cpuMs).toFixed(2)}`);
  // The whole command against the reference, interleaved round by round.
  const runs = { cli: [], json: [] };
  for (let r = 0; r < REPEAT; r++) {
    runs.cli.push(cli(file));
    runs.json.push(m === 5 ? json : run('json', file));
  }
  cliRuns[m] = { ms: median(runs.cli.map((x) => x.ms)), all: runs.cli.map((x) => x.ms), ref: median(runs.json.map((x) => x.ms)), error: runs.cli.find((x) => x.error)?.error, refError: json.error };
  const c = cliRuns[m];
  console.log(`  xwf analyze --json     ${c.error ? `failed (${c.error})` : `${(c.ms / 1000).toFixed(2)} s median of ${REPEAT} (${c.all.map((x) => (x / 1000).toFixed(2)).join(', ')}), process start to exit`}`);
}
if (results[1] && results[2]) {
  console.log(`\nlinearity 2 M / 1 M: parse cpu x${(results[2].cpuMs / results[1].cpuMs).toFixed(2)}, analyze cpu x${(results[2].analyzeCpuMs / results[1].analyzeCpuMs).toFixed(2)}, whole command x${(cliRuns[2].ms / cliRuns[1].ms).toFixed(2)} (2.00 = linear)`);
}
const rows = [];
for (const m of sizes) {
  const c = cliRuns[m];
  const o = results[m];
  rows.push({
    name: `xwf analyze, ${m} M events (whole command), median of ${REPEAT}`,
    value: c.ms,
    unit: 'ms',
    ...(c.refError ? { note: `JSON.parse fails: ${c.refError.slice(0, 50)}` } : { ref: c.ref, refName: 'Node read + JSON.parse', ratio: c.ms / c.ref }),
    ...(m === 1 ? { target: '< 1000 ms', met: c.ms < 1000 } : {}),
    ...(m > 1 && cliRuns[1] ? { perMillion: c.ms / m, note: `x${(c.ms / cliRuns[1].ms).toFixed(2)} the 1 M command (x${m} events)` } : {}),
  });
  rows.push({ name: `  of it: parse (load columns), ${m} M`, value: o.ms, unit: 'ms', cpu: o.cpuMs, note: `peak RSS ${o.rssMB.toFixed(0)} MB` });
  rows.push({ name: `  of it: analysis after the parse, ${m} M`, value: o.analyzeMs, unit: 'ms', cpu: o.analyzeCpuMs });
}
console.log(`\n  ${startLoad.replace('machine: ', 'at start: ')}\n  ${loadLine().replace('machine: ', 'at end:   ')}`);
printTable('trace (ratios: value / reference measured in the same run)', rows);
emitJson('trace', rows, { repeat: REPEAT });
if (!keep) for (const m of sizes) rmSync(join(dataDir, `trace-${m}M.json`), { force: true });
