// Stand-in for Ascend `msprof` on a host without NPUs, in the two modes the workflow uses:
//   msprof --dynamic=on --output=<dir> --pid=<pid> [--model-execution=on --runtime-api=on --aicpu=on]
//     reads `start`, `stop`, `quit` lines on stdin; between start and stop it records decode steps at a real
//     pace (XWF_STANDIN_STEP_MS, default 20) and at stop writes <dir>/PROF_<ts>_<rand>/{device_0,host}/data/...
//   msprof --export=on --output=<PROF dir>
//     writes <PROF dir>/mindstudio_profiler_output/ with msprof_<ts>.json (Chrome trace, string ts in µs with ns
//     decimals, pid packing hostPid<<10|layer<<5|device), op_summary_, op_statistic_, task_time_, api_statistic_,
//     communication_statistic_ CSVs named with the export timestamp.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) fail(`unrecognized argument ${a}`, 2);
    return [m[1], m[2] ?? 'on'];
  }),
);

function fail(message, code) {
  process.stderr.write(`[ERROR] msprof (stand-in): ${message}\n`);
  process.exit(code);
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
function stamp(d = new Date()) {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}
const log = (msg) => console.log(`[INFO] ${new Date().toISOString().replace('T', ' ').slice(0, 19)} ${msg}`);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kernels of one decode step: the boundary ArgMax ends each step; a graph replay task starts the next. */
const STEP = [
  ['aclnnGraphReplay_ModelExecute', 'ModelExecute', 'AI_CPU', 0.6],
  ['aclnnMatmul_MatMulV3AiCore_MatMulV3', 'MatMulV3', 'AI_CORE', 0.35],
  ['aclnnFlashAttentionScore_FusedInferAttentionScore', 'FusedInferAttentionScore', 'AI_CORE', 0.2],
  ['hcom_allReduce__586_0_1', 'hcom_allReduce_', 'HCCL', 0.1],
  ['aclnnArgMax_ArgMaxV2AiCore_ArgMaxV2', 'ArgMaxV2', 'AI_CORE', 0.02],
];

function dynamic() {
  const out = args.output;
  const pid = Number(args.pid);
  if (!out) fail('--output is required', 2);
  if (!Number.isInteger(pid) || !alive(pid)) fail(`The process ${args.pid} does not exist`, 1);
  const stepMs = Number(process.env.XWF_STANDIN_STEP_MS ?? 20);
  let started = null;
  log(`dynamic profiling attached to pid ${pid}; waiting for start/stop/quit on stdin`);
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    const cmd = line.trim();
    if (cmd === 'start') {
      if (started !== null) return log('already started');
      started = { wall: Date.now(), hr: process.hrtime.bigint() };
      log('profiling started');
    } else if (cmd === 'stop') {
      if (started === null) return log('not started');
      const durNs = process.hrtime.bigint() - started.hr;
      const dir = path.join(out, `PROF_${stamp(new Date(started.wall))}${pad(new Date(started.wall).getMilliseconds(), 3)}_${Math.random().toString(36).slice(2, 10).toUpperCase()}`);
      const steps = Math.max(1, Math.floor(Number(durNs / 1_000_000n) / stepMs));
      mkdirSync(path.join(dir, 'device_0', 'data'), { recursive: true });
      mkdirSync(path.join(dir, 'host', 'data'), { recursive: true });
      writeFileSync(path.join(dir, 'device_0', 'data', 'capture.json'), JSON.stringify({ pid, startNs: String(BigInt(started.wall) * 1_000_000n), steps, stepMs }));
      writeFileSync(path.join(dir, 'host', 'data', 'api_event.data'), `pid=${pid} steps=${steps}\n`);
      log(`profiling stopped: ${steps} decode steps in ${dir}`);
      started = null;
    } else if (cmd === 'quit') {
      log('quit');
      rl.close();
      process.exit(0);
    } else if (cmd) log(`unknown command ${cmd}`);
  });
  rl.on('close', () => process.exit(0));
}

function exportProf() {
  const dir = args.output;
  const raw = path.join(dir ?? '', 'device_0', 'data', 'capture.json');
  if (!dir || !existsSync(raw)) fail(`${dir ?? '--output'} is not a PROF_ folder with collected data`, 1);
  const { pid, startNs, steps, stepMs } = JSON.parse(readFileSync(raw, 'utf8'));
  const ts = stamp();
  const outDir = path.join(dir, 'mindstudio_profiler_output');
  mkdirSync(outDir, { recursive: true });
  const events = [];
  const devPid = String((pid << 10) | (0 << 5) | 0);
  const hostPid = String((pid << 10) | (1 << 5) | 0);
  events.push({ name: 'process_name', ph: 'M', pid: devPid, tid: 0, args: { name: 'Ascend Hardware' } });
  events.push({ name: 'thread_name', ph: 'M', pid: devPid, tid: 2, args: { name: 'Stream 2' } });
  events.push({ name: 'process_name', ph: 'M', pid: hostPid, tid: 0, args: { name: 'CANN' } });
  const base = BigInt(startNs);
  const rows = [];
  const tasks = [];
  let taskId = 0;
  for (let s = 0; s < steps; s++) {
    let tNs = base + BigInt(s * stepMs) * 1_000_000n;
    for (const [name, type, core, share] of STEP) {
      const durNs = BigInt(Math.max(1000, Math.round(stepMs * 1e6 * share * 0.8)));
      const tsUs = `${tNs / 1000n}.${pad(Number(tNs % 1000n), 3)}`;
      events.push({ name, ph: 'X', pid: devPid, tid: 2, ts: tsUs, dur: Number(durNs) / 1000, args: { 'Task Id': taskId, 'Op Type': type } });
      rows.push({ name, type, core, tsUs, durUs: Number(durNs) / 1000, taskId });
      tasks.push({ name, core, taskId, tsUs, durUs: Number(durNs) / 1000 });
      events.push({ name: `aclnn${type}`, ph: 'X', pid: hostPid, tid: 1, ts: tsUs, dur: 5, args: {} });
      taskId++;
      tNs += durNs + 20_000n;
    }
  }
  writeFileSync(path.join(outDir, `msprof_${ts}.json`), JSON.stringify(events));
  const csv = (header, lines) => [header.join(','), ...lines.map((l) => l.join(','))].join('\n') + '\n';
  writeFileSync(
    path.join(outDir, `op_summary_${ts}.csv`),
    csv(
      ['Device_id', 'Model ID', 'Task ID', 'Stream ID', 'Op Name', 'OP Type', 'OP State', 'Task Type', 'Task Start Time(us)', 'Task Duration(us)', 'Task Wait Time(us)', 'Block Num'],
      rows.map((r) => [0, 4294967295, r.taskId, 2, r.name, r.type, 'static', r.core, `${r.tsUs}\t`, r.durUs.toFixed(3), '20.000', 24]),
    ),
  );
  const byType = new Map();
  for (const r of rows) {
    const t = byType.get(r.type) ?? { core: r.core, n: 0, total: 0, min: Infinity, max: 0 };
    t.n++;
    t.total += r.durUs;
    t.min = Math.min(t.min, r.durUs);
    t.max = Math.max(t.max, r.durUs);
    byType.set(r.type, t);
  }
  const all = [...byType.values()].reduce((a, t) => a + t.total, 0);
  writeFileSync(
    path.join(outDir, `op_statistic_${ts}.csv`),
    csv(
      ['Device_id', 'OP Type', 'Core Type', 'Count', 'Total Time(us)', 'Min Time(us)', 'Avg Time(us)', 'Max Time(us)', 'Ratio(%)'],
      [...byType.entries()].map(([type, t]) => [0, type, t.core, t.n, t.total.toFixed(3), t.min.toFixed(3), (t.total / t.n).toFixed(3), t.max.toFixed(3), ((t.total / all) * 100).toFixed(3)]),
    ),
  );
  writeFileSync(
    path.join(outDir, `task_time_${ts}.csv`),
    csv(['Device_id', 'kernel_name', 'kernel_type', 'stream_id', 'task_id', 'task_time(us)', 'task_start(us)', 'task_stop(us)'], tasks.map((t) => [0, t.name, t.core, 2, t.taskId, t.durUs.toFixed(3), t.tsUs, (Number(t.tsUs) + t.durUs).toFixed(3)])),
  );
  const hccl = byType.get('hcom_allReduce_');
  writeFileSync(
    path.join(outDir, `communication_statistic_${ts}.csv`),
    csv(['Device_id', 'OP Type', 'Count', 'Total Time(us)', 'Min Time(us)', 'Avg Time(us)', 'Max Time(us)', 'Ratio(%)'], hccl ? [[0, 'hcom_allReduce_', hccl.n, hccl.total.toFixed(3), hccl.min.toFixed(3), (hccl.total / hccl.n).toFixed(3), hccl.max.toFixed(3), '100.000']] : []),
  );
  writeFileSync(
    path.join(outDir, `api_statistic_${ts}.csv`),
    csv(['Device_id', 'Level', 'API Name', 'Time(us)', 'Count', 'Avg(us)', 'Min(us)', 'Max(us)', 'Variance'], [[0, 'acl', 'aclrtSynchronizeStream', (steps * 5).toFixed(3), steps, '5.000', '5.000', '5.000', '0.000']]),
  );
  log(`export finished: ${outDir} (${readdirSync(outDir).length} files)`);
}

if (args.dynamic === 'on') dynamic();
else if (args.export === 'on') exportProf();
else fail('expected --dynamic=on ... or --export=on --output=<PROF dir>', 2);
