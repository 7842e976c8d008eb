// The JSON shapes `xwf remote ... --json` prints, one schema with the subcommand as discriminator.
import { z } from 'zod';
import type { RemoteRunOutcome, RemoteRunStatusReport } from './benchmarkEngine';
import type { RemoteHost } from './remoteHost';
import type { SshConfigHost } from './sshConfigHosts';

const jobSchema = z.object({ pid: z.number().int().nullable(), alive: z.boolean(), exitCode: z.number().int().nullable() });

export const remoteOutcomeSchema = z.object({
  runId: z.string(),
  status: z.enum(['completed', 'gate_failed', 'failed', 'cancelled', 'detached']),
  conclusion: z.enum(['pending', 'fail', 'inconclusive']).describe('conclusion_status written into the run manifest.'),
  reason: z.string().nullable(),
  runRoot: z.string().describe('Local run root the artifacts were fetched into.'),
  connections: z.number().int().describe('SSH connections opened (1 for a run that was not interrupted).'),
  gate: z.enum(['pass', 'fail', 'incomplete']).nullable(),
  headline: z
    .object({
      ttft_ms: z.number().nullable(),
      tpot_ms: z.number().nullable(),
      itl_ms: z.number().nullable(),
      output_tps: z.number().nullable(),
      request_throughput: z.number().nullable(),
      success: z.number().int().nullable(),
      total: z.number().int().nullable(),
    })
    .nullable(),
  refused: z.array(z.object({ path: z.string(), reason: z.string() })).describe('Archive entries not written because they would land outside the run root.'),
});

export const remoteCliReportSchema = z.discriminatedUnion('command', [
  z.object({
    command: z.literal('hosts'),
    hosts: z.array(
      z.object({
        name: z.string(),
        sshTarget: z.string(),
        port: z.number().int().nullable(),
        container: z.string().nullable(),
        workDir: z.string(),
        defaultDevices: z.array(z.number().int()),
      }),
    ),
    sshConfigHosts: z.array(z.object({ alias: z.string(), hostName: z.string().nullable(), user: z.string().nullable(), port: z.number().int().nullable() })),
    problems: z.array(z.object({ index: z.number().int(), path: z.string(), message: z.string() })),
  }),
  z.object({ command: z.enum(['run', 'reattach', 'cancel']), outcome: remoteOutcomeSchema }),
  z.object({
    command: z.literal('status'),
    runId: z.string(),
    host: z.string(),
    localStatus: z.string(),
    jobs: z.object({ service: jobSchema, workload: jobSchema, capture: jobSchema }),
    cancelled: z.string().nullable(),
    streamOffset: z.number().int(),
  }),
  z.object({ command: z.literal('fetch'), runId: z.string(), runRoot: z.string(), refused: z.array(z.object({ path: z.string(), reason: z.string() })) }),
]);
export type RemoteCliReport = z.infer<typeof remoteCliReportSchema>;

export function outcomeJson(o: RemoteRunOutcome): z.infer<typeof remoteOutcomeSchema> {
  const m = o.metrics;
  return {
    runId: o.runId,
    status: o.status,
    conclusion: o.conclusion,
    reason: o.reason,
    runRoot: o.runRoot,
    connections: o.connections,
    gate: o.gate?.verdict ?? null,
    headline: m
      ? { ttft_ms: m.ttft_ms, tpot_ms: m.tpot_ms, itl_ms: m.itl_ms, output_tps: m.output_tps, request_throughput: m.request_throughput, success: m.success, total: m.total }
      : null,
    refused: o.refused.map((r) => ({ path: r.path, reason: r.reason })),
  };
}

export function hostsJson(hosts: readonly RemoteHost[], sshHosts: readonly SshConfigHost[], problems: readonly { index: number; path: string; message: string }[]): RemoteCliReport {
  return {
    command: 'hosts',
    hosts: hosts.map((h) => ({ name: h.name, sshTarget: h.sshTarget, port: h.port ?? null, container: h.container ?? null, workDir: h.workDir, defaultDevices: [...h.defaultDevices] })),
    sshConfigHosts: sshHosts.map((h) => ({ alias: h.alias, hostName: h.hostName ?? null, user: h.user ?? null, port: h.port ?? null })),
    problems: [...problems],
  };
}

export function statusJson(s: RemoteRunStatusReport): RemoteCliReport {
  return { command: 'status', ...s, localStatus: s.localStatus, jobs: s.jobs };
}
