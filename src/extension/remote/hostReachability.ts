// One reachability check of a host: connect in BatchMode (never prompts), list missing tools and versions, disconnect.
import type { Locale } from '../../core/i18n/locale';
import { PERF_TOOLS, PROBE_HOST, parseHostProbe, type HostProbe } from '../../core/remote/hostProbe';
import { RemoteError } from '../../core/remote/remoteMessages';
import type { RemoteHost } from '../../core/remote/remoteHost';
import { resolveSshTarget } from '../../core/remote/sshResolve';
import { SshTransport } from '../../core/remote/sshTransport';

export type Reachability =
  | {
      readonly reachable: true;
      readonly checkedAt: string;
      readonly millis: number;
      readonly hostname: string | undefined;
      readonly missing: readonly string[];
      readonly versions: HostProbe['versions'];
      /** The host answered but the probe could not run where runs will (e.g. the container is not there). */
      readonly problem: string | undefined;
      /** What ssh really connects to (`ssh -G`): user@host:port. */
      readonly resolved: string | undefined;
    }
  | { readonly reachable: false; readonly checkedAt: string; readonly millis: number; readonly code: string; readonly message: string };

export interface ReachabilityOptions {
  readonly sshConfigFile?: string;
  readonly locale: Locale;
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
}

export async function checkReachability(host: RemoteHost, options: ReachabilityOptions): Promise<Reachability> {
  const t0 = Date.now();
  const checkedAt = new Date().toISOString();
  // No askpass: a probe never asks for a password; a host that needs one reports an authentication error.
  const transport = new SshTransport({ host, sshConfigFile: options.sshConfigFile, log: options.log, controlPersistSeconds: 5 });
  try {
    await transport.connect(options.signal);
    const r = await transport.exec(PROBE_HOST, { step: 'probe', vars: { TOOLS: [...PERF_TOOLS] }, signal: options.signal });
    const probe = parseHostProbe(r.stdout);
    let missing = [...probe.missing];
    const problem = r.exitCode !== 0 ? new RemoteError('remote_failed', ['probe', r.exitCode, r.stderr.trim()]).localized(options.locale) : undefined;
    if (host.container) {
      const outside = parseHostProbe((await transport.exec(PROBE_HOST, { step: 'probe host', vars: { TOOLS: ['docker'] }, inContainer: false, signal: options.signal })).stdout);
      missing = [...outside.missing.map((m) => `${m} (host)`), ...missing];
    }
    const millis = Date.now() - t0;
    const g = await resolveSshTarget(host, options.sshConfigFile).catch(() => undefined);
    const resolved = g ? `${g.user ? g.user + '@' : ''}${g.hostName}:${g.port}` : undefined;
    return { reachable: true, checkedAt, millis, hostname: probe.hostname, missing, versions: probe.versions, problem, resolved };
  } catch (e) {
    const message = e instanceof RemoteError ? e.localized(options.locale) : (e as Error).message;
    return { reachable: false, checkedAt, millis: Date.now() - t0, code: e instanceof RemoteError ? e.code : 'error', message };
  } finally {
    await transport.close().catch(() => undefined);
  }
}
