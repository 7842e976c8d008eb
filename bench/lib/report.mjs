// The common output of every bench: a short aligned table, then one JSON line that bench/run.mjs collects.
import * as os from 'node:os';

/**
 * One row: `name`, `value` with `unit`, and optionally `ref` (the reference's value, same unit),
 * `refName`, `ratio` (value / ref), `target` (text such as `< 5 ms`), `met` (boolean) and `note` (free text).
 */
export function printTable(title, rows) {
  console.log(`\n${title}`);
  const cells = rows.map((r) => [
    r.name,
    formatValue(r.value, r.unit),
    r.ratio !== undefined ? `${formatRatio(r.ratio)} vs ${r.refName ?? 'reference'}` : '',
    r.target ? `target ${r.target}: ${r.met ? 'met' : 'MISSED'}` : '',
    r.note ?? '',
  ]);
  const widths = [0, 1, 2, 3].map((k) => Math.max(...cells.map((c) => c[k].length)));
  for (const c of cells) console.log(`  ${c[0].padEnd(widths[0])}  ${c[1].padStart(widths[1])}  ${c[2].padEnd(widths[2])}  ${c[3].padEnd(widths[3])}  ${c[4]}`.trimEnd());
}

/** x3.14, or x1/2500 for ratios far below one (an incremental update against a full rescan). */
export function formatRatio(ratio) {
  if (!Number.isFinite(ratio)) return String(ratio);
  return ratio < 0.1 && ratio > 0 ? `x1/${Math.round(1 / ratio)}` : `x${ratio.toFixed(2)}`;
}

export function formatValue(value, unit) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
  if (unit === 'ms') return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : value >= 100 ? `${value.toFixed(0)} ms` : value >= 1 ? `${value.toFixed(2)} ms` : `${value.toFixed(3)} ms`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  return `${Number(value.toFixed(3))}${unit ? ` ${unit}` : ''}`;
}

export function machine() {
  return { cores: os.cpus().length, cpu: os.cpus()[0]?.model?.trim() ?? 'unknown', memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, loadavg: os.loadavg().map((x) => Number(x.toFixed(2))) };
}

/** `load 11.5 on 2 cores`: printed with every result, since the machine is shared and wall times depend on it. */
export function loadLine() {
  const m = machine();
  return `machine: ${m.cores} cores (${m.cpu}), node ${m.node}, load average ${m.loadavg.join(' ')}`;
}

/** The line bench/run.mjs looks for: a JSON object with `bench` and `rows`, alone on its line. */
export function emitJson(bench, rows, extra = {}) {
  const clean = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(6)) : v])));
  console.log(JSON.stringify({ bench, date: new Date().toISOString(), machine: machine(), rows: clean, ...extra }));
}
