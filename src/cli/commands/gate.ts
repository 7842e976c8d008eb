// `xwf gate <env folder or run root>`: the precheck gate verdict of a run's env/ snapshots.
import * as path from 'node:path';
import { GateFolderError, readGateFolder, resolveEnvDir } from '../../core/gate/gateFolder';
import type { GateThresholds } from '../../core/gate/gateThresholds';
import { computeGateVerdict } from '../../core/gate/gateVerdict';
import type { GateVerdict } from '../../core/gate/gateVerdictSchema';
import { EXIT, EnvironmentError, UsageError, writeJson, type CliCommand, type CliIO } from '../command';

function parseDevices(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!parts.length || parts.some((p) => !/^\d{1,6}$/.test(p))) throw new UsageError(`--devices expects comma-separated device ids like 0,1,2,3, got '${value}'`);
  return parts.map(Number);
}

function parseLimit(name: string, value: string | undefined, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > max) throw new UsageError(`--${name} expects a number from 0${max === Infinity ? '' : ` to ${max}`}, got '${value}'`);
  return n;
}

const LABEL = {
  en: { pass: 'PASS', fail: 'FAIL', incomplete: 'INCOMPLETE' },
  zh: { pass: '通过', fail: '未通过', incomplete: '证据不全' },
} as const;

function printVerdict(io: CliIO, v: GateVerdict): void {
  const zh = io.locale === 'zh-cn';
  const label = zh ? LABEL.zh : LABEL.en;
  const source = {
    option: zh ? '来自 --devices' : 'from --devices',
    'usages-files': zh ? '来自 npu-usages.before 文件' : 'from the npu-usages.before files',
    'all-devices': zh ? 'npu-smi 列出的全部设备' : 'every device npu-smi lists',
    none: zh ? '无' : 'none',
  }[v.targets.source];
  io.out(`${zh ? '门禁' : 'gate'}: ${label[v.verdict]}  ${v.folder ?? ''}\n`);
  io.out(`${zh ? '目标设备' : 'devices'}: ${v.targets.devices.join(', ') || '-'} (${source})\n`);
  for (const d of v.devices) {
    const mem = d.memory_mb_before ? `${d.memory_kind?.toUpperCase()} ${d.memory_mb_before.used}/${d.memory_mb_before.total} MB` : '';
    const idle = d.idle_aicore_percent.length ? `${zh ? '空闲 AICore' : 'idle AICore'} ${d.idle_aicore_percent.join('/')}%` : '';
    const where = d.npu === null ? '' : `NPU ${d.npu}${d.chip === null ? '' : ` ${zh ? '芯片' : 'chip'} ${d.chip}`}`;
    // CJK labels are two columns wide each.
    const width = zh ? 10 - label[d.verdict].length : 10;
    io.out(`  ${String(d.device).padStart(3)}  ${label[d.verdict].padEnd(width)} ${[where, d.name ?? '', d.health_before ?? '', mem, idle].filter(Boolean).join('  ')}\n`);
  }
  if (v.reasons.length) io.out(`${zh ? '原因' : 'reasons'}:\n`);
  for (const r of v.reasons) io.out(`  ${r.severity === 'fail' ? '✗' : '?'} [${r.code}] ${zh ? r.message_zh : r.message_en}\n`);
  if (v.problems.length) io.err(`${zh ? `${v.problems.length} 行无法解析（--json 查看）` : `${v.problems.length} line(s) could not be parsed (see --json)`}\n`);
}

export const gateCommand: CliCommand = {
  name: 'gate',
  summary: { en: 'Precheck gate of a run: are the target NPUs clean, healthy and idle (env/ snapshots)', zh: '运行前环境门禁：目标 NPU 是否干净、健康、空闲（env/ 快照）' },
  usage: 'gate <env folder or run root> [--devices 0,1] [--json] [--hbm-busy <percent>] [--idle-aicore <percent>] [--load-delta <n>] [--swap-delta <MiB>]',
  examples: ['xwf gate runs/perf/20260528_qwen_tp4', 'xwf gate runs/perf/20260528_qwen_tp4/env --devices 0,1,2,3', 'xwf gate runs/eval/e1 --json --hbm-busy 15'],
  options: {
    devices: { type: 'string' },
    json: { type: 'boolean' },
    'hbm-busy': { type: 'string' },
    'idle-aicore': { type: 'string' },
    'load-delta': { type: 'string' },
    'swap-delta': { type: 'string' },
  },
  optionHelp: {
    devices: 'target device ids (default: the npu-usages.before.npu<N> files, else every device)',
    json: 'print JSON (schema: schemas/cli-gate.schema.json)',
    'hbm-busy': 'percent of HBM used before the service starts that fails a card (default 10)',
    'idle-aicore': 'idle AICore percent above which a card is busy (default 5)',
    'load-delta': 'change of the 1-minute load that counts as moved (default 8, or half the load before)',
    'swap-delta': 'change of swap used, in MiB, that counts as moved (default 256)',
  },
  async run({ positionals, values, io }) {
    if (positionals.length !== 1) throw new UsageError('expected exactly one env folder or run root');
    const devices = typeof values.devices === 'string' ? parseDevices(values.devices) : undefined;
    const hbm = parseLimit('hbm-busy', values['hbm-busy'] as string | undefined, 100);
    const idle = parseLimit('idle-aicore', values['idle-aicore'] as string | undefined, 100);
    const thresholds: Partial<GateThresholds> = {
      hbmBusyFraction: hbm === undefined ? undefined : hbm / 100,
      aicoreBusyPercent: idle,
      idleAicorePercent: idle,
      loadDeltaAbs: parseLimit('load-delta', values['load-delta'] as string | undefined),
      swapDeltaMiB: parseLimit('swap-delta', values['swap-delta'] as string | undefined),
    };
    let verdict: GateVerdict;
    try {
      const envDir = await resolveEnvDir(path.resolve(io.cwd, positionals[0]));
      verdict = computeGateVerdict(await readGateFolder(envDir), { devices, thresholds });
    } catch (e) {
      if (e instanceof GateFolderError) throw new EnvironmentError(e.message);
      throw e;
    }
    if (values.json) writeJson(io, verdict);
    else printVerdict(io, verdict);
    return verdict.verdict === 'pass' ? EXIT.ok : EXIT.findings;
  },
};
