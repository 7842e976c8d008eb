// "Check Gate" on a host without a run: the precheck's before-snapshots taken remotely, judged locally by the core's gate.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readGateFolder } from '../../core/gate/gateFolder';
import { computeGateVerdict } from '../../core/gate/gateVerdict';
import type { GateVerdict } from '../../core/gate/gateVerdictSchema';
import { snapshotFiles, snapshotSteps } from '../../core/gate/snapshotCommands';
import type { Locale } from '../../core/i18n/locale';
import type { AskpassHook } from '../../core/remote/askpassBridge';
import { RemoteError } from '../../core/remote/remoteMessages';
import type { RemoteHost } from '../../core/remote/remoteHost';
import { extractRunArchive } from '../../core/remote/runArchive';
import { shellQuote } from '../../core/remote/shellQuote';
import { SshTransport } from '../../core/remote/sshTransport';

export interface GateCheckResult {
  readonly verdict: GateVerdict['verdict'];
  /** Localized reasons that decide the verdict before a service starts. */
  readonly reasons: readonly string[];
  readonly devices: readonly number[];
  readonly checkedAt: string;
  readonly full: GateVerdict;
}

export interface GateCheckOptions {
  readonly devices: readonly number[];
  readonly locale: Locale;
  readonly sshConfigFile?: string;
  readonly askpass?: AskpassHook;
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** The snapshot steps into a private temp folder on the host, then that folder as tar on stdout. */
export function gateCheckScript(devices: readonly number[]): string {
  const lines = [
    'D=$(mktemp -d "${TMPDIR:-/tmp}/xwf-gate.XXXXXX") || exit 4',
    `trap 'rm -rf "$D"' EXIT`,
    'ENV_DIR="$D/env"',
    'mkdir -p "$ENV_DIR"',
  ];
  // Every step writes into its file, never to stdout: stdout carries only the archive.
  for (const s of snapshotSteps('before', devices)) lines.push(`{ ${s.command} ; } ${s.append ? '>>' : '>'} "$ENV_DIR"/${shellQuote(s.file)} 2>&1 < /dev/null`);
  lines.push('tar -C "$D" -cf - env');
  return lines.join('\n') + '\n';
}

/** Decides the before-service verdict the way a run's gate phase does: after-files cannot be missing yet. */
export function beforeServiceVerdict(full: GateVerdict, devices: readonly number[], locale: Locale): Pick<GateCheckResult, 'verdict' | 'reasons'> {
  const beforeFiles = new Set(snapshotFiles(devices).filter((f) => !/after|idle/.test(f)));
  const blocking = full.reasons.filter((r) => r.severity === 'fail' || (r.file !== undefined && beforeFiles.has(r.file)));
  const verdict = blocking.some((r) => r.severity === 'fail') ? 'fail' : blocking.length ? 'incomplete' : 'pass';
  return { verdict, reasons: blocking.map((r) => (locale === 'zh-cn' ? r.message_zh : r.message_en)) };
}

export async function checkHostGate(host: RemoteHost, options: GateCheckOptions): Promise<GateCheckResult> {
  const local = await fs.mkdtemp(path.join(os.tmpdir(), 'xwf-gate-check-'));
  const transport = new SshTransport({ host, sshConfigFile: options.sshConfigFile, askpass: options.askpass, log: options.log, controlPersistSeconds: 5 });
  try {
    await transport.connect(options.signal);
    const r = await transport.download(gateCheckScript(options.devices), { step: 'gate check', signal: options.signal }, async (stdout) => {
      await extractRunArchive(stdout, local);
    });
    if (r.exitCode !== 0) throw new RemoteError('remote_failed', ['gate check', r.exitCode, r.stderr.trim()]);
    const full = computeGateVerdict(await readGateFolder(path.join(local, 'env')), { devices: options.devices });
    return { ...beforeServiceVerdict(full, options.devices, options.locale), devices: options.devices, checkedAt: new Date().toISOString(), full };
  } finally {
    await transport.close().catch(() => undefined);
    await fs.rm(local, { recursive: true, force: true });
  }
}
