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

/** Tolerances of formats.md section 4 (overridable) and optional SLA limits on p99 TTFT/TPOT. */
export function comparisonConfig() {
  const c = vscode.workspace.getConfiguration('xllm.compare');
  const sla = (key: string) => {
    const v = c.get<number | null>(key, null);
    return typeof v === 'number' && v > 0 ? v : undefined;
  };
  return {
    tolerances: { throughput: c.get<number>('toleranceThroughput', 0.95), latency: c.get<number>('toleranceLatency', 1.05), accuracy: c.get<number>('toleranceAccuracy', 0.02) },
    slaTtftMs: sla('slaTtftMs'),
    slaTpotMs: sla('slaTpotMs'),
  };
}
