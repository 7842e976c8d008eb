// The precheck snapshots of formats.md section 5 as data: what to run, when, and which env/ file receives it,
// so the remote runner executes exactly these and the gate reads exactly these names.

export type SnapshotPhase = 'before' | 'after-service' | 'after';

export interface SnapshotCommand {
  readonly id: string;
  readonly phase: SnapshotPhase;
  /** Shell command line; `{npu}` stands for one target NPU id (the `-i` of npu-smi). */
  readonly command: string;
  /** File name under env/; `{npu}` likewise. */
  readonly file: string;
  /** Run once per target NPU. */
  readonly perNpu: boolean;
  /** Append to the file (sampling rounds) instead of replacing it. */
  readonly append: boolean;
  /** Missing -> the gate is incomplete; optional snapshots are checked only when present. */
  readonly required: boolean;
  /** Sampling rounds: a `date -Is` line, then the command per NPU, then a pause. */
  readonly rounds?: { readonly count: number; readonly intervalSeconds: number };
  readonly purpose: { readonly en: string; readonly zh: string };
}

/** The process names the workflow watches on a serving host. */
export const PROCESS_PATTERN = 'xllm|vllm|sglang|python|evalscope|msprof';
const PGREP = `pgrep -af '${PROCESS_PATTERN}' || true`;
const USAGES = 'npu-smi info -t usages -i {npu}';

export const SNAPSHOT_COMMANDS: readonly SnapshotCommand[] = [
  { id: 'precheck-time', phase: 'before', command: 'date -Is', file: 'precheck.time', perNpu: false, append: false, required: true, purpose: { en: 'when the precheck started', zh: '预检开始时间' } },
  { id: 'npu-smi.before', phase: 'before', command: 'npu-smi info', file: 'npu-smi.before.txt', perNpu: false, append: false, required: true, purpose: { en: 'health, HBM, AICore and NPU processes before the service starts', zh: '启动服务前的健康状态、HBM、AICore 和 NPU 进程' } },
  { id: 'npu-usages.before', phase: 'before', command: USAGES, file: 'npu-usages.before.npu{npu}.txt', perNpu: true, append: false, required: true, purpose: { en: 'usage rates of each target card before the service starts', zh: '启动服务前每张目标卡的使用率' } },
  { id: 'process.before', phase: 'before', command: PGREP, file: 'process.before.txt', perNpu: false, append: false, required: true, purpose: { en: 'processes ps can see, to tell stale NPU contexts', zh: 'ps 可见的进程，用于识别残留 NPU context' } },
  { id: 'mem.before', phase: 'before', command: 'free -h', file: 'mem.before.txt', perNpu: false, append: false, required: true, purpose: { en: 'memory and swap before the run', zh: '运行前的内存与 swap' } },
  { id: 'load.before', phase: 'before', command: 'uptime', file: 'load.before.txt', perNpu: false, append: false, required: true, purpose: { en: 'load average before the run', zh: '运行前的系统负载' } },
  { id: 'device-nodes.before', phase: 'before', command: 'ls -l /dev/davinci* /dev/davinci_manager /dev/devmm_svm /dev/hisi_hdc 2>&1 || true', file: 'device-nodes.before.txt', perNpu: false, append: false, required: false, purpose: { en: 'required NPU device nodes', zh: '必需的 NPU 设备节点' } },
  {
    id: 'torch-npu-import.before',
    phase: 'before',
    command: `timeout 120 python3 -c 'import torch, torch_npu; print("torch", torch.__version__, "torch_npu", torch_npu.__version__)' 2>&1; echo "exit=$?"`,
    file: 'torch-npu-import.before.txt',
    perNpu: false,
    append: false,
    required: false,
    purpose: { en: 'import torch, torch_npu must not fail or hang', zh: 'import torch, torch_npu 不能失败或卡住' },
  },
  { id: 'idle-usages.after-service', phase: 'after-service', command: USAGES, file: 'idle-usages.after-service.txt', perNpu: true, append: true, required: true, rounds: { count: 3, intervalSeconds: 10 }, purpose: { en: 'three idle samples 10 s apart once the service is up', zh: '服务启动后间隔 10 秒的三次空闲采样' } },
  { id: 'process.after-service', phase: 'after-service', command: PGREP, file: 'process.after-service.txt', perNpu: false, append: false, required: true, purpose: { en: 'processes once the service is up', zh: '服务启动后的进程' } },
  { id: 'npu-smi.after', phase: 'after', command: 'npu-smi info', file: 'npu-smi.after.txt', perNpu: false, append: false, required: true, purpose: { en: 'health and NPU processes after the workload', zh: '压测后的健康状态和 NPU 进程' } },
  { id: 'npu-usages.after', phase: 'after', command: USAGES, file: 'npu-usages.after.npu{npu}.txt', perNpu: true, append: false, required: false, purpose: { en: 'usage rates of each target card after the workload', zh: '压测后每张目标卡的使用率' } },
  { id: 'process.after', phase: 'after', command: PGREP, file: 'process.after.txt', perNpu: false, append: false, required: true, purpose: { en: 'processes after the workload', zh: '压测后的进程' } },
  { id: 'mem.after', phase: 'after', command: 'free -h', file: 'mem.after.txt', perNpu: false, append: false, required: true, purpose: { en: 'memory and swap after the run', zh: '运行后的内存与 swap' } },
  { id: 'load.after', phase: 'after', command: 'uptime', file: 'load.after.txt', perNpu: false, append: false, required: true, purpose: { en: 'load average after the run', zh: '运行后的系统负载' } },
];

/** A per-NPU file name pattern, e.g. `npu-usages.before.npu3.txt` -> 3. */
export const NPU_FILE = /^npu-usages\.(before|after)\.npu(\d+)\.txt$/;

export function snapshotCommand(id: string): SnapshotCommand {
  const c = SNAPSHOT_COMMANDS.find((s) => s.id === id);
  if (!c) throw new Error(`unknown snapshot ${id}`);
  return c;
}

/** Every env/ file name the gate may read for these target NPUs, required ones first. */
export function snapshotFiles(npuIds: readonly number[], which: 'required' | 'all' = 'all'): string[] {
  const out: string[] = [];
  for (const c of SNAPSHOT_COMMANDS) {
    if (which === 'required' && !c.required) continue;
    if (c.perNpu && c.file.includes('{npu}')) for (const n of npuIds) out.push(c.file.replace('{npu}', String(n)));
    else out.push(c.file);
  }
  return out;
}

/** One concrete action of a phase, in order. */
export interface SnapshotStep {
  readonly id: string;
  readonly command: string;
  readonly file: string;
  readonly append: boolean;
  /** Pause after this step (between sampling rounds). */
  readonly sleepSecondsAfter: number;
}

export interface SnapshotStepOptions {
  /** Include the snapshots the gate does not require (device nodes, torch_npu import probe); default true. */
  readonly optional?: boolean;
}

/** The concrete steps of one phase for these NPU ids; the runner executes them in order, stdout into env/<file>. */
export function snapshotSteps(phase: SnapshotPhase, npuIds: readonly number[], options: SnapshotStepOptions = {}): SnapshotStep[] {
  for (const n of npuIds) if (!Number.isInteger(n) || n < 0) throw new RangeError(`NPU id must be a non-negative integer: ${n}`);
  const steps: SnapshotStep[] = [];
  for (const c of SNAPSHOT_COMMANDS.filter((s) => s.phase === phase && (s.required || options.optional !== false))) {
    const perNpu = (n: number) => ({ command: c.command.replaceAll('{npu}', String(n)), file: c.file.replaceAll('{npu}', String(n)) });
    if (c.rounds) {
      for (let r = 0; r < c.rounds.count; r++) {
        steps.push({ id: `${c.id}#${r + 1}.time`, command: 'date -Is', file: c.file, append: true, sleepSecondsAfter: 0 });
        npuIds.forEach((n, i) => {
          const last = i === npuIds.length - 1 && r < c.rounds!.count - 1;
          steps.push({ id: `${c.id}#${r + 1}.npu${n}`, ...perNpu(n), append: true, sleepSecondsAfter: last ? c.rounds!.intervalSeconds : 0 });
        });
      }
    } else if (c.perNpu) {
      for (const n of npuIds) steps.push({ id: `${c.id}.npu${n}`, ...perNpu(n), append: c.append, sleepSecondsAfter: 0 });
    } else {
      steps.push({ id: c.id, command: c.command, file: c.file, append: c.append, sleepSecondsAfter: 0 });
    }
  }
  return steps;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A bash script that runs one phase into `envDir` (created if needed); each step's failure is recorded, not fatal. */
export function snapshotScript(phase: SnapshotPhase, npuIds: readonly number[], envDir: string, options: SnapshotStepOptions = {}): string {
  const lines = ['#!/usr/bin/env bash', `# precheck snapshots, phase ${phase}`, 'set -u', `ENV_DIR=${shellQuote(envDir)}`, 'mkdir -p "$ENV_DIR"'];
  for (const s of snapshotSteps(phase, npuIds, options)) {
    lines.push(`{ ${s.command} ; } ${s.append ? '>>' : '>'} "$ENV_DIR"/${shellQuote(s.file)}`);
    if (s.sleepSecondsAfter) lines.push(`sleep ${s.sleepSecondsAfter}`);
  }
  return lines.join('\n') + '\n';
}
