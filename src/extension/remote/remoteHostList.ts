// Every host the remote commands can use: the `xllm.remote.hosts` entries, then the ssh config aliases not named there.
import { remoteHostSchema, type HostProblem, type RemoteHost } from '../../core/remote/remoteHost';
import { listSshConfigHosts } from '../../core/remote/sshConfigHosts';
import { remoteSettings, sshConfigPath, type RemoteSettings } from './remoteSettings';

export interface HostEntry {
  readonly host: RemoteHost;
  readonly source: 'settings' | 'ssh-config';
  /** Where the ssh config declares it (ssh-config hosts only). */
  readonly configFile?: string;
  readonly configLine?: number;
}

export interface HostList {
  readonly entries: readonly HostEntry[];
  readonly problems: readonly HostProblem[];
  readonly settings: RemoteSettings;
}

export async function loadHostList(settings: RemoteSettings = remoteSettings()): Promise<HostList> {
  const entries: HostEntry[] = settings.hosts.map((host) => ({ host, source: 'settings' }));
  if (settings.includeSshConfigHosts) {
    const taken = new Set(settings.hosts.flatMap((h) => [h.name, h.sshTarget]));
    for (const c of await listSshConfigHosts(sshConfigPath(settings)).catch(() => [])) {
      if (taken.has(c.alias)) continue;
      taken.add(c.alias);
      // An alias that is not a valid host name or target (odd characters) is skipped, not an error of ours.
      const parsed = remoteHostSchema.safeParse({ name: c.alias, sshTarget: c.alias, workDir: settings.defaultWorkDir, connectTimeoutSeconds: settings.connectTimeoutSeconds });
      if (parsed.success) entries.push({ host: parsed.data, source: 'ssh-config', configFile: c.file, configLine: c.line });
    }
  }
  return { entries, problems: settings.problems, settings };
}

export function findHost(list: HostList, name: string): HostEntry | undefined {
  return list.entries.find((e) => e.host.name === name);
}
