// xllm_gate_verdict: the precheck gate of a run's env/ snapshots (`xwf gate --json`).
import { z } from 'zod';
import { GateFolderError, readGateFolder, resolveEnvDir } from '../gate/gateFolder';
import { computeGateVerdict } from '../gate/gateVerdict';
import { gateVerdictSchema } from '../gate/gateVerdictSchema';
import { AgentToolError, defineTool, resolveInputPath } from './agentTool';

export const gateVerdictInput = z.strictObject({
  target: z.string().min(1).describe('A run root holding env/, or the env/ folder itself.'),
  devices: z.array(z.number().int().min(0).max(999_999)).min(1).optional().describe('Target device ids (default: the npu-usages.before.npu<N> files, else every device).'),
  hbm_busy_percent: z.number().min(0).max(100).optional().describe('Percent of HBM used before the service starts that fails a card (default 10).'),
  idle_aicore_percent: z.number().min(0).max(100).optional().describe('Idle AICore percent above which a card is busy (default 5).'),
  load_delta: z.number().min(0).optional().describe('Change of the 1-minute load that counts as moved (default 8, or half the load before).'),
  swap_delta_mib: z.number().min(0).optional().describe('Change of swap used, in MiB, that counts as moved (default 256).'),
});

const opt = (flag: string, v: number | undefined) => (v === undefined ? [] : [flag, String(v)]);

export const gateVerdictTool = defineTool({
  name: 'xllm_gate_verdict',
  title: 'Precheck gate verdict',
  titleZh: '环境门禁判定',
  description:
    "Evaluate a run's env/ snapshots (npu-smi info and usages, processes, free -h, uptime, idle samples) into the precheck gate verdict: pass, fail or incomplete, with reasons per device. Use it before trusting a benchmark: a failed or incomplete gate makes the result debug/smoke only.",
  inputSchema: gateVerdictInput,
  outputSchema: gateVerdictSchema,
  remote: false,
  readOnly: true,
  cli: {
    command: 'gate',
    args: (i) => [
      i.target,
      ...(i.devices ? ['--devices', i.devices.join(',')] : []),
      ...opt('--hbm-busy', i.hbm_busy_percent),
      ...opt('--idle-aicore', i.idle_aicore_percent),
      ...opt('--load-delta', i.load_delta),
      ...opt('--swap-delta', i.swap_delta_mib),
    ],
  },
  summarize: (o, locale) =>
    locale === 'zh-cn'
      ? `门禁：${{ pass: '通过', fail: '未通过', incomplete: '证据不全' }[o.verdict]}（${o.reasons.length} 条原因）`
      : `gate: ${o.verdict} (${o.reasons.length} reason(s))`,
  async run(input, ctx) {
    try {
      const envDir = await resolveEnvDir(resolveInputPath(ctx, input.target));
      return computeGateVerdict(await readGateFolder(envDir), {
        devices: input.devices,
        thresholds: {
          hbmBusyFraction: input.hbm_busy_percent === undefined ? undefined : input.hbm_busy_percent / 100,
          aicoreBusyPercent: input.idle_aicore_percent,
          idleAicorePercent: input.idle_aicore_percent,
          loadDeltaAbs: input.load_delta,
          swapDeltaMiB: input.swap_delta_mib,
        },
      });
    } catch (e) {
      if (e instanceof GateFolderError) throw new AgentToolError('environment', e.message);
      throw e;
    }
  },
});
