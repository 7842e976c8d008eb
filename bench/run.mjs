#!/usr/bin/env node
// Runs every bench/*.bench.mjs in its own process, one after another, collects the JSON line each prints,
// and prints a summary of the targets. With --write, also writes bench/RESULTS.md (machine, date, tables, raw lines).
// Usage: node bench/run.mjs [--write] [--big] [--only a,b] [--skip a,b] [--timeout 900]
//   --big       pass --big to every bench (heavier variants; well beyond the default run's ~5 minutes)
//   --only/skip bench names without `.bench.mjs` (e.g. --only manifest,runsIndex)
//   --timeout   seconds before a bench is stopped and reported as timed out (default 900)
import { spawn } from 'node:child_process';
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { flag, numberArg, stringArg } from './lib/args.mjs';
import { formatRatio, formatValue, machine } from './lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const WRITE = flag('write');
const BIG = flag('big');
const TIMEOUT_S = numberArg('timeout', 900);
const list = (name) => (stringArg(name, '') || '').split(',').map((s) => s.trim()).filter(Boolean);
const only = list('only');
const skip = list('skip');

const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort()
  .map((file) => ({ file, name: file.replace(/\.bench\.mjs$/, '') }))
  .filter((b) => (!only.length || only.includes(b.name)) && !skip.includes(b.name));
for (const name of [...only, ...skip]) {
  if (!readdirSync(here).includes(`${name}.bench.mjs`)) {
    console.error(`no bench named ${name} (bench/${name}.bench.mjs)`);
    process.exit(2);
  }
}

/**
 * Figures from benches that print only text: the line they print, read with a pattern. A bench that
 * prints a JSON line never goes through this; when the text changes, its output is still reported whole.
 */
const TEXT_ADAPTERS = {
  collect: (text) => {
    const m = /collect ([\d,]+) runs: ([\d.]+) ms \(ratio ([\d.]+) vs ([^)]+)\)/.exec(text);
    if (!m) return [];
    const ms = Number(m[2]);
    return [{ name: `collect ${m[1]} evalscope runs`, value: ms, unit: 'ms', ratio: Number(m[3]), refName: m[4], target: '< 2000 ms', met: ms < 2000 }];
  },
};

const KNOWN_KEYS = new Set(['name', 'value', 'unit', 'ratio', 'refName', 'target', 'met']);
/** Other figures a row carries (p95, cpu, max, ...), in the row's unit when numeric. */
function extras(row) {
  return Object.entries(row)
    .filter(([k]) => !KNOWN_KEYS.has(k))
    .map(([k, v]) => `${k} ${typeof v === 'number' ? formatValue(v, row.unit) : v}`)
    .join(', ');
}

let current = null;
// Ctrl-C stops the running bench's whole process group too, not only this script.
process.on('SIGINT', () => {
  if (current) {
    try {
      process.kill(-current.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  process.exit(130);
});

function runBench(bench) {
  return new Promise((resolve) => {
    const args = [join(here, bench.file), ...(BIG ? ['--big'] : [])];
    const t0 = performance.now();
    // Its own process group, so a timeout stops the bench and anything it started (a server, a browser).
    const child = spawn(process.execPath, args, { cwd: join(here, '..'), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    current = child;
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, TIMEOUT_S * 1000);
    child.stdout.on('data', (d) => {
      stdout += d;
      // Progress as it comes, without the JSON line (it is summarized below).
      for (const line of String(d).split('\n')) if (line && !line.startsWith('{"bench"')) process.stdout.write(`  | ${line}\n`);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      process.stderr.write(String(d).replace(/^(?=.)/gm, '  ! '));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current = null;
      const records = [];
      for (const line of stdout.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const value = JSON.parse(line);
          if (value && typeof value === 'object' && typeof value.bench === 'string' && Array.isArray(value.rows)) records.push(value);
        } catch {
          // Not a result line.
        }
      }
      const text = stdout.split('\n').filter((l) => !l.startsWith('{"bench"')).join('\n').trim();
      const rows = records.length ? records.flatMap((r) => r.rows) : (TEXT_ADAPTERS[bench.name]?.(text) ?? []);
      resolve({ ...bench, code, signal, timedOut, seconds: (performance.now() - t0) / 1000, records, rows, text, stderr: stderr.trim() });
    });
  });
}

const startedAt = new Date();
const machineAtStart = machine();
console.log(`${benches.length} bench(es): ${benches.map((b) => b.name).join(', ')}${BIG ? ' (--big)' : ''}; ${machineAtStart.cores} cores, node ${machineAtStart.node}, load ${machineAtStart.loadavg.join(' ')}`);
const results = [];
for (const bench of benches) {
  console.log(`\n== ${bench.file}`);
  const r = await runBench(bench);
  results.push(r);
  const status = r.timedOut ? `TIMED OUT after ${TIMEOUT_S} s` : r.code === 0 ? 'ok' : `FAILED (exit ${r.code ?? r.signal})`;
  console.log(`== ${bench.file}: ${status} in ${r.seconds.toFixed(1)} s`);
}
const machineAtEnd = machine();

// Summary: every row that has a target, then the status of each bench.
const targetRows = results.flatMap((r) => r.rows.filter((row) => row.target).map((row) => ({ bench: r.name, ...row })));
console.log('\nsummary');
const cells = targetRows.map((row) => [row.bench, row.name.trim(), formatValue(row.value, row.unit), row.ratio !== undefined ? `${formatRatio(row.ratio)} vs ${row.refName ?? 'ref'}` : '', `${row.target}: ${row.met ? 'met' : 'MISSED'}`]);
const widths = [0, 1, 2, 3].map((k) => Math.max(0, ...cells.map((c) => c[k].length)));
for (const c of cells) console.log(`  ${c[0].padEnd(widths[0])}  ${c[1].padEnd(widths[1])}  ${c[2].padStart(widths[2])}  ${c[3].padEnd(widths[3])}  ${c[4]}`);
for (const r of results) {
  if (r.code !== 0 || r.timedOut) console.log(`  ${r.name}: ${r.timedOut ? 'timed out' : `exit ${r.code ?? r.signal}`}${r.stderr ? ` — ${r.stderr.split('\n').slice(-1)[0]}` : ''}`);
  else if (!r.rows.length) console.log(`  ${r.name}: no JSON line; its output is kept in full`);
}
const met = targetRows.filter((r) => r.met).length;
const failed = results.filter((r) => r.code !== 0 || r.timedOut).length;
console.log(`  targets met: ${met}/${targetRows.length}; benches failed: ${failed}/${results.length}; total ${results.reduce((s, r) => s + r.seconds, 0).toFixed(0)} s`);

if (WRITE) {
  const file = join(here, 'RESULTS.md');
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, renderMarkdown());
  renameSync(tmp, file);
  console.log(`wrote bench/RESULTS.md`);
}

function renderMarkdown() {
  const m = machineAtStart;
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  const out = [
    '# Benchmark results',
    '',
    `Generated by \`node bench/run.mjs --write${BIG ? ' --big' : ''}\` on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    '',
    `- Machine: ${m.cores} cores (${m.cpu}), ${m.memGB} GB RAM, ${m.platform}`,
    `- Node: ${m.node}`,
    `- Load average (1, 5, 15 min) at start: ${m.loadavg.join(', ')}; at end: ${machineAtEnd.loadavg.join(', ')} (the machine is shared: wall times include waiting for a core)`,
    `- Ratios are against a reference measured in the same run on the same machine; see bench/README.md for what each reference is.`,
    '',
    '## Targets',
    '',
    '| bench | measure | value | ratio | target | |',
    '|---|---|---:|---|---|---|',
    ...targetRows.map((r) => `| ${r.bench} | ${esc(r.name.trim())} | ${formatValue(r.value, r.unit)} | ${r.ratio !== undefined ? esc(`${formatRatio(r.ratio)} vs ${r.refName ?? 'reference'}`) : ''} | ${esc(r.target)} | ${r.met ? 'met' : '**missed**'} |`),
    '',
  ];
  for (const r of results) {
    out.push(`## ${r.name}`, '', `\`bench/${r.file}\`: ${r.timedOut ? `timed out after ${TIMEOUT_S} s` : r.code === 0 ? 'ok' : `failed (exit ${r.code ?? r.signal})`}, ${r.seconds.toFixed(1)} s.`, '');
    if (r.records.length) {
      out.push('| measure | value | ratio | also | target |', '|---|---:|---|---|---|');
      for (const row of r.rows) {
        out.push(`| ${esc(row.name.trim())} | ${formatValue(row.value, row.unit)} | ${row.ratio !== undefined ? esc(`${formatRatio(row.ratio)} vs ${row.refName ?? 'reference'}`) : ''} | ${esc(extras(row))} | ${row.target ? esc(`${row.target}: ${row.met ? 'met' : 'missed'}`) : ''} |`);
      }
      out.push('');
    }
    out.push('```text', r.text || '(no output)', ...(r.code !== 0 && r.stderr ? ['', r.stderr.split('\n').slice(-15).join('\n')] : []), '```', '');
  }
  out.push('## Raw result lines', '', '```json', ...results.flatMap((r) => r.records.map((rec) => JSON.stringify(rec))), '```', '');
  return out.join('\n').replaceAll(join(here, '..'), '.').replaceAll(os.tmpdir(), '$TMPDIR');
}
