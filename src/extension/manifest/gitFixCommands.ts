// Quick-fix commands that need git and the file system: fill the Code section, save the dirty diff.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readGitState, worktreeDiff } from '../../core/git/gitState';
import { parseManifestFile } from '../../core/manifest/manifestFields';
import { minimalEdit, setFields } from '../../core/manifest/manifestEdits';
import { textOf } from '../../core/manifest/manifestModel';
import { readWorkspaceConfig } from '../../core/runs/newRunContext';
import { CLIENT_COMMANDS } from '../../shared/lspProtocol';
import { codeConfig } from '../config';

/** The checkout a manifest describes: its repo_path when that exists here, else the setting, config.json, the folder. */
async function repoFor(doc: vscode.TextDocument): Promise<string> {
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath ?? path.dirname(doc.uri.fsPath);
  const fromManifest = textOf(parseManifestFile(doc.getText(), doc.fileName), 'repo_path');
  if (fromManifest && existsSync(path.resolve(folder, fromManifest))) return path.resolve(folder, fromManifest);
  const setting = codeConfig(doc.uri).repoPath;
  if (setting) return path.resolve(folder, setting);
  const config = await readWorkspaceConfig(folder);
  return path.resolve(folder, config?.code?.xllm?.path ?? '.');
}

async function replaceText(doc: vscode.TextDocument, next: string): Promise<boolean> {
  const e = minimalEdit(doc.getText(), next);
  if (e.startOffset === e.endOffset && !e.newText) return true;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.startOffset), doc.positionAt(e.endOffset)), e.newText);
  return vscode.workspace.applyEdit(edit);
}

/** git runs the repository's hooks and config (core.fsmonitor): only in a trusted workspace. */
function gitAllowed(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showErrorMessage(vscode.l10n.t('Reading git is off in an untrusted workspace: git runs the repository’s hooks and configuration. Trust the workspace to use it.'));
  return false;
}

export function registerGitFixCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CLIENT_COMMANDS.fillCodeFromGit, async (uri?: string | vscode.Uri) => {
      if (!gitAllowed()) return false;
      const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : (uri ?? vscode.window.activeTextEditor?.document.uri);
      if (!target) return false;
      const doc = await vscode.workspace.openTextDocument(target);
      try {
        const repo = await repoFor(doc);
        const git = await readGitState(repo, codeConfig(doc.uri).upstream);
        const next = setFields(doc.getText(), (t) => parseManifestFile(t, doc.fileName), [
          { section: 'Code', key: 'repo_path', value: git.repoPath },
          { section: 'Code', key: 'branch', value: git.branch ?? '' },
          { section: 'Code', key: 'commit', value: git.commit },
          { section: 'Code', key: 'base_commit', value: git.baseCommit ?? '' },
          { section: 'Code', key: 'git_status_short', value: git.statusShort.split('\n').filter(Boolean).join('; ') },
          { section: 'Code', key: 'submodule_status', value: git.submoduleStatus.split('\n').filter(Boolean).join('; ') },
        ]);
        return replaceText(doc, next);
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not read git: {0}', (e as Error).message));
        return false;
      }
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.saveDiff, async (uri?: string | vscode.Uri) => {
      if (!gitAllowed()) return false;
      const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : (uri ?? vscode.window.activeTextEditor?.document.uri);
      if (!target) return false;
      const doc = await vscode.workspace.openTextDocument(target);
      const runRoot = path.dirname(doc.uri.fsPath);
      const file = path.join(runRoot, 'worktree.diff');
      try {
        const diff = await worktreeDiff(await repoFor(doc));
        if (existsSync(file)) {
          const replace = vscode.l10n.t('Replace');
          const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already exists. Replace it with the current diff?', 'worktree.diff'), { modal: true }, replace);
          if (answer !== replace) return false;
        }
        // Atomic: a half-written diff must never pass for the saved experiment.
        const tmp = `${file}.${process.pid}.tmp`;
        await fs.writeFile(tmp, diff);
        await fs.rename(tmp, file);
        const next = setFields(doc.getText(), (t) => parseManifestFile(t, doc.fileName), [
          { section: 'Notes', key: 'deviations', value: [textOf(parseManifestFile(doc.getText(), doc.fileName), 'deviations'), 'uncommitted changes saved in worktree.diff'].filter(Boolean).join('; ') },
        ]);
        return replaceText(doc, next);
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not save the diff: {0}', (e as Error).message));
        return false;
      }
    }),
  ];
}
