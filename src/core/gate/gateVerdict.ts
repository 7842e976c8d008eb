// The precheck gate (formats.md section 5): from the env/ snapshot texts and the target devices to
// pass / fail / incomplete with reasons in English and Chinese. Pure: readGateFolder feeds it from disk.
import type { Locale } from '../i18n/locale';
import { parseDeviceNodes } from './deviceNodes';
import { gateMessage, type GateReasonCode } from './gateMessages';
import { resolveThresholds, type GateThresholds } from './gateThresholds';
import type { GateDevice, GateReason, GateVerdict } from './gateVerdictSchema';
import { MIB, parseFreeOutput, type MemorySnapshot } from './memorySnapshot';
import { parseUptime } from './loadSnapshot';
import { deviceMemory, isHealthy, parseNpuSmiInfo, processesOnChip, type NpuChip } from './npuSmiInfo';
import { parseNpuSmiUsages, type NpuUsages, type UsageRecord } from './npuSmiUsages';
import { parsePrecheckTime } from './precheckTime';
import { parseProcessList, visiblePids } from './processList';
import { NPU_FILE, snapshotFiles } from './snapshotCommands';
import type { SnapshotProblem } from './snapshotText';
import { parseTorchNpuImport } from './torchNpuImport';

export interface GateInput {
  /** env/ file name -> its text. */
  readonly files: Readonly<Record<string, string>>;
  /** env/ file name -> why it could not be read. */
  readonly unreadable?: Readonly<Record<string, string>>;
  readonly folder?: string | null;
}

export interface GateOptions {
  /** Target device ids (Phy-ID, or NPU id on one-chip boards); default: the npu-usages.before files, else every device. */
  readonly devices?: readonly number[];
  readonly thresholds?: Partial<GateThresholds>;
}

const F = {
  time: 'precheck.time',
  smiBefore: 'npu-smi.before.txt',
  smiAfter: 'npu-smi.after.txt',
  idle: 'idle-usages.after-service.txt',
  procBefore: 'process.before.txt',
  procAfterService: 'process.after-service.txt',
  procAfter: 'process.after.txt',
  memBefore: 'mem.before.txt',
  memAfter: 'mem.after.txt',
  loadBefore: 'load.before.txt',
  loadAfter: 'load.after.txt',
  nodes: 'device-nodes.before.txt',
  torch: 'torch-npu-import.before.txt',
} as const;
const usagesBeforeFile = (npu: number) => `npu-usages.before.npu${npu}.txt`;

interface Target {
  readonly device: number;
  readonly npu: number;
  readonly chip: NpuChip | null;
}

function pct(x: number): string {
  return (Math.round(x * 10) / 10).toFixed(1);
}
function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function computeGateVerdict(input: GateInput, options: GateOptions = {}): GateVerdict {
  const t = resolveThresholds(options.thresholds);
  const files = input.files;
  const unreadable = input.unreadable ?? {};
  const reasons: GateReason[] = [];
  const problems: GateVerdict['problems'] = [];
  /** Files whose absence or emptiness makes the checks that read them incomplete. */
  const unusable = new Set<string>();

  const add = (code: GateReasonCode, severity: GateReason['severity'], args: readonly unknown[], where: { device?: number; file?: string } = {}) => {
    const message = (locale: Locale) => gateMessage(locale, code, ...args);
    reasons.push({ code, severity, message_en: message('en'), message_zh: message('zh-cn'), ...where });
  };
  const note = (file: string, list: readonly SnapshotProblem[]) => {
    for (const p of list) problems.push({ file, line: p.line, message: p.message });
  };
  const text = (file: string): string | null => (Object.prototype.hasOwnProperty.call(files, file) ? files[file] : null);
  /** Parses a present file, or returns null; empty or unusable output is reported once. */
  const parsed = <T>(file: string, parse: (s: string) => T, usable: (v: T) => boolean, why: string): T | null => {
    const s = text(file);
    if (s === null) return null;
    const v = parse(s);
    if (!usable(v)) {
      unusable.add(file);
      add('snapshot_unparsed', 'incomplete', [file, s.trim() === '' ? 'empty' : why], { file });
    }
    return v;
  };

  const smiBefore = parsed(F.smiBefore, parseNpuSmiInfo, (v) => v.chips.length > 0, 'no NPU rows');
  const smiAfter = parsed(F.smiAfter, parseNpuSmiInfo, (v) => v.chips.length > 0, 'no NPU rows');
  if (smiBefore) note(F.smiBefore, smiBefore.problems);
  if (smiAfter) note(F.smiAfter, smiAfter.problems);

  // Targets: the option, else the cards the precheck sampled, else every card listed.
  const usagesNpus = Object.keys(files)
    .map((f) => NPU_FILE.exec(f))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === 'before')
    .map((m) => Number(m[2]))
    .sort((a, b) => a - b);
  const beforeChips = smiBefore?.chips ?? [];
  const targets: Target[] = [];
  let source: GateVerdict['targets']['source'] = 'none';
  if (options.devices && options.devices.length) {
    source = 'option';
    for (const d of [...new Set(options.devices)].sort((a, b) => a - b)) {
      const chip = beforeChips.find((c) => c.deviceId === d) ?? null;
      if (!chip && beforeChips.length) add('target_not_listed', 'fail', [d, F.smiBefore], { device: d, file: F.smiBefore });
      targets.push({ device: d, npu: chip?.npuId ?? d, chip });
    }
  } else if (usagesNpus.length) {
    source = 'usages-files';
    for (const n of usagesNpus) {
      const chips = beforeChips.filter((c) => c.npuId === n);
      if (chips.length) for (const chip of chips) targets.push({ device: chip.deviceId, npu: n, chip });
      else {
        if (beforeChips.length) add('target_not_listed', 'fail', [n, F.smiBefore], { device: n, file: F.smiBefore });
        targets.push({ device: n, npu: n, chip: null });
      }
    }
  } else if (beforeChips.length) {
    source = 'all-devices';
    for (const chip of beforeChips) targets.push({ device: chip.deviceId, npu: chip.npuId, chip });
  } else {
    add('no_targets', 'incomplete', []);
  }
  const npus = [...new Set(targets.map((x) => x.npu))].sort((a, b) => a - b);

  // Missing and unreadable snapshots.
  const missing: string[] = [];
  for (const f of snapshotFiles(npus, 'required')) {
    if (text(f) !== null) continue;
    unusable.add(f);
    if (f in unreadable) add('unreadable_snapshot', 'incomplete', [f, unreadable[f]], { file: f });
    else {
      missing.push(f);
      add('missing_snapshot', 'incomplete', [f], { file: f });
    }
  }
  for (const [f, why] of Object.entries(unreadable)) if (!missing.includes(f) && !reasons.some((r) => r.file === f)) add('unreadable_snapshot', 'incomplete', [f, why], { file: f });

  const procBefore = text(F.procBefore) === null ? null : parseProcessList(text(F.procBefore) as string);
  if (procBefore) note(F.procBefore, procBefore.problems);
  for (const f of [F.procAfterService, F.procAfter]) {
    const s = text(f);
    if (s !== null) note(f, parseProcessList(s).problems);
  }
  const seen = procBefore ? visiblePids(procBefore) : null;
  const idle = parsed(F.idle, parseNpuSmiUsages, (v) => v.records.length > 0, 'no usage records');
  if (idle) note(F.idle, idle.problems);
  const usagesBefore = new Map<number, NpuUsages>();
  for (const n of npus) {
    const u = parsed(usagesBeforeFile(n), parseNpuSmiUsages, (v) => v.records.length > 0, 'no usage records');
    if (u) {
      usagesBefore.set(n, u);
      note(usagesBeforeFile(n), u.problems);
    }
  }

  const devices: GateDevice[] = [];
  for (const target of targets) devices.push(checkDevice(target));

  /** Records of a target's chip; a per-NPU file's records belong to its NPU whatever their NPU ID line says. */
  function recordsFor(records: readonly UsageRecord[], target: Target, perNpuFile: boolean): UsageRecord[] {
    const chipId = target.chip?.chipId ?? null;
    return records.filter((r) => (perNpuFile || r.npuId === target.npu) && (chipId === null || r.chipId === chipId || r.chipId === null));
  }

  function checkDevice(target: Target): GateDevice {
    const { device, chip } = target;
    const at = { device };
    // Health before and after.
    if (chip && !isHealthy(chip.health)) add('health_not_ok', 'fail', [device, chip.health ?? '?', F.smiBefore], at);
    let healthAfter: string | null = null;
    // A target npu-smi.before did not list is reported once, there.
    if (smiAfter && smiAfter.chips.length && (chip || !beforeChips.length)) {
      const after = smiAfter.chips.find((c) => (chip ? c.npuId === chip.npuId && c.chipId === chip.chipId : c.deviceId === device));
      if (!after) add('target_not_listed', 'fail', [device, F.smiAfter], { device, file: F.smiAfter });
      else {
        healthAfter = after.health;
        if (!isHealthy(after.health)) add('health_not_ok', 'fail', [device, after.health ?? '?', F.smiAfter], at);
      }
    }
    // Memory already in use before the service starts: the npu-smi table first, the usages record second.
    const mem = chip ? deviceMemory(chip) : null;
    const fraction = mem ? mem.mb.used / mem.mb.total : null;
    const usage = usagesBefore.get(target.npu);
    const usageRecord = usage ? recordsFor(usage.records, target, true)[0] : undefined;
    if (mem && fraction !== null && fraction > t.hbmBusyFraction) {
      add('hbm_busy_before', 'fail', [device, mem.kind.toUpperCase(), mem.mb.used, mem.mb.total, pct(fraction * 100), pct(t.hbmBusyFraction * 100)], at);
    } else if (usageRecord) {
      const hbm = usageRecord.hbmUsagePercent;
      const rate = hbm ?? usageRecord.memoryUsagePercent;
      if (rate !== null && rate > t.hbmBusyFraction * 100) {
        add('hbm_rate_busy_before', 'fail', [device, hbm !== null ? 'HBM' : 'DDR', pct(rate), pct(t.hbmBusyFraction * 100), usagesBeforeFile(target.npu)], at);
      }
    }
    // AICore busy before the service starts.
    const aicoreBefore = chip?.aicorePercent ?? usageRecord?.aicorePercent ?? null;
    if (chip?.aicorePercent != null && chip.aicorePercent > t.aicoreBusyPercent) add('aicore_busy_before', 'fail', [device, chip.aicorePercent, t.aicoreBusyPercent, F.smiBefore], at);
    else if (usageRecord?.aicorePercent != null && usageRecord.aicorePercent > t.aicoreBusyPercent) {
      add('aicore_busy_before', 'fail', [device, usageRecord.aicorePercent, t.aicoreBusyPercent, usagesBeforeFile(target.npu)], at);
    }
    // Processes on the card before the service starts; those ps cannot see are stale contexts.
    const procs = chip && smiBefore ? processesOnChip(smiBefore, chip) : [];
    const processesBefore = procs.map((p) => {
      const visible = seen ? seen.has(p.pid) || (p.containerPid !== null && seen.has(p.containerPid)) : null;
      const args = [device, p.pid, p.name || '?', p.memoryMb ?? '?'];
      if (visible === false) add('stale_npu_context', 'fail', args, at);
      else add('npu_process_before', 'fail', args, at);
      return { pid: p.pid, name: p.name, memory_mb: p.memoryMb, container_pid: p.containerPid, visible_to_ps: visible };
    });
    // Idle AICore once the service is up.
    const idleValues: number[] = [];
    if (idle && idle.records.length) {
      for (const r of recordsFor(idle.records, target, false)) if (r.aicorePercent !== null) idleValues.push(r.aicorePercent);
      if (!idleValues.length) add('idle_samples_missing', 'incomplete', [device], { device, file: F.idle });
      else {
        const max = Math.max(...idleValues);
        if (max > t.idleAicorePercent) add('idle_aicore_busy', 'fail', [device, max, t.idleAicorePercent, idleValues.join(', ')], at);
      }
    }

    const inputs = [F.smiBefore, F.smiAfter, F.idle, F.procBefore, usagesBeforeFile(target.npu)];
    const mine = reasons.filter((r) => r.device === device);
    const verdict: GateDevice['verdict'] = mine.some((r) => r.severity === 'fail')
      ? 'fail'
      : mine.length || inputs.some((f) => unusable.has(f))
        ? 'incomplete'
        : 'pass';
    return {
      device,
      npu: chip?.npuId ?? (smiBefore && smiBefore.chips.length ? null : target.npu),
      chip: chip?.chipId ?? null,
      name: chip?.name ?? null,
      verdict,
      health_before: chip?.health ?? null,
      health_after: healthAfter,
      memory_kind: mem?.kind ?? null,
      memory_mb_before: mem ? { used: mem.mb.used, total: mem.mb.total } : null,
      memory_used_fraction_before: fraction === null ? null : Math.round(fraction * 10000) / 10000,
      aicore_percent_before: aicoreBefore,
      idle_aicore_percent: idleValues,
      processes_before: processesBefore,
    };
  }

  // Host: load and swap must not move during the run.
  const loadBefore = parsed(F.loadBefore, parseUptime, (v) => v.load1 !== null, 'no load average');
  const loadAfter = parsed(F.loadAfter, parseUptime, (v) => v.load1 !== null, 'no load average');
  if (loadBefore?.load1 != null && loadAfter?.load1 != null) {
    const limit = Math.max(t.loadDeltaAbs, t.loadDeltaRel * loadBefore.load1);
    if (Math.abs(loadAfter.load1 - loadBefore.load1) > limit) add('load_moved', 'fail', [loadBefore.load1, loadAfter.load1, round2(limit)]);
  }
  const memUsable = (v: MemorySnapshot) => v.mem !== null || v.swap !== null;
  const memBefore = parsed(F.memBefore, parseFreeOutput, memUsable, 'no Mem or Swap row');
  const memAfter = parsed(F.memAfter, parseFreeOutput, memUsable, 'no Mem or Swap row');
  if (memBefore) note(F.memBefore, memBefore.problems.filter((p) => p.line > 0));
  if (memAfter) note(F.memAfter, memAfter.problems.filter((p) => p.line > 0));
  const swapMiB = (m: MemorySnapshot | null) => (m?.swap?.bytes.used === undefined ? null : Math.round((m.swap.bytes.used / MIB) * 10) / 10);
  const swapBefore = swapMiB(memBefore);
  const swapAfter = swapMiB(memAfter);
  if (swapBefore !== null && swapAfter !== null && Math.abs(swapAfter - swapBefore) > t.swapDeltaMiB) add('swap_moved', 'fail', [swapBefore, swapAfter, t.swapDeltaMiB]);
  const time = parsed(F.time, parsePrecheckTime, (v) => v.text !== null, 'empty');
  if (time) note(F.time, time.problems.filter((p) => p.line > 0));

  // Optional probes, checked when the precheck captured them.
  const nodesText = text(F.nodes);
  if (nodesText !== null) {
    const nodes = parseDeviceNodes(nodesText);
    if (nodes.missing.length) add('device_nodes_missing', 'fail', [nodes.missing.join(', ')], { file: F.nodes });
  }
  const torchText = text(F.torch);
  if (torchText !== null) {
    const probe = parseTorchNpuImport(torchText);
    if (probe.hung) add('torch_npu_import_hung', 'fail', [], { file: F.torch });
    else if (probe.exitCode !== null && probe.exitCode !== 0) add('torch_npu_import_failed', 'fail', [probe.exitCode, probe.lastLine ?? ''], { file: F.torch });
    else if (probe.exitCode === null) problems.push({ file: F.torch, line: 0, message: 'no exit=<status> line' });
  }

  const verdict: GateVerdict['verdict'] = reasons.some((r) => r.severity === 'fail') ? 'fail' : reasons.length ? 'incomplete' : 'pass';
  return {
    verdict,
    folder: input.folder ?? null,
    targets: { devices: targets.map((x) => x.device), npus, source },
    reasons,
    devices,
    host: {
      precheck_time: time?.text ?? null,
      load1_before: loadBefore?.load1 ?? null,
      load1_after: loadAfter?.load1 ?? null,
      swap_used_mib_before: swapBefore,
      swap_used_mib_after: swapAfter,
    },
    thresholds: { ...t },
    files: { present: Object.keys(files).sort(), missing },
    problems,
  };
}

