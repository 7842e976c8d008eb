// One entry of the `xllm.remote.hosts` setting (or a --hosts-file): where and how to reach an NPU machine.
import { z } from 'zod';
import { isShellName } from './shellQuote';

// A target is `[user@]host` or an ssh_config alias; a leading '-' would be read by ssh as an option.
const SSH_TARGET = /^[A-Za-z0-9_.%+\-[\]:]+(@[A-Za-z0-9_.%+\-[\]:]+)?$/;
const CONTAINER = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const remoteHostSchema = z
  .strictObject({
    name: z.string().min(1).regex(/^[^\s/\\]+$/, 'a host name has no spaces or slashes').describe('Name shown in the Remote Hosts view and used by --host.'),
    sshTarget: z
      .string()
      .regex(SSH_TARGET, 'expected [user@]host or a ~/.ssh/config alias')
      .refine((t) => !t.startsWith('-'), 'cannot start with "-"')
      .describe('[user@]host or a Host alias of ~/.ssh/config.'),
    port: z.number().int().min(1).max(65535).optional().describe('SSH port; default from ssh_config or 22.'),
    identityFile: z.string().min(1).optional().describe('Private key file (the key itself is never read or stored by the extension).'),
    container: z.string().regex(CONTAINER, 'not a valid container name').optional().describe('Run every remote step inside this container through `docker exec`.'),
    workDir: z
      .string()
      .regex(/^(\/|~\/)/, 'expected an absolute path or one starting with ~/')
      .describe('Remote folder holding runs/ and the control files (inside the container when one is set).'),
    env: z
      .record(z.string().refine(isShellName, 'not a valid environment variable name'), z.string())
      .default({})
      .describe('Environment variables exported for every remote step.'),
    defaultDevices: z.array(z.number().int().min(0)).default([]).describe('NPU ids used when a manifest names none.'),
    lockDir: z.string().regex(/^\//, 'expected an absolute path').optional().describe('Host folder of the device lock files (default /tmp/xwf-npu-locks).'),
    connectTimeoutSeconds: z.number().int().min(1).max(600).optional().describe('How long to wait for the connection (default 15).'),
  })
  .describe('A remote NPU host for benchmark runs over SSH.');

export type RemoteHost = z.output<typeof remoteHostSchema>;
export type RemoteHostInput = z.input<typeof remoteHostSchema>;

export const remoteHostsSchema = z.array(remoteHostSchema).describe('Remote NPU hosts (xllm.remote.hosts).');

export const DEFAULT_LOCK_DIR = '/tmp/xwf-npu-locks';
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 15;

export interface HostProblem {
  /** Index of the entry in the list, and the field path inside it. */
  readonly index: number;
  readonly path: string;
  readonly message: string;
}

/** Reads a host list; bad entries are reported with where and what, the good ones kept. */
export function parseRemoteHosts(value: unknown): { hosts: RemoteHost[]; problems: HostProblem[] } {
  const hosts: RemoteHost[] = [];
  const problems: HostProblem[] = [];
  if (!Array.isArray(value)) {
    return { hosts, problems: [{ index: -1, path: '', message: `expected a list of hosts, found ${value === null ? 'null' : typeof value}` }] };
  }
  const names = new Set<string>();
  value.forEach((entry, index) => {
    const parsed = remoteHostSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ index, path: issue.path.join('.'), message: issue.message });
      return;
    }
    if (names.has(parsed.data.name)) {
      problems.push({ index, path: 'name', message: `duplicate host name '${parsed.data.name}'` });
      return;
    }
    names.add(parsed.data.name);
    hosts.push(parsed.data);
  });
  return { hosts, problems };
}
