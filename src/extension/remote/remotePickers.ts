// Choosing what a remote command works on: a perf manifest (the active editor's by default) and a host.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { textOf } from '../../core/manifest/manifestModel';
import { parseManifestFile } from '../../core/manifest/manifestFields';
import type { RunRoot } from '../../core/runs/runRoot';
import type { RunsNode } from '../runs/runsTreeProvider';
import { kindOfManifest } from './preparedRunRoot';
import type { HostEntry, HostList } from './remoteHostList';
import type { HostStatusStore } from './hostStatusStore';

const MANIFEST_NAME = /(^|\.)manifest\.(md|ya?ml)$/i;

/** A manifest reference as commands receive it: a URI, a path, a Runs view node or a run root. */
export type ManifestArg = vscode.Uri | string | RunsNode | RunRoot | undefined;

export function manifestFromArg(arg: ManifestArg): string | undefined {
  if (!arg) return undefined;
  if (arg instanceof vscode.Uri) return arg.scheme === 'file' ? arg.fsPath : undefined;
  if (typeof arg === 'string') {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return path.isAbsolute(arg) || !folder ? arg : path.join(folder.uri.fsPath, arg);
  }
  if ('type' in arg && typeof arg.type === 'string' && 'run' in arg) return arg.run.manifestPath ?? undefined;
  if ('manifestPath' in arg) return arg.manifestPath ?? undefined;
  return undefined;
}

/** Saves an open manifest with unsaved edits: what runs is what is on disk. */
export async function saveIfDirty(manifestPath: string): Promise<void> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && path.resolve(d.uri.fsPath) === path.resolve(manifestPath));
  if (doc?.isDirty) await doc.save();
}

/** The workspace folder a manifest belongs to (runs/ lives there), else the first folder. */
export function workspaceDirFor(manifestPath: string | undefined): string | undefined {
  const folder = (manifestPath && vscode.workspace.getWorkspaceFolder(vscode.Uri.file(manifestPath))) || vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder?.uri.fsPath;
}

interface ManifestInfo {
  readonly file: string;
  readonly runId: string | undefined;
  readonly level: string | undefined;
}

async function hasResults(dir: string): Promise<boolean> {
  for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (e.isFile() && !MANIFEST_NAME.test(e.name)) return true;
    if (e.isDirectory() && (await fs.readdir(path.join(dir, e.name)).catch(() => [])).length) return true;
  }
  return false;
}

async function describeManifest(file: string): Promise<ManifestInfo | undefined> {
  try {
    const doc = parseManifestFile(await fs.readFile(file, 'utf8'), file);
    return { file, runId: textOf(doc, 'run_id'), level: textOf(doc, 'level') };
  } catch {
    return undefined;
  }
}

/** Manifests a remote run can start from: perf, accuracy and profiling ones, not of a run root that already has results. */
async function manifestCandidates(): Promise<ManifestInfo[]> {
  const uris = await vscode.workspace.findFiles('**/*manifest.{md,yaml,yml}', '{**/node_modules/**,**/.git/**,**/.xwf/**}', 500);
  const out: ManifestInfo[] = [];
  for (const u of uris) {
    if (!MANIFEST_NAME.test(path.basename(u.fsPath))) continue;
    const rel = vscode.workspace.asRelativePath(u, false).split(path.sep).join('/');
    if (/(^|\/)runs\/(eval|capacity|compute)\//.test(rel)) continue;
    // A run root holding more than its manifest has results already (the engine would refuse to fill it).
    const dir = path.dirname(u.fsPath);
    if (/(^|\/)(runs\/(perf|accuracy)|profiling)\/[^/]+\/[^/]+$/.test(rel) && (await hasResults(dir))) continue;
    const info = await describeManifest(u.fsPath);
    if (info?.runId) out.push(info);
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** The active editor's manifest when it is one; otherwise a pick among the workspace's perf manifests. */
export async function pickManifest(placeHolder: string): Promise<string | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active && active.uri.scheme === 'file' && MANIFEST_NAME.test(path.basename(active.fileName))) return active.fileName;
  const candidates = await manifestCandidates();
  if (!candidates.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No manifest to run found: create one with New Run, fill it, then run it on a remote host.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((c) => {
      const ws = workspaceDirFor(c.file);
      return { label: c.runId ?? path.basename(c.file), description: [ws ? kindOfManifest(ws, c.file) : '', c.level].filter(Boolean).join(' · '), detail: vscode.workspace.asRelativePath(c.file), file: c.file };
    }),
    { placeHolder, matchOnDetail: true },
  );
  return picked?.file;
}

function gateText(status: HostStatusStore, name: string): string {
  const g = status.lastGate(name);
  return g ? vscode.l10n.t('last gate: {0}', g.verdict) : '';
}

/** A host by name, or a pick among the known ones (the only one is taken without asking). */
export async function pickHost(list: HostList, status: HostStatusStore, placeHolder: string, name?: string): Promise<HostEntry | undefined> {
  if (name) {
    const entry = list.entries.find((e) => e.host.name === name);
    if (!entry) void vscode.window.showErrorMessage(vscode.l10n.t("No remote host named '{0}': add it to the xllm.remote.hosts setting or to your ssh config.", name));
    return entry;
  }
  if (!list.entries.length) {
    const open = vscode.l10n.t('Open Settings');
    void vscode.window.showErrorMessage(vscode.l10n.t('No remote hosts are configured.'), open).then((a) => (a === open ? vscode.commands.executeCommand('workbench.action.openSettings', 'xllm.remote.hosts') : undefined));
    return undefined;
  }
  if (list.entries.length === 1) return list.entries[0];
  const picked = await vscode.window.showQuickPick(
    list.entries.map((e) => ({
      label: e.host.name,
      description: [e.host.sshTarget, e.host.container ? `docker: ${e.host.container}` : ''].filter(Boolean).join(' · '),
      detail: [e.source === 'settings' ? vscode.l10n.t('from settings') : vscode.l10n.t('from ssh config'), gateText(status, e.host.name)].filter(Boolean).join(' · '),
      entry: e,
    })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.entry;
}

/** NPU ids typed as "0,1,2"; undefined when the text is not such a list. */
export function parseDeviceList(text: string): number[] | undefined {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (!parts.length || parts.some((p) => !/^\d{1,6}$/.test(p))) return undefined;
  return [...new Set(parts.map(Number))];
}
