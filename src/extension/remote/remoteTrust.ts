// Remote execution runs commands from workspace files on other machines: only in a trusted workspace.
import * as vscode from 'vscode';

export class UntrustedWorkspaceError extends Error {
  constructor() {
    super(vscode.l10n.t('Remote execution is disabled in untrusted workspaces.'));
    this.name = 'UntrustedWorkspaceError';
  }
}

/** True in a trusted workspace; otherwise tells the user why nothing happens and returns false. */
export function remoteAllowed(): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window
    .showErrorMessage(vscode.l10n.t('Remote benchmarks run commands on other machines, so they are disabled until you trust this workspace.'), manage)
    .then((a) => (a === manage ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
  return false;
}
