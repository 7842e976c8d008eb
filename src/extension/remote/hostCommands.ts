// Commands on hosts: refresh (probe) the Remote Hosts view, check a host's precheck gate, open the ssh config.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { log } from '../log';
import { askpassPrompt } from './askpassPrompt';
import { checkHostGate, type GateCheckResult } from './hostGateCheck';
import type { RemoteFace } from './remoteFace';
import type { HostEntry } from './remoteHostList';
import { parseDeviceList, pickHost } from './remotePickers';
import { sshConfigPath } from './remoteSettings';
import { remoteAllowed } from './remoteTrust';
import { hostNameOf } from './runBenchmarkCommand';
import { failure, type RemoteCommandResult } from './runFollow';

async function devicesFor(entry: HostEntry, explicit: unknown): Promise<number[] | undefined> {
  if (Array.isArray(explicit) && explicit.every((d) => Number.isInteger(d) && d >= 0)) return explicit as number[];
  if (entry.host.defaultDevices.length) return [...entry.host.defaultDevices];
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Check Gate on {0}', entry.host.name),
    prompt: vscode.l10n.t('NPU ids to check, comma-separated (the host has no defaultDevices)'),
    placeHolder: '0,1,2,3',
    validateInput: (v) => (parseDeviceList(v) ? undefined : vscode.l10n.t('Enter NPU ids such as 0,1,2,3')),
  });
  return text === undefined ? undefined : parseDeviceList(text);
}

/** Line (0-based) of the `Host` block naming `alias` in an ssh config text, or 0. */
export function hostLine(text: string, alias: string): number {
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => /^\s*Host\s/i.test(l) && l.trim().split(/\s+/).slice(1).includes(alias));
  return Math.max(0, i);
}

async function openSshConfig(face: RemoteFace, arg: unknown): Promise<void> {
  const name = hostNameOf(arg);
  const entry = name ? (await face.hosts.hosts()).entries.find((e) => e.host.name === name) : undefined;
  const file = entry?.configFile ?? sshConfigPath(face.services.settings);
  if (!(await fs.stat(file).catch(() => null))) {
    const create = vscode.l10n.t('Create');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('{0} does not exist yet. Create it?', file), create);
    if (answer !== create) return;
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // 'wx': never replaces a file that appeared meanwhile.
    await fs.writeFile(file, '', { flag: 'wx', mode: 0o600 }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const line = entry?.configLine !== undefined ? entry.configLine - 1 : entry ? hostLine(doc.getText(), entry.host.sshTarget.replace(/^.*@/, '')) : 0;
  const pos = new vscode.Position(Math.min(line, doc.lineCount - 1), 0);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: false });
}

export function registerHostCommands(face: RemoteFace): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('xllm.refreshRemoteHosts', async () => {
      if (!vscode.workspace.isTrusted) {
        await face.hosts.reload();
        return;
      }
      await face.hosts.refreshAndProbe();
    }),

    vscode.commands.registerCommand('xllm.checkRemoteGate', async (arg?: unknown, devicesArg?: unknown): Promise<GateCheckResult | RemoteCommandResult | undefined> => {
      if (!remoteAllowed()) return undefined;
      const entry = await pickHost(await face.hosts.reload(), face.services.status, vscode.l10n.t('Select the host to check'), hostNameOf(arg));
      if (!entry) return undefined;
      const devices = await devicesFor(entry, devicesArg);
      if (!devices) return undefined;
      try {
        const result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the precheck gate of NPU {0} on {1}...', devices.join(','), entry.host.name), cancellable: true },
          (_p, token) => {
            const controller = new AbortController();
            token.onCancellationRequested(() => controller.abort(vscode.l10n.t('cancelled by the user')));
            return checkHostGate(entry.host, {
              devices,
              locale: face.services.locale,
              sshConfigFile: face.services.settings.sshConfigFile,
              askpass: askpassPrompt(entry.host.name),
              log: (line) => log().debug(`[${entry.host.name}] ${line}`),
              signal: controller.signal,
            });
          },
        );
        await face.services.status.setLastGate(entry.host.name, { verdict: result.verdict, reasons: result.reasons, at: result.checkedAt, runId: null });
        const summary = vscode.l10n.t('Precheck gate on {0} (NPU {1}): {2}', entry.host.name, devices.join(','), result.verdict.toUpperCase());
        if (result.verdict === 'pass') void vscode.window.showInformationMessage(summary);
        else void vscode.window.showWarningMessage(`${summary}. ${result.reasons.join('; ')}`);
        return result;
      } catch (e) {
        const result = failure(e, face);
        if (result.status === 'error') void vscode.window.showErrorMessage(result.message);
        return result;
      }
    }),

    vscode.commands.registerCommand('xllm.openSshConfig', (arg?: unknown) => openSshConfig(face, arg)),

    vscode.commands.registerCommand('xllm.configureRemoteHosts', () => vscode.commands.executeCommand('workbench.action.openSettings', 'xllm.remote')),
  ];
}
