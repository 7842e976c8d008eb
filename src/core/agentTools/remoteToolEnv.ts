// What remote tools need from the face that runs them: the configured hosts and how to reach them. The CLI and
// the MCP server read a hosts file (--hosts-file or XWF_HOSTS_FILE); VS Code reads the xllm.remote.hosts setting.
import { promises as fs } from 'node:fs';
import type { AskpassHook } from '../remote/askpassBridge';
import { parseRemoteHosts, type HostProblem, type RemoteHost } from '../remote/remoteHost';

export interface ConfiguredHosts {
  readonly hosts: RemoteHost[];
  readonly problems: HostProblem[];
  /** Where they came from (a file path or the setting name), for messages. */
  readonly source: string;
}

export interface RemoteToolEnv {
  hosts(): Promise<ConfiguredHosts>;
  readonly sshConfigFile?: string;
  /** Answers ssh's password or passphrase prompts for a host (VS Code asks the user); none in the CLI and MCP (BatchMode). */
  readonly askpass?: (host: RemoteHost) => AskpassHook;
}

/** A hosts file: a JSON list of host entries, or a settings.json holding `xllm.remote.hosts` (as `xwf remote` reads it). */
export async function readHostsFile(file: string): Promise<ConfiguredHosts> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: cannot read the hosts file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && 'xllm.remote.hosts' in value) value = (value as Record<string, unknown>)['xllm.remote.hosts'];
  return { ...parseRemoteHosts(value), source: file };
}
