// Typed getters over the `xllm.remote.*` settings, so no other file reads them by string.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_CONNECT_TIMEOUT_SECONDS, parseRemoteHosts, type HostProblem, type RemoteHost } from '../../core/remote/remoteHost';

export interface RemoteSettings {
  /** Hosts of `xllm.remote.hosts` that parsed; the others are in `problems`. */
  readonly hosts: readonly RemoteHost[];
  readonly problems: readonly HostProblem[];
  readonly connectTimeoutSeconds: number;
  /** `ssh -F` file, or undefined for ssh's own default (~/.ssh/config). */
  readonly sshConfigFile: string | undefined;
  /** List the Host aliases of the ssh config file as hosts too. */
  readonly includeSshConfigHosts: boolean;
  /** Remote work folder of hosts that come from the ssh config (they have no entry of their own). */
  readonly defaultWorkDir: string;
  readonly serviceReadyTimeoutSeconds: number;
  readonly stopServiceAtEnd: boolean;
}

function expandHome(p: string): string {
  return p === '~' ? os.homedir() : p.startsWith('~/') ? path.join(os.homedir(), p.slice(2)) : p;
}

export function remoteSettings(): RemoteSettings {
  const c = vscode.workspace.getConfiguration('xllm.remote');
  const { hosts, problems } = parseRemoteHosts(c.get<unknown>('hosts', []) ?? []);
  const timeout = c.get<number>('connectTimeoutSeconds', DEFAULT_CONNECT_TIMEOUT_SECONDS);
  const connectTimeoutSeconds = Number.isInteger(timeout) && timeout >= 1 && timeout <= 600 ? timeout : DEFAULT_CONNECT_TIMEOUT_SECONDS;
  const sshConfig = c.get<string>('sshConfigFile', '').trim();
  const ready = c.get<number>('serviceReadyTimeoutSeconds', 1800);
  return {
    // A host's own timeout wins; the setting is the default for the others.
    hosts: hosts.map((h) => ({ ...h, connectTimeoutSeconds: h.connectTimeoutSeconds ?? connectTimeoutSeconds })),
    problems,
    connectTimeoutSeconds,
    sshConfigFile: sshConfig ? expandHome(sshConfig) : undefined,
    includeSshConfigHosts: c.get<boolean>('includeSshConfigHosts', true),
    defaultWorkDir: c.get<string>('defaultWorkDir', '~/xllm-runs').trim() || '~/xllm-runs',
    serviceReadyTimeoutSeconds: Number.isFinite(ready) && ready > 0 ? ready : 1800,
    stopServiceAtEnd: c.get<boolean>('stopServiceAtEnd', true),
  };
}

/** The ssh config file the user edits: the configured one, else ~/.ssh/config. */
export function sshConfigPath(settings: RemoteSettings = remoteSettings()): string {
  return settings.sshConfigFile ?? path.join(os.homedir(), '.ssh', 'config');
}

export function affectsRemoteSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('xllm.remote');
}
