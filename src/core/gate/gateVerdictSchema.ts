// The JSON shape of a gate verdict, shared by `xwf gate --json`, the extension and the schema files.
import { z } from 'zod';
import { GATE_REASON_CODES } from './gateMessages';

const usedTotal = z.object({ used: z.number(), total: z.number() });

export const gateReasonSchema = z.object({
  code: z.enum(GATE_REASON_CODES),
  severity: z.enum(['fail', 'incomplete']).describe('fail: debug/smoke only; incomplete: evidence missing.'),
  message_en: z.string(),
  message_zh: z.string(),
  device: z.number().int().optional().describe('Device id (Phy-ID, or NPU id on one-chip boards) the reason is about.'),
  file: z.string().optional().describe('env/ file the reason is about.'),
});

export const gateDeviceSchema = z.object({
  device: z.number().int(),
  npu: z.number().int().nullable(),
  chip: z.number().int().nullable(),
  name: z.string().nullable(),
  verdict: z.enum(['pass', 'fail', 'incomplete']),
  health_before: z.string().nullable(),
  health_after: z.string().nullable(),
  memory_kind: z.enum(['hbm', 'ddr']).nullable().describe('Which device memory the MB figures are: HBM, or DDR on boards without HBM.'),
  memory_mb_before: usedTotal.nullable(),
  memory_used_fraction_before: z.number().nullable(),
  aicore_percent_before: z.number().nullable(),
  idle_aicore_percent: z.array(z.number()).describe('AICore % of each idle sample once the service was up.'),
  processes_before: z.array(
    z.object({ pid: z.number().int(), name: z.string(), memory_mb: z.number().nullable(), container_pid: z.number().int().nullable(), visible_to_ps: z.boolean().nullable() }),
  ),
});

export const gateVerdictSchema = z.object({
  verdict: z.enum(['pass', 'fail', 'incomplete']),
  folder: z.string().nullable().describe('The env folder that was read, when read from disk.'),
  targets: z.object({
    devices: z.array(z.number().int()),
    npus: z.array(z.number().int()),
    source: z.enum(['option', 'usages-files', 'all-devices', 'none']).describe('Where the target devices came from.'),
  }),
  reasons: z.array(gateReasonSchema),
  devices: z.array(gateDeviceSchema),
  host: z.object({
    precheck_time: z.string().nullable(),
    load1_before: z.number().nullable(),
    load1_after: z.number().nullable(),
    swap_used_mib_before: z.number().nullable(),
    swap_used_mib_after: z.number().nullable(),
  }),
  thresholds: z.object({
    hbmBusyFraction: z.number(),
    aicoreBusyPercent: z.number(),
    idleAicorePercent: z.number(),
    loadDeltaAbs: z.number(),
    loadDeltaRel: z.number(),
    swapDeltaMiB: z.number(),
  }),
  files: z.object({ present: z.array(z.string()), missing: z.array(z.string()) }),
  problems: z.array(z.object({ file: z.string(), line: z.number().int(), message: z.string() })).describe('Lines the parsers could not read.'),
});

export type GateVerdict = z.infer<typeof gateVerdictSchema>;
export type GateReason = z.infer<typeof gateReasonSchema>;
export type GateDevice = z.infer<typeof gateDeviceSchema>;
