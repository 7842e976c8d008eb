// Answers ssh's password, passphrase and OTP prompts (SSH_ASKPASS, through the core's bridge) with a password box.
import * as vscode from 'vscode';
import type { AskpassHook } from '../../core/remote/askpassBridge';

/** A hook for one host; the answer goes straight back to ssh and is never stored or logged here. */
export function askpassPrompt(hostName: string): AskpassHook {
  return async (prompt) => {
    const text = prompt.trim();
    // Host-key questions expect yes/no, not a secret: show them in clear text.
    const isQuestion = /\(yes\/no(\/\[fingerprint\])?\)\??\s*$/i.test(text);
    return vscode.window.showInputBox({
      title: vscode.l10n.t('SSH: {0}', hostName),
      prompt: text || vscode.l10n.t('Password for {0}', hostName),
      password: !isQuestion,
      ignoreFocusOut: true,
    });
  };
}
