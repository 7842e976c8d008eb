// The profiling flow: an msprof dynamic capture of the running service around a warmed-up workload.
// One detached job: warmup first (outside the window), then start, the measured workload, stop, quit, export.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { valueOf } from '../manifest/manifestModel';
import { RUN_PATHS } from './remoteLayout';
import type { FlowContext, RunFlow } from './runFlow';
import { shellJoin } from './shellQuote';
import { evalscopePerfArgv } from './workloadCommand';

/** The service's parent process (the first non-shell process of its group), which msprof attaches to. */
const SERVICE_PARENT = `${RUN_PATHS}
pg=$(cat "$CTL/service.pid" 2>/dev/null || true)
[ -n "$pg" ] || exit 3
ps -eo pid=,pgid=,comm= | awk -v g="$pg" '$2 == g && $3 !~ /^(bash|sh|dash|setsid)$/ { print $1; exit }'
`;

async function serviceParentPid(ctx: FlowContext): Promise<number> {
  if (ctx.serviceOurs) {
    const r = await ctx.exec('find service pid', SERVICE_PARENT);
    const pid = Number(r.stdout.trim().split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0) return pid;
    throw new Error('could not find the service process to attach msprof to');
  }
  // A reused service: only the manifest can say which process is its parent.
  const pid = valueOf(ctx.doc, 'service_pid');
  if (typeof pid === 'number' && pid > 0) {
    ctx.warn(`attaching msprof to the reused service's pid ${pid} from the manifest; it must have been started with PROFILING_MODE=dynamic`);
    return pid;
  }
  throw new Error('a reused service needs service_pid in the manifest to attach msprof to (or stop it so the run starts one)');
}

export const profilingFlow: RunFlow = {
  kind: 'profiling',
  title: 'Profiling capture',
  tools: ['bash', 'setsid', 'tail', 'tar', 'curl', 'npu-smi', 'evalscope', 'msprof', 'mkfifo'],
  gate: true,
  serviceEnv: { PROFILING_MODE: 'dynamic' },
  async workload(ctx) {
    const pid = await serviceParentPid(ctx);
    const w = ctx.plan.workload;
    const warmup = evalscopePerfArgv({ ...ctx.plan, workload: { ...w, number: w.warmupNum, warmupNum: 0 } }, 'warmup/raw');
    const measure = evalscopePerfArgv({ ...ctx.plan, workload: { ...w, warmupNum: 0 } }, 'evalscope/raw');
    const msprof = ['msprof', '--dynamic=on', '--output=.', '--model-execution=on', '--runtime-api=on', '--aicpu=on', `--pid=${pid}`];
    const body = [
      `WARMUP=(${shellJoin(warmup)})`,
      `MEASURE=(${shellJoin(measure)})`,
      `MSPROF=(${shellJoin(msprof)})`,
      'mkdir -p warmup/raw evalscope/raw',
      'fifo=$(mktemp -u "${TMPDIR:-/tmp}/xwf-msprof.XXXXXX") && mkfifo -m 600 "$fifo" || exit 90',
      "trap 'rm -f \"$fifo\"' EXIT",
      '"${MSPROF[@]}" < "$fifo" &',
      'mp=$!',
      'exec 3> "$fifo"',
      'echo "warmup: $(date -Is)"',
      '"${WARMUP[@]}" >> workload.log 2>&1 || echo "warmup exited $?"',
      'echo start >&3; echo "capture start: $(date -Is)"',
      '"${MEASURE[@]}" >> workload.log 2>&1; rc=$?',
      'echo stop >&3; echo "capture stop: $(date -Is)"',
      'echo quit >&3; exec 3>&-',
      'wait "$mp"',
      'for p in PROF_*; do [ -d "$p" ] && msprof --export=on --output="$p"; done',
      'exit $rc',
    ].join('\n');
    return {
      body,
      commandText: [`${shellJoin(msprof)}  # stdin: start / stop / quit`, `${shellJoin(warmup)}  # before start`, shellJoin(measure)].join('\n'),
      cmdFile: 'capture.sh',
      jobLog: 'capture.log',
      streamLog: 'workload.log',
      message: `msprof dynamic capture of pid ${pid}: warmup ${w.warmupNum} request(s) first, then ${w.number} in the window`,
    };
  },
  async collect(ctx) {
    const names = await fs.readdir(ctx.runRoot).catch(() => [] as string[]);
    const profs = names.filter((n) => n.startsWith('PROF_')).sort();
    const exported: string[] = [];
    for (const p of profs) if (await fs.stat(path.join(ctx.runRoot, p, 'mindstudio_profiler_output')).catch(() => null)) exported.push(p);
    // Rule 8: without PROF_* and its exported output the capture proves nothing.
    const inconclusive = !profs.length ? 'no PROF_* folder was written' : exported.length < profs.length ? `mindstudio_profiler_output/ is missing in ${profs.filter((p) => !exported.includes(p)).join(', ')}` : undefined;
    return {
      metrics: null,
      artifacts: { profiling_artifact_dir: profs.length ? `${profs[0]}/` : undefined },
      headline: [
        ...profs.map((p) => `- ${p}/${exported.includes(p) ? ' (exported: mindstudio_profiler_output/)' : ' (NOT exported)'}`),
        `- warmup ran before the capture window; the window holds the measured workload only (workload.log, capture.log)`,
        '- a profiling capture explains a bottleneck; its numbers are never the before/after performance result',
        ...(profs.length ? [] : ['No capture was written.']),
      ],
      inconclusive,
    };
  },
};

