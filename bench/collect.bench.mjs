#!/usr/bin/env node
// Times metrics collection over 1,000 generated evalscope run folders against reading + JSON.parse of the same files.
// Usage: node bench/collect.bench.mjs [--runs 1000] [--repeat 5]
import * as esbuild from 'esbuild';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 1000);
const REPEAT = arg('repeat', 5);

// The core collector as one CommonJS bundle, so the bench needs no TypeScript at run time.
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { collect: 'src/core/metrics/metricsCollector.ts' },
  outdir: 'out/bench',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
const { collectMetrics } = createRequire(import.meta.url)(join(root, 'out/bench/collect.js'));

/** A small deterministic generator so every run of the bench measures the same tree. */
let seed = 42;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

function v17Summary(p) {
  const ttft = 200 + rand() * 800;
  return {
    'Test Duration (s)': 60 + rand() * 60,
    Concurrency: p,
    'Request Rate (req/s)': -1,
    'Total Requests': p * 8,
    'Success Requests': p * 8,
    'Failed Requests': 0,
    'Req Throughput (req/s)': p * (0.05 + rand() * 0.05),
    'Avg Latency (s)': 10 + rand() * 5,
    'Avg Input Tokens': 2048,
    'Output Throughput (tok/s)': p * (20 + rand() * 20),
    'Total Throughput (tok/s)': p * (100 + rand() * 50),
    'TTFT (ms)': ttft,
    'TPOT (ms)': 10 + rand() * 30,
    'ITL (ms)': 10 + rand() * 30,
    'Avg Output Tokens': 512,
    'Decoded Tok/Iter': 1 + rand() * 2,
    'Spec. Accept Rate': rand(),
  };
}
function v110Summary(p) {
  const s = v17Summary(p);
  return {
    ...Object.fromEntries(Object.entries(s).filter(([k]) => !['TTFT (ms)', 'TPOT (ms)', 'ITL (ms)', 'Decoded Tok/Iter'].includes(k))),
    'Stream Requests': p * 8,
    'Non-Stream Requests': 0,
    'Avg TTFT (ms)': s['TTFT (ms)'],
    'Avg TPOT (ms)': s['TPOT (ms)'],
    'Avg ITL (ms)': s['ITL (ms)'],
    'Avg Decoded Tok/Iter': s['Decoded Tok/Iter'],
  };
}
function v016Summary(p) {
  return {
    'Time taken for tests (s)': 100 + rand() * 100,
    'Number of concurrency': p,
    'Total requests': p * 4,
    'Succeed requests': p * 4 - 1,
    'Failed requests': 1,
    'Output token throughput (tok/s)': p * 18,
    'Total token throughput (tok/s)': p * 200,
    'Request throughput (req/s)': p * 0.02 * (1 + rand()),
    'Average latency (s)': 50 + rand() * 5,
    'Average time to first token (s)': 2 + rand() * 3,
    'Average time per output token (s)': 0.04 + rand() * 0.02,
    'Average input tokens per request': 11000,
    'Average output tokens per request': 1024,
    'Average inter-token latency (s)': 0.04 + rand() * 0.02,
  };
}
function percentiles(labelKey, labels, ms) {
  const unit = ms ? 'ms' : 's';
  const k = ms ? 1 : 0.001;
  return labels.map((label, i) => ({
    [labelKey]: label,
    [`TTFT (${unit})`]: (200 + i * 30 + rand() * 10) * k,
    [`ITL (${unit})`]: (10 + i + rand()) * k,
    [`TPOT (${unit})`]: (10 + i * 0.5 + rand()) * k,
    'Latency (s)': 10 + i * 0.3,
    'Input tokens': 2048,
    'Output tokens': 512,
    'Output (tok/s)': 40 - i,
    'Total (tok/s)': 200 - i,
  }));
}
const NEW_LABELS = ['1%', '5%', '10%', '25%', '50%', '75%', '90%', '95%', '99%'];
const OLD_LABELS = ['10%', '25%', '50%', '66%', '75%', '80%', '90%', '95%', '98%', '99%'];

const dir = mkdtempSync(join(os.tmpdir(), 'xwf-bench-collect-'));
const files = [];
const put = (rel, value) => {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, JSON.stringify(value, null, 2));
  files.push(p);
};
const started = Date.now();
for (let i = 0; i < RUNS; i++) {
  const p = 1 + (i % 64);
  const ts = `20260101_${String(100000 + Math.floor(i / 64))}`;
  if (i % 5 === 4) {
    // <= 1.4: straight into <model>/, seconds, no args
    const run = `outputs/${ts}_${p}/Qwen3-32B`;
    put(`${run}/benchmark_summary.json`, v016Summary(p));
    put(`${run}/benchmark_percentile.json`, percentiles('Percentiles', OLD_LABELS, false));
  } else {
    const run = `outputs/${ts}/Qwen3-32B/parallel_${p}_number_${p * 8}`; // one timestamp folder per 64 levels
    const v110 = i % 5 === 3;
    put(`${run}/benchmark_summary.json`, v110 ? v110Summary(p) : v17Summary(p));
    put(`${run}/benchmark_percentile.json`, percentiles('Percentiles', v110 ? ['min', ...NEW_LABELS, 'max'] : [...NEW_LABELS, 'max'], true));
    put(`${run}/benchmark_args.json`, { model: 'Qwen3-32B', parallel: p, number: p * 8, warmup_num: 2, stream: true, max_tokens: 512, min_tokens: 512 });
  }
}
const generatedMs = Date.now() - started;

async function reference() {
  // The floor: read and JSON.parse every file, with the same parallelism and no folder walking.
  for (let i = 0; i < files.length; i += 64) await Promise.all(files.slice(i, i + 64).map(async (f) => JSON.parse(await readFile(f, 'utf8'))));
}
async function collect() {
  const result = await collectMetrics(dir);
  if (result.records.length !== RUNS) throw new Error(`expected ${RUNS} records, got ${result.records.length} (${result.problems.length} problems)`);
  if (result.problems.length) throw new Error(`unexpected problems: ${result.problems.slice(0, 3).map((p) => `${p.file}: ${p.message}`).join('; ')}`);
}
/** Median wall time of each function, run alternately so a load spike on the machine hits both alike. */
async function timeAlternately(fns) {
  const times = fns.map(() => []);
  for (let i = 0; i < REPEAT; i++) {
    for (const [k, fn] of fns.entries()) {
      const s = process.hrtime.bigint();
      await fn();
      times[k].push(Number(process.hrtime.bigint() - s) / 1e6);
    }
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]);
}

try {
  await reference(); // warm the page cache and the JIT for both
  await collect();
  const [refMs, collectMs] = await timeAlternately([reference, collect]);
  console.log(`generated ${RUNS} run folders (${files.length} files) in ${generatedMs} ms`);
  console.log(`reading+parsing the files: ${refMs.toFixed(1)} ms (median of ${REPEAT})`);
  console.log(`collect ${RUNS} runs: ${collectMs.toFixed(1)} ms (ratio ${(collectMs / refMs).toFixed(2)} vs reading+parsing the files)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
