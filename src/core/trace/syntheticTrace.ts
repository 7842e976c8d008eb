// Deterministic msprof-shaped traces (and the CSV exports that go with them), streamed to disk so
// million-event files never exist as one string; used by the sample workspace, tests and benchmarks.
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { SeededRandom } from '../sample/seededRandom';

export interface SyntheticTraceOptions {
  seed: number;
  devices: number;
  decodeSteps: number;
  kernelsPerStep?: number;
  /** Mean decode-step gap (end of ArgMaxV2 to the next graph launch), µs. */
  stepGapUs?: number;
  hostPid?: number;
  /** Integer µs of the first event (default about 1.7e15 like real captures). */
  startUs?: number;
}

/** The boundary pair that finds the decode-step gaps of a synthetic trace. */
export const SYNTHETIC_BOUNDARY = { previous: 'ArgMaxV2', next: '^GraphLaunch' } as const;

const DEFAULTS = { kernelsPerStep: 24, stepGapUs: 150, hostPid: 2891304, startUs: 1736408883000000 };

// pid layers as msprof packs them: hostPid << 10 | layer << 5 | deviceId.
const LAYER = { cann: 7, hardware: 13, freq: 14, hccl: 15, mem: 19, overlap: 23 } as const;
const STREAM = { compute: 2, comm: 4, copy: 5 } as const;

type CoreType = 'AI_CORE' | 'AI_VECTOR_CORE';
interface KernelKind {
  readonly api: string;
  readonly impl: string;
  readonly opType: string;
  readonly core: CoreType;
  readonly baseNs: number;
  readonly block: number;
}

const k = (api: string, opType: string, core: CoreType, baseNs: number, block: number): KernelKind => ({
  api,
  impl: `${opType}${core === 'AI_CORE' ? 'AiCore' : 'AiVector'}`,
  opType,
  core,
  baseNs,
  block,
});
const BODY: readonly KernelKind[] = [
  k('aclnnRmsNorm', 'RmsNorm', 'AI_VECTOR_CORE', 6200, 40),
  k('aclnnMatmul', 'MatMulV2', 'AI_CORE', 27500, 24),
  k('aclnnApplyRotaryPosEmb', 'RotaryPositionEmbedding', 'AI_VECTOR_CORE', 4800, 40),
  k('aclnnFusedInferAttentionScore', 'FusedInferAttentionScore', 'AI_CORE', 34000, 24),
  k('aclnnMatmul', 'MatMulV2', 'AI_CORE', 21000, 24),
  k('aclnnAdd', 'Add', 'AI_VECTOR_CORE', 2100, 40),
  k('aclnnSwiGlu', 'SwiGlu', 'AI_VECTOR_CORE', 7400, 40),
  k('aclnnMatmul', 'MatMulV2', 'AI_CORE', 30500, 24),
];
const ARGMAX = k('aclnnArgMax', 'ArgMaxV2', 'AI_VECTOR_CORE', 3900, 1);
const RARE = k('aclnnCast', 'Cast', 'AI_VECTOR_CORE', 1300, 8);
const ALLREDUCE_TYPE = 'hcom_allReduce_';

/** Events written per device per decode step (exact, used to size benchmark traces). */
export function eventsPerDecodeStep(kernelsPerStep = DEFAULTS.kernelsPerStep): number {
  // host: 5 X + 3 s; device: copy, graph launch, 3 f, kernels, collective; HCCL 3; overlap 2 + 2 + Free; counter
  return 8 + 5 + Math.max(2, Math.floor(kernelsPerStep)) + 1 + 3 + 5 + 1;
}

/** Buffered writer to a temp file, renamed into place on close so readers never see half a file. */
class AtomicTextFile {
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  private constructor(
    private readonly fh: FileHandle,
    private readonly tmp: string,
    private readonly target: string,
  ) {}
  static async create(target: string): Promise<AtomicTextFile> {
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    return new AtomicTextFile(await open(tmp, 'w'), tmp, target);
  }
  push(s: string): void {
    this.parts.push(s);
    this.size += s.length;
  }
  async maybeFlush(): Promise<void> {
    if (this.size >= 1 << 20) await this.flush();
  }
  private async flush(): Promise<void> {
    if (!this.parts.length) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.size = 0;
    this.bytes += buf.length;
    await this.fh.write(buf);
  }
  async close(): Promise<void> {
    await this.flush();
    await this.fh.close();
    await rename(this.tmp, this.target);
  }
  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
    await unlink(this.tmp).catch(() => undefined);
  }
}

interface Stat {
  count: number;
  total: number;
  min: number;
  max: number;
  sumSq: number;
}
const addStat = (m: Map<string, Stat>, key: string, ns: number): void => {
  const s = m.get(key);
  if (!s) m.set(key, { count: 1, total: ns, min: ns, max: ns, sumSq: ns * ns });
  else {
    s.count++;
    s.total += ns;
    s.sumSq += ns * ns;
    if (ns < s.min) s.min = ns;
    if (ns > s.max) s.max = ns;
  }
};

/** Receives every device task and host API call, for the CSV exports. */
interface TaskSink {
  task(device: number, t: { name: string; opType: string; taskType: string; core: string; stream: number; taskId: number; startNs: number; durNs: number; waitNs: number; block: number }): void;
  api(device: number, name: string, durNs: number): void;
  maybeFlush?(): Promise<void>;
}

const pad3 = (n: number): string => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

class TraceEmitter {
  events = 0;
  private first = true;
  private flowSeq = 0;
  constructor(
    private readonly out: AtomicTextFile,
    private readonly startUs: number,
  ) {}
  /** `ts` string: integer µs plus exactly three ns digits. */
  ts(ns: number): string {
    return `${this.startUs + Math.floor(ns / 1000)}.${pad3(ns % 1000)}`;
  }
  /** async_npu ids are the device task's epoch ns: above 2^53, so written as digits, never as a double. */
  epochNsId(ns: number): string {
    return `${this.startUs + Math.floor(ns / 1000)}${pad3(ns % 1000)}`;
  }
  dur(ns: number): string {
    return ns % 1000 === 0 ? String(ns / 1000) : `${Math.floor(ns / 1000)}.${pad3(ns % 1000)}`.replace(/0+$/, '');
  }
  raw(json: string): void {
    this.out.push(this.first ? `[\n${json}` : `,\n${json}`);
    this.first = false;
    this.events++;
  }
  meta(kind: string, pid: number, tid: number, args: string): void {
    this.raw(`{"name": "${kind}", "pid": ${pid}, "tid": ${tid}, "args": ${args}, "ph": "M"}`);
  }
  x(name: string, pid: number, tid: number, startNs: number, durNs: number, args?: string): void {
    const a = args ? `, "args": ${args}` : '';
    this.raw(`{"name": "${name}", "pid": ${pid}, "tid": ${tid}, "ts": "${this.ts(startNs)}", "dur": ${this.dur(durNs)}${a}, "ph": "X"}`);
  }
  counter(name: string, pid: number, ns: number, args: string): void {
    this.raw(`{"name": "${name}", "ts": "${this.ts(ns)}", "pid": ${pid}, "tid": 0, "args": ${args}, "ph": "C"}`);
  }
  flow(ph: 's' | 'f', cat: string, name: string, id: string, numericId: boolean, pid: number, tid: number, ns: number): void {
    const idText = numericId ? id : `"${id}"`;
    const bp = ph === 'f' ? ', "bp": "e"' : '';
    this.raw(`{"name": "${name}", "ph": "${ph}", "cat": "${cat}", "id": ${idText}, "pid": ${pid}, "tid": ${tid}, "ts": "${this.ts(ns)}"${bp}}`);
  }
  nextFlowSeq(): number {
    return ++this.flowSeq;
  }
  close(): void {
    this.out.push(this.first ? '[]\n' : '\n]\n');
  }
}

interface DeviceState {
  readonly d: number;
  readonly pid: (layer: number) => number;
  readonly cannMain: number;
  readonly cannCopy: number;
  /** End of the previous ArgMaxV2 (relative ns). */
  prevEnd: number;
  taskId: number;
  hcomSeq: number;
}

async function generate(o: SyntheticTraceOptions, emit: TraceEmitter, out: AtomicTextFile, sink?: TaskSink): Promise<void> {
  const rnd = new SeededRandom(o.seed);
  const kernels = Math.max(2, Math.floor(o.kernelsPerStep ?? DEFAULTS.kernelsPerStep));
  const gapNs = Math.max(1, Math.round((o.stepGapUs ?? DEFAULTS.stepGapUs) * 1000));
  const hostPid = o.hostPid ?? DEFAULTS.hostPid;
  const devices = Math.max(1, Math.min(32, Math.floor(o.devices)));
  const states: DeviceState[] = [];
  const jit = (ns: number, spread = 0.15): number => Math.max(1, Math.round(ns * rnd.between(1 - spread, 1 + spread)));

  for (let d = 0; d < devices; d++) {
    // Multiplication, not <<: hostPid << 10 overflows 32-bit integers for real pids.
    const pid = (layer: number): number => hostPid * 1024 + layer * 32 + d;
    const st: DeviceState = { d, pid, cannMain: hostPid + 11 + d * 2, cannCopy: hostPid + 12 + d * 2, prevEnd: 50_000 + rnd.int(0, 20_000), taskId: 1000, hcomSeq: 500 + d };
    states.push(st);
    const name = (n: string): string => `{"name": "${n}"}`;
    const sort = (n: number): string => `{"sort_index": ${n}}`;
    emit.meta('process_name', pid(LAYER.hardware), 0, name('Ascend Hardware'));
    emit.meta('process_labels', pid(LAYER.hardware), 0, '{"labels": "NPU"}');
    emit.meta('process_sort_index', pid(LAYER.hardware), 0, sort(LAYER.hardware));
    for (const s of [STREAM.compute, STREAM.comm, STREAM.copy]) {
      emit.meta('thread_name', pid(LAYER.hardware), s, name(`Stream ${s}`));
      emit.meta('thread_sort_index', pid(LAYER.hardware), s, sort(s));
    }
    emit.meta('process_name', pid(LAYER.cann), 0, name('CANN'));
    emit.meta('process_labels', pid(LAYER.cann), 0, '{"labels": "CPU"}');
    for (const t of [st.cannMain, st.cannCopy]) {
      emit.meta('thread_name', pid(LAYER.cann), t, name(`Thread ${t}`));
      emit.meta('thread_sort_index', pid(LAYER.cann), t, sort(t));
    }
    emit.meta('process_name', pid(LAYER.hccl), 0, name('HCCL'));
    emit.meta('process_labels', pid(LAYER.hccl), 0, '{"labels": "NPU"}');
    emit.meta('thread_name', pid(LAYER.hccl), 0, name(`Group ${devices}${devices > 1 ? '_tp' : ''} Communication`));
    emit.meta('thread_name', pid(LAYER.hccl), 1, name('Plane 0'));
    emit.meta('thread_name', pid(LAYER.hccl), 2, name('Plane 1'));
    emit.meta('process_name', pid(LAYER.overlap), 0, name('Overlap Analysis'));
    emit.meta('process_labels', pid(LAYER.overlap), 0, '{"labels": "NPU"}');
    ['Computing', 'Communication', 'Communication(Not Overlapped)', 'Free'].forEach((n, i) => emit.meta('thread_name', pid(LAYER.overlap), i, name(n)));
    emit.meta('process_name', pid(LAYER.freq), 0, name('AI Core Freq'));
    emit.meta('process_labels', pid(LAYER.freq), 0, '{"labels": "NPU"}');
    emit.meta('process_name', pid(LAYER.mem), 0, name('NPU MEM'));
    emit.meta('process_labels', pid(LAYER.mem), 0, '{"labels": "NPU"}');
    emit.counter('AI Core Freq', pid(LAYER.freq), st.prevEnd, '{"MHz": "1800"}');
  }

  const taskArgs = (taskType: string, stream: number, taskId: number, conn?: number): string =>
    `{"Model Id": "4294967295", "Task Type": "${taskType}", "Physic Stream Id": "${stream}", "Task Id": "${taskId}", "Batch Id": "0", "Subtask Id": "4294967295"${conn === undefined ? '' : `, "connection_id": "${conn}"`}}`;

  for (let step = 0; step < o.decodeSteps; step++) {
    for (const st of states) {
      const { d, pid } = st;
      const cann = pid(LAYER.cann);
      const hw = pid(LAYER.hardware);
      const gap = jit(gapNs, 0.5);
      const p = st.prevEnd;
      const launchAt = p + gap;

      // Host work inside the gap: sync on the previous step, token readback, input copy, graph launch.
      const syncStart = p - jit(9000);
      const syncDur = p + jit(2500) - syncStart;
      emit.x('AscendCL@aclrtSynchronizeStream', cann, st.cannMain, syncStart, syncDur, '{"Mode": "ACL_RTS", "level": "acl"}');
      const d2hStart = syncStart + syncDur + jit(1500);
      const d2hDur = jit(7800);
      emit.x('AscendCL@aclrtMemcpy', cann, st.cannMain, d2hStart, d2hDur, '{"Mode": "ACL_RTS", "level": "acl"}');
      const h2dStart = p + Math.round(gap * 0.55);
      const h2dDur = jit(5600);
      const h2dConn = emit.nextFlowSeq();
      emit.x('AscendCL@aclrtMemcpyAsync', cann, st.cannCopy, h2dStart, h2dDur, `{"Mode": "ACL_RTS", "level": "acl", "connection_id": "${h2dConn}"}`);
      emit.flow('s', 'HostToDevice', `HostToDevice${h2dConn}`, String(h2dConn), false, cann, st.cannCopy, h2dStart);
      const launchStart = p + Math.round(gap * 0.78);
      const launchDur = Math.max(1000, launchAt - launchStart - jit(1200));
      // aclmdlRIExecuteAsync is the graph replay; the callback registration overlaps it without nesting.
      const launchConn = 5046586572799 + st.d * 1_000_003 + step * 7;
      emit.x('AscendCL@aclmdlRIExecuteAsync', cann, st.cannMain, launchStart, launchDur, `{"Mode": "ACL_RTS", "level": "acl", "connection_id": "${launchConn}"}`);
      emit.x('AscendCL@aclrtLaunchCallback', cann, st.cannMain, launchStart + launchDur - 400, jit(1800), '{"Mode": "ACL_RTS", "level": "acl"}');
      emit.flow('s', 'HostToDevice', `HostToDevice${launchConn}`, String(launchConn), false, cann, st.cannMain, launchStart);
      emit.flow('s', 'async_npu', 'torch_to_npu', emit.epochNsId(launchAt), true, cann, st.cannMain, launchStart);
      sink?.api(d, 'aclrtSynchronizeStream', syncDur);
      sink?.api(d, 'aclrtMemcpy', d2hDur);
      sink?.api(d, 'aclrtMemcpyAsync', h2dDur);
      sink?.api(d, 'aclmdlRIExecuteAsync', launchDur);

      // Device: the input copy, the graph launch task, then the kernels of one decode step.
      const copyStart = h2dStart + jit(9000);
      const copyDur = jit(2600);
      const copyId = st.taskId++;
      emit.x('MEMCPY_ASYNC', hw, STREAM.copy, copyStart, copyDur, taskArgs('PCIE_DMA_SQE', STREAM.copy, copyId, h2dConn));
      emit.flow('f', 'HostToDevice', `HostToDevice${h2dConn}`, String(h2dConn), false, hw, STREAM.copy, copyStart);
      sink?.task(d, { name: 'MEMCPY_ASYNC', opType: 'N/A', taskType: 'MEMCPY_ASYNC', core: 'N/A', stream: STREAM.copy, taskId: copyId, startNs: copyStart, durNs: copyDur, waitNs: 0, block: 0 });
      const glDur = jit(1900);
      const glId = st.taskId++;
      emit.x('GraphLaunch', hw, STREAM.compute, launchAt, glDur, taskArgs('MODEL_EXECUTE', STREAM.compute, glId, launchConn));
      emit.flow('f', 'HostToDevice', `HostToDevice${launchConn}`, String(launchConn), false, hw, STREAM.compute, launchAt);
      emit.flow('f', 'async_npu', 'torch_to_npu', emit.epochNsId(launchAt), true, hw, STREAM.compute, launchAt);
      sink?.task(d, { name: 'GraphLaunch', opType: 'N/A', taskType: 'MODEL_EXECUTE', core: 'N/A', stream: STREAM.compute, taskId: glId, startNs: launchAt, durNs: glDur, waitNs: gap, block: 0 });
      emit.x('Free', pid(LAYER.overlap), 3, p, launchAt - p);

      let t = launchAt + glDur + jit(800);
      let prevEndNs = launchAt + glDur;
      let segStart = t;
      const commAt = Math.floor(kernels / 2);
      for (let i = 0; i < kernels; i++) {
        const last = i === kernels - 1;
        if (i === commAt) {
          emit.x('Computing', pid(LAYER.overlap), 0, segStart, prevEndNs - segStart);
          const cStart = t;
          const cDur = jit(18_000 + 4_000 * (devices - 1), 0.3);
          const cName = `hcom_allReduce__${st.hcomSeq}_0_1`;
          st.hcomSeq += devices;
          const cId = st.taskId++;
          emit.x(cName, hw, STREAM.comm, cStart, cDur, taskArgs('COMMUNICATION', STREAM.comm, cId));
          emit.x(cName, pid(LAYER.hccl), 0, cStart, cDur, `{"model id": "4294967295", "data_type": "BF16", "alg_type": "MESH-RING", "count": "4097000"}`);
          const half = Math.round(cDur / 2);
          emit.x('Memcpy', pid(LAYER.hccl), 1, cStart + 300, half - 600, '{"transport type": "SDMA", "link type": "HCCS"}');
          emit.x('Notify_Wait', pid(LAYER.hccl), 2, cStart + half, cDur - half, '{"transport type": "LOCAL"}');
          emit.x('Communication', pid(LAYER.overlap), 1, cStart, cDur);
          emit.x('Communication(Not Overlapped)', pid(LAYER.overlap), 2, cStart, cDur);
          sink?.task(d, { name: cName, opType: ALLREDUCE_TYPE, taskType: 'COMMUNICATION', core: 'N/A', stream: STREAM.comm, taskId: cId, startNs: cStart, durNs: cDur, waitNs: 0, block: 0 });
          t = cStart + cDur + jit(600);
          prevEndNs = cStart + cDur;
          segStart = t;
        }
        const kind = last ? ARGMAX : i === 1 && step % 10 === 3 ? RARE : BODY[i % BODY.length];
        const dur = jit(kind.baseNs);
        const id = st.taskId++;
        const name = `${kind.api}_${kind.impl}_${kind.opType}`;
        emit.x(name, hw, STREAM.compute, t, dur, taskArgs(kind.core === 'AI_CORE' ? 'KERNEL_AICORE' : 'KERNEL_AIVEC', STREAM.compute, id));
        sink?.task(d, { name, opType: kind.opType, taskType: kind.core === 'AI_CORE' ? 'KERNEL_AICORE' : 'KERNEL_AIVEC', core: kind.core, stream: STREAM.compute, taskId: id, startNs: t, durNs: dur, waitNs: Math.max(0, t - prevEndNs), block: kind.block });
        prevEndNs = t + dur;
        // Now and then the hardware reports a task starting before the previous one ended.
        t = prevEndNs + (rnd.next() < 0.03 ? -Math.min(200, dur - 1) : jit(700, 0.5));
      }
      emit.x('Computing', pid(LAYER.overlap), 0, segStart, prevEndNs - segStart);
      emit.counter('APP/HBM', pid(LAYER.mem), prevEndNs, `{"KB": "${(41_230_000 + rnd.int(0, 90_000)).toFixed(1)}"}`);
      st.prevEnd = prevEndNs;
    }
    await out.maybeFlush();
    await sink?.maybeFlush?.();
  }
}

export async function writeSyntheticTrace(file: string, o: SyntheticTraceOptions): Promise<{ events: number; bytes: number }> {
  return writeTraceWithSink(file, o);
}

async function writeTraceWithSink(file: string, o: SyntheticTraceOptions, sink?: TaskSink): Promise<{ events: number; bytes: number }> {
  const out = await AtomicTextFile.create(file);
  try {
    const emit = new TraceEmitter(out, Math.floor(o.startUs ?? DEFAULTS.startUs));
    await generate(o, emit, out, sink);
    emit.close();
    await out.close();
    return { events: emit.events, bytes: out.bytes };
  } catch (e) {
    await out.abort();
    throw e;
  }
}

const fmtUs = (ns: number): string => (ns / 1000).toFixed(3);

/** CSV exports written while the trace is generated: op_summary and task_time stream, the rest are totals. */
class ProfCsvSink implements TaskSink {
  readonly opStat = new Map<string, Stat>();
  readonly commStat = new Map<string, Stat>();
  readonly apiStat = new Map<string, Stat>();
  readonly kernelTotal = new Map<number, number>();
  readonly commTotal = new Map<number, number>();
  constructor(
    private readonly opSummary: AtomicTextFile,
    private readonly taskTime: AtomicTextFile,
    private readonly startUs: number,
  ) {
    opSummary.push(
      'Device_id,Model ID,Task ID,Stream ID,Op Name,OP Type,OP State,Task Type,Task Start Time(us),Task Duration(us),Task Wait Time(us),Block Num,Mix Block Num,HF32 Eligible,Input Shapes,Input Data Types,Input Formats,Output Shapes,Output Data Types,Output Formats,Context ID,aicore_time(us),aic_total_cycles\n',
    );
    taskTime.push('Device_id,kernel_name,kernel_type,stream_id,task_id,task_time(us),task_start(us),task_stop(us)\n');
  }
  private abs(ns: number): string {
    return `${this.startUs + Math.floor(ns / 1000)}.${pad3(ns % 1000)}`;
  }
  task(device: number, t: Parameters<TaskSink['task']>[1]): void {
    const isKernel = t.core !== 'N/A';
    const shapes = isKernel ? '"""1,4096"""' : 'N/A';
    this.opSummary.push(
      `${device},4294967295,${t.taskId},${t.stream},${t.name},${t.opType},${isKernel ? 'static' : 'N/A'},${t.taskType},${this.abs(t.startNs)}\t,${fmtUs(t.durNs)},${fmtUs(t.waitNs)},${t.block},0,${isKernel ? 'NO' : 'N/A'},${shapes},${isKernel ? 'DT_BF16' : 'N/A'},${isKernel ? 'ND' : 'N/A'},${shapes},${isKernel ? 'DT_BF16' : 'N/A'},${isKernel ? 'ND' : 'N/A'},N/A,${isKernel ? fmtUs(Math.round(t.durNs * 0.93)) : 'N/A'},${isKernel ? Math.round(t.durNs * 1.8) : 'N/A'}\n`,
    );
    this.taskTime.push(`${device},${t.name},${t.taskType},${t.stream},${t.taskId},${fmtUs(t.durNs)},${this.abs(t.startNs)}\t,${this.abs(t.startNs + t.durNs)}\t\n`);
    if (isKernel) {
      addStat(this.opStat, `${device}\u0000${t.opType}\u0000${t.core}`, t.durNs);
      this.kernelTotal.set(device, (this.kernelTotal.get(device) ?? 0) + t.durNs);
    } else if (t.taskType === 'COMMUNICATION') {
      addStat(this.commStat, `${device}\u0000${t.opType}`, t.durNs);
      this.commTotal.set(device, (this.commTotal.get(device) ?? 0) + t.durNs);
    }
  }
  api(device: number, name: string, durNs: number): void {
    addStat(this.apiStat, `${device}\u0000${name}`, durNs);
  }
  async maybeFlush(): Promise<void> {
    await this.opSummary.maybeFlush();
    await this.taskTime.maybeFlush();
  }
}

const statRows = (m: Map<string, Stat>, totals: Map<number, number> | undefined, row: (keys: string[], s: Stat, ratio: string) => string): string =>
  [...m.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .sort((a, b) => Number(a[0].split('\u0000')[0]) - Number(b[0].split('\u0000')[0]) || b[1].total - a[1].total)
    .map(([key, s]) => {
      const keys = key.split('\u0000');
      const total = totals?.get(Number(keys[0])) ?? 0;
      return row(keys, s, total ? ((100 * s.total) / total).toFixed(3) : '0.000');
    })
    .join('');

/**
 * Writes runRoot/PROF_<id>_<stamp>/mindstudio_profiler_output/ with msprof_<stamp>.json and the
 * op_statistic, op_summary, task_time, communication_statistic and api_statistic CSVs of the same events.
 */
export async function writeSyntheticProfTree(
  runRoot: string,
  o: SyntheticTraceOptions & { stamp: string },
): Promise<{ profDir: string; traceFile: string; events: number }> {
  const id = String(100000 + (Math.abs(Math.floor(o.seed)) % 900000));
  const profDir = path.join(runRoot, `PROF_${id}_${o.stamp}`);
  const outDir = path.join(profDir, 'mindstudio_profiler_output');
  await mkdir(outDir, { recursive: true });
  const f = (base: string, ext: string): string => path.join(outDir, `${base}_${o.stamp}.${ext}`);
  const startUs = Math.floor(o.startUs ?? DEFAULTS.startUs);
  const opSummary = await AtomicTextFile.create(f('op_summary', 'csv'));
  const taskTime = await AtomicTextFile.create(f('task_time', 'csv'));
  const sink = new ProfCsvSink(opSummary, taskTime, startUs);
  const traceFile = f('msprof', 'json');
  let events: number;
  try {
    ({ events } = await writeTraceWithSink(traceFile, o, sink));
    await opSummary.close();
    await taskTime.close();
  } catch (e) {
    await opSummary.abort();
    await taskTime.abort();
    throw e;
  }
  const small = async (base: string, text: string): Promise<void> => {
    const w = await AtomicTextFile.create(f(base, 'csv'));
    w.push(text);
    await w.close();
  };
  const stats = (s: Stat): string => `${s.count},${fmtUs(s.total)},${fmtUs(s.min)},${fmtUs(s.total / s.count)},${fmtUs(s.max)}`;
  await small(
    'op_statistic',
    'Device_id,OP Type,Core Type,Count,Total Time(us),Min Time(us),Avg Time(us),Max Time(us),Ratio(%)\n' +
      statRows(sink.opStat, sink.kernelTotal, ([dev, op, core], s, ratio) => `${dev},${op},${core},${stats(s)},${ratio}\n`),
  );
  await small(
    'communication_statistic',
    'Device_id,OP Type,Count,Total Time(us),Min Time(us),Avg Time(us),Max Time(us),Ratio(%)\n' +
      statRows(sink.commStat, sink.commTotal, ([dev, op], s, ratio) => `${dev},${op},${stats(s)},${ratio}\n`),
  );
  await small(
    'api_statistic',
    'Device_id,Level,API Name,Time(us),Count,Avg(us),Min(us),Max(us),Variance\n' +
      statRows(sink.apiStat, undefined, ([dev, api], s) => {
        const mean = s.total / s.count;
        const variance = Math.max(0, s.sumSq / s.count - mean * mean) / 1e6;
        return `${dev},acl,${api},${fmtUs(s.total)},${s.count},${fmtUs(mean)},${fmtUs(s.min)},${fmtUs(s.max)},${variance.toFixed(3)}\n`;
      }),
  );
  return { profDir, traceFile, events };
}
