// The local record of a remote run, so status, cancel, reattach and fetch find it from another process.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomicWrite';

export const remoteRunStateSchema = z.object({
  version: z.literal(1),
  runId: z.string(),
  kind: z.enum(['perf', 'accuracy', 'profiling']),
  hostName: z.string(),
  /** Manifest the run was started from, relative to the workspace when inside it. */
  manifestPath: z.string(),
  level: z.enum(['smoke', 'quick', 'full']),
  devices: z.array(z.number().int()),
  startedAt: z.string(),
  status: z.enum(['running', 'detached', 'completed', 'gate_failed', 'failed', 'cancelled']),
  gateDone: z.boolean(),
  gate: z.object({ verdict: z.string(), reasons: z.array(z.string()) }).nullable(),
  serviceReady: z.boolean(),
  serviceOurs: z.boolean(),
  serviceReused: z.boolean(),
  healthcheckResult: z.string().nullable(),
  servicePid: z.number().int().nullable(),
  workloadStarted: z.boolean(),
  workloadPid: z.number().int().nullable(),
  /** Bytes of the workload log already streamed. */
  streamOffset: z.number().int().nonnegative(),
  startupCommand: z.string().nullable(),
  workloadCommand: z.string().nullable(),
  /** Log the workload's lines and progress are streamed from, relative to the run folder. */
  streamLog: z.string().nullable().default(null),
  remoteHostname: z.string().nullable(),
  versions: z.record(z.string(), z.string()),
  reason: z.string().nullable(),
});
export type RemoteRunState = z.infer<typeof remoteRunStateSchema>;

/** `<workspace>/.xwf/remote-runs/<run_id>.json`: outside the run root, since it names the host. */
export function runStatePath(workspaceDir: string, runId: string): string {
  return path.join(workspaceDir, '.xwf', 'remote-runs', `${runId}.json`);
}

export async function saveRunState(workspaceDir: string, state: RemoteRunState): Promise<void> {
  const file = runStatePath(workspaceDir, state.runId);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(state, null, 2) + '\n');
}

/** The saved state, or undefined when there is none; a damaged file is an error that says where. */
export async function loadRunState(workspaceDir: string, runId: string): Promise<RemoteRunState | undefined> {
  const file = runStatePath(workspaceDir, runId);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = remoteRunStateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file}: not a remote run state (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data;
}

/** Every saved run, newest first. */
export async function listRunStates(workspaceDir: string): Promise<RemoteRunState[]> {
  const dir = path.dirname(runStatePath(workspaceDir, 'x'));
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const out: RemoteRunState[] = [];
  for (const n of names.filter((n) => n.endsWith('.json'))) {
    const s = await loadRunState(workspaceDir, n.slice(0, -5)).catch(() => undefined);
    if (s) out.push(s);
  }
  return out.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
