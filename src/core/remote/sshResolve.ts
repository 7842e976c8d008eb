// What ssh itself would use for a target (`ssh -G`): the real host name, user, port and identity files.
import { execa } from 'execa';
import type { RemoteHost } from './remoteHost';

export interface ResolvedSshTarget {
  readonly hostName: string;
  readonly user: string;
  readonly port: number;
  readonly identityFiles: readonly string[];
  /** Every option ssh printed, lower-case keys; repeated options keep all values. */
  readonly options: Readonly<Record<string, readonly string[]>>;
}

/** Parses `ssh -G` output: one `key value` per line. */
export function parseSshG(text: string): ResolvedSshTarget {
  const options: Record<string, string[]> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^(\S+)\s+(.*)$/.exec(line.trim());
    if (m) (options[m[1].toLowerCase()] ??= []).push(m[2]);
  }
  const first = (k: string) => options[k]?.[0] ?? '';
  return {
    hostName: first('hostname'),
    user: first('user'),
    port: Number(first('port')) || 22,
    identityFiles: options.identityfile ?? [],
    options,
  };
}

/** Resolves a host entry through the user's ssh configuration without connecting. */
export async function resolveSshTarget(host: Pick<RemoteHost, 'sshTarget' | 'port' | 'identityFile'>, sshConfigFile?: string): Promise<ResolvedSshTarget> {
  const args = [...(sshConfigFile ? ['-F', sshConfigFile] : []), '-G'];
  if (host.port) args.push('-p', String(host.port));
  if (host.identityFile) args.push('-i', host.identityFile);
  args.push('--', host.sshTarget);
  const r = await execa('ssh', args, { reject: false, stdin: 'ignore', timeout: 10_000 });
  if (r.exitCode !== 0) throw new Error(`ssh -G ${host.sshTarget} failed: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
  return parseSshG(r.stdout);
}
