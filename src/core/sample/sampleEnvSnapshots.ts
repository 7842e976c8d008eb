// Text of the gate snapshots (npu-smi, ps, free, uptime) in the shapes the real tools print.

export interface NpuState {
  readonly id: number;
  readonly name: string;
  readonly health: string;
  readonly powerW: number;
  readonly tempC: number;
  readonly busId: string;
  readonly aicorePct: number;
  readonly hbmUsedMb: number;
  readonly hbmTotalMb: number;
  readonly processes: readonly { pid: number; name: string; memMb: number }[];
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);

/** `npu-smi info` as printed by the 23.x driver for Atlas 800T A2 boards. */
export function renderNpuSmiInfo(npus: readonly NpuState[]): string {
  const rule = '+---------------------------+---------------+----------------------------------------------------+';
  const thick = '+===========================+===============+====================================================+';
  const out = [
    '+------------------------------------------------------------------------------------------------+',
    '| npu-smi 23.0.2.1                 Version: 23.0.2.1                                             |',
    rule,
    '| NPU   Name                | Health        | Power(W)    Temp(C)           Hugepages-Usage(page)|',
    '| Chip                      | Bus-Id        | AICore(%)   Memory-Usage(MB)  HBM-Usage(MB)        |',
    thick,
  ];
  for (const n of npus) {
    out.push(`| ${pad(`${n.id}     ${n.name}`, 26)}| ${pad(n.health, 14)}| ${pad(n.powerW.toFixed(1), 12)}${pad(n.tempC, 18)}${pad('0    / 0', 21)}|`);
    out.push(`| ${pad('0', 26)}| ${pad(n.busId, 14)}| ${pad(n.aicorePct, 12)}${pad('0    / 0', 13)}${pad(`${n.hbmUsedMb}/ ${n.hbmTotalMb}`, 26)}|`);
    out.push(thick);
  }
  out.push(rule);
  out.push('| NPU     Chip              | Process id    | Process name             | Process memory(MB)      |');
  out.push(thick);
  for (const n of npus) {
    if (!n.processes.length) {
      out.push(`| ${pad(`No running processes found in NPU ${n.id}`, 95)}|`);
    } else {
      for (const p of n.processes) out.push(`| ${pad(`${n.id}       0`, 26)}| ${pad(p.pid, 14)}| ${pad(p.name, 25)}| ${pad(p.memMb, 24)}|`);
    }
    out.push(thick);
  }
  return out.join('\n') + '\n';
}

/** `npu-smi info -t usages -i <id>` for a one-chip NPU. */
export function renderNpuUsages(n: NpuState): string {
  const rate = Math.round((n.hbmUsedMb / n.hbmTotalMb) * 100);
  const rows: [string, string | number][] = [
    ['NPU ID', n.id],
    ['Chip Count', 1],
    ['', ''],
    ['DDR Capacity(MB)', 0],
    ['DDR Usage Rate(%)', 0],
    ['DDR Hugepages Total(page)', 0],
    ['DDR Hugepages Usage Rate(%)', 0],
    ['HBM Capacity(MB)', n.hbmTotalMb],
    ['HBM Usage Rate(%)', rate],
    ['Aicore Usage Rate(%)', n.aicorePct],
    ['Aivector Usage Rate(%)', 0],
    ['Aicpu Usage Rate(%)', 0],
    ['Ctrlcpu Usage Rate(%)', 1],
    ['DDR Bandwidth Usage Rate(%)', 0],
    ['HBM Bandwidth Usage Rate(%)', 0],
    ['Chip ID', 0],
  ];
  return rows.map(([k, v]) => (k ? `        ${pad(k, 31)}: ${v}` : '')).join('\n') + '\n';
}

export function renderProcessList(entries: readonly { pid: number; cmd: string }[]): string {
  return entries.map((e) => `${e.pid} ${e.cmd}`).join('\n') + (entries.length ? '\n' : '');
}

export function renderFree(usedGi: number, swapUsedMi: number): string {
  const total = 1510;
  return [
    '               total        used        free      shared  buff/cache   available',
    `Mem:           ${total}Gi       ${usedGi}Gi       ${total - usedGi - 40}Gi        20Mi        40Gi       ${total - usedGi}Gi`,
    `Swap:             0B          ${swapUsedMi}B          0B`,
  ].join('\n') + '\n';
}

export function renderUptime(time: string, load: readonly [number, number, number]): string {
  return ` ${time} up 41 days,  3:12,  2 users,  load average: ${load.map((l) => l.toFixed(2)).join(', ')}\n`;
}
