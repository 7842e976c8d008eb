// "Create Sample Workspace...": writes the generated sample runs into a folder the user picks, then opens it.
import * as vscode from 'vscode';
import { SampleFolderNotEmptyError, writeSampleWorkspace } from '../core/sample/sampleWorkspace';

export function registerSampleWorkspaceCommand(): vscode.Disposable {
  return vscode.commands.registerCommand('xllm.createSampleWorkspace', async (target?: vscode.Uri) => {
    const folder =
      target ??
      (
        await vscode.window.showOpenDialog({
          canSelectFiles: false,
          canSelectFolders: true,
          canSelectMany: false,
          openLabel: vscode.l10n.t('Create Sample Workspace Here'),
          title: vscode.l10n.t('Choose an empty folder for the sample workspace'),
        })
      )?.[0];
    if (!folder) return undefined;
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Generating sample runs...') },
        () => writeSampleWorkspace(folder.fsPath),
      );
      const open = vscode.l10n.t('Open Folder');
      const choice = target ? undefined : await vscode.window.showInformationMessage(vscode.l10n.t('Wrote {0} sample runs to {1}.', result.runs.length, folder.fsPath), open);
      if (choice === open) await vscode.commands.executeCommand('vscode.openFolder', folder);
      return result;
    } catch (e) {
      const message = e instanceof SampleFolderNotEmptyError ? vscode.l10n.t('{0} is not empty. Choose an empty folder; nothing was written.', folder.fsPath) : (e as Error).message;
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  });
}
