// Typed getters over the extension's settings, so no other file reads configuration by string.
import * as vscode from 'vscode';

export function runsConfig(scope?: vscode.Uri) {
  const c = vscode.workspace.getConfiguration('xllm.runs', scope);
  return {
    roots: c.get<string[]>('roots', []),
    exclude: c.get<string[]>('exclude', ['**/node_modules/**', '**/.git/**']),
  };
}

export function manifestGlobs(): string[] {
  return vscode.workspace.getConfiguration('xllm.manifests').get<string[]>('globs', []);
}

/** The xLLM checkout the Code section is read from, and the branch base_commit is measured against. */
export function codeConfig(scope?: vscode.Uri): { repoPath: string | undefined; upstream: string | undefined } {
  const c = vscode.workspace.getConfiguration('xllm.code', scope);
  return { repoPath: c.get<string>('repoPath') || undefined, upstream: c.get<string>('upstream') || undefined };
}
