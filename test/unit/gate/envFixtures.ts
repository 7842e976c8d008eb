// Builders of env/ snapshot texts in the shapes real hosts print, for gate tests that need many variants.

export interface ChipSpec {
  npu: number;
  health?: string;
  hbmUsed?: number;
  hbmTotal?: number;
  aicore?: number;
}
export interface ProcSpec {
  npu: number;
  chip?: number;
  pid: number;
  name?: string;
  memoryMb?: number;
}

const row = (a: string, b: string, c: string) => `| ${a.padEnd(26)}| ${b.padEnd(14)}| ${c.padEnd(51)}|`;
const pair = (u: number, t: number) => `${String(u).padEnd(5)}/ ${t}`;
const EQ = '+===========================+===============+====================================================+';
const DASH = '+---------------------------+---------------+----------------------------------------------------+';

/** An A2 (910B, one chip per NPU) `npu-smi info` table. */
export function a2Info(chips: readonly ChipSpec[], procs: readonly ProcSpec[] = []): string {
  const out = [
    '+------------------------------------------------------------------------------------------------+',
    '| npu-smi 23.0.2.1                 Version: 23.0.2.1                                             |',
    DASH,
    row('NPU   Name', 'Health', 'Power(W)    Temp(C)           Hugepages-Usage(page)'),
    row('Chip', 'Bus-Id', 'AICore(%)   Memory-Usage(MB)  HBM-Usage(MB)'),
    EQ,
  ];
  for (const c of chips) {
    out.push(row(`${String(c.npu).padEnd(6)}910B2`, c.health ?? 'OK', `${'90.1'.padEnd(12)}${'45'.padEnd(18)}${pair(0, 0)}`));
    out.push(row('0', `0000:${(0x10 + c.npu).toString(16).toUpperCase()}:00.0`, `${String(c.aicore ?? 0).padEnd(12)}${pair(0, 0).padEnd(18)}${pair(c.hbmUsed ?? 3100, c.hbmTotal ?? 65536)}`));
    out.push(EQ);
  }
  out.push(DASH, '| NPU     Chip              | Process id    | Process name             | Process memory(MB)      |', EQ);
  for (const c of chips) {
    const mine = procs.filter((p) => p.npu === c.npu);
    if (!mine.length) out.push(`| ${`No running processes found in NPU ${c.npu}`.padEnd(94)} |`);
    for (const p of mine) out.push(`| ${`${String(p.npu).padEnd(8)}${p.chip ?? 0}`.padEnd(26)}| ${String(p.pid).padEnd(14)}| ${(p.name ?? 'python').padEnd(25)}| ${String(p.memoryMb ?? 1000).padEnd(24)}|`);
    out.push(EQ);
  }
  return out.join('\n') + '\n';
}

/** `npu-smi info -t usages -i <npu>` for a one-chip NPU. */
export function usages(npu: number, opts: { hbmRate?: number; aicore?: number; chips?: number } = {}): string {
  const kv = (k: string, v: string | number) => `        ${k.padEnd(31)}: ${v}`;
  const out = [kv('NPU ID', npu), kv('Chip Count', opts.chips ?? 1), ''];
  for (let c = 0; c < (opts.chips ?? 1); c++) {
    out.push(kv('DDR Capacity(MB)', 0), kv('DDR Usage Rate(%)', 0), kv('HBM Capacity(MB)', 65536), kv('HBM Usage Rate(%)', opts.hbmRate ?? 5));
    out.push(kv('Aicore Usage Rate(%)', opts.aicore ?? 0), kv('Aivector Usage Rate(%)', 0), kv('Chip ID', c), '');
  }
  return out.join('\n');
}

/** Three idle rounds (`date -Is` then usages per NPU); `aicore(npu, round)` picks each sample. */
export function idleRounds(npus: readonly number[], aicore: (npu: number, round: number) => number = () => 0, chips = 1): string {
  const parts: string[] = [];
  for (let r = 0; r < 3; r++) {
    parts.push(`2026-05-28T10:1${r}:00+08:00`);
    for (const n of npus) parts.push(usages(n, { aicore: aicore(n, r), chips }));
  }
  return parts.join('\n') + '\n';
}

export function freeH(swapUsed = '0B'): string {
  return [
    '               total        used        free      shared  buff/cache   available',
    'Mem:           1.5Ti        96Gi       1.3Ti       1.2Gi        98Gi       1.4Ti',
    `Swap:          8.0Gi  ${swapUsed.padStart(10)}       8.0Gi`,
    '',
  ].join('\n');
}

export function uptimeLine(load1: number): string {
  return ` 10:11:12 up 12 days,  3:04,  2 users,  load average: ${load1.toFixed(2)}, 1.10, 0.98\n`;
}

/** A complete, clean env/ folder for NPUs `npus` of an A2 host with 8 cards. */
export function cleanEnv(npus: readonly number[] = [0, 1, 2, 3]): Record<string, string> {
  const all = [0, 1, 2, 3, 4, 5, 6, 7].map((npu) => ({ npu }));
  const files: Record<string, string> = {
    'precheck.time': '2026-05-28T10:11:12+08:00\n',
    'npu-smi.before.txt': a2Info(all),
    'npu-smi.after.txt': a2Info(all.map((c) => (npus.includes(c.npu) ? { ...c, hbmUsed: 52000 } : c)), npus.map((n) => ({ npu: n, pid: 5001 + n, name: 'xllm', memoryMb: 48000 }))),
    'idle-usages.after-service.txt': idleRounds(npus),
    'process.before.txt': '812 /usr/bin/python3 /opt/monitor/agent.py\n',
    'process.after-service.txt': `5000 /opt/xllm/bin/xllm --model /models/qwen --devices=npu:${npus.join(',')}\n`,
    'process.after.txt': `5000 /opt/xllm/bin/xllm --model /models/qwen --devices=npu:${npus.join(',')}\n`,
    'mem.before.txt': freeH(),
    'mem.after.txt': freeH(),
    'load.before.txt': uptimeLine(1.23),
    'load.after.txt': uptimeLine(2.5),
  };
  for (const n of npus) files[`npu-usages.before.npu${n}.txt`] = usages(n);
  return files;
}
