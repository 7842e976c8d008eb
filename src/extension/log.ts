// One output channel for the extension; never logs secrets (callers pass redacted text).
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('xLLM NPU Workflow', { log: true });
  return channel;
}
