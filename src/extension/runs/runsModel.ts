// Keeps one RunIndex per workspace folder current from file events, and tells the views when it changed.
import * as vscode from 'vscode';
import { RunIndex } from '../../core/runs/runIndex';
import type { RunRoot } from '../../core/runs/runRoot';
import { runsConfig } from '../config';
import { log } from '../log';

export class RunsModel implements vscode.Disposable {
  private readonly indexes = new Map<string, RunIndex>();
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private pending = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private loaded: Promise<void>;
  readonly onDidChange = this.emitter.event;

  constructor() {
    this.loaded = this.rescan();
    // Watch only where run roots can be: conventional folders plus configured globs' files.
    const watcher = vscode.workspace.createFileSystemWatcher('**/{runs,profiling}/**');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => this.queue(u)),
      watcher.onDidChange((u) => this.queue(u)),
      watcher.onDidDelete((u) => this.queue(u)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('xllm.runs')) void this.refresh();
      }),
    );
    this.addGlobWatchers();
  }

  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  runs(): RunRoot[] {
    return [...this.indexes.values()].flatMap((i) => i.runs());
  }

  problems() {
    return [...this.indexes.values()].flatMap((i) => i.problems());
  }

  async refresh(): Promise<void> {
    this.loaded = this.rescan();
    await this.loaded;
  }

  private async rescan(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    this.indexes.clear();
    await Promise.all(
      folders
        .filter((f) => f.uri.scheme === 'file')
        .map(async (f) => {
          const cfg = runsConfig(f.uri);
          const index = new RunIndex(f.uri.fsPath, { roots: cfg.roots, exclude: cfg.exclude });
          try {
            await index.rescan();
          } catch (e) {
            log().error(`run discovery failed in ${f.uri.fsPath}: ${(e as Error).message}`);
          }
          this.indexes.set(f.uri.fsPath, index);
        }),
    );
    log().info(`found ${this.runs().length} run root(s) in ${folders.length} folder(s)`);
    await vscode.commands.executeCommand('setContext', 'xllm.runsLoaded', true);
    this.emitter.fire();
  }

  private addGlobWatchers(): void {
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of runsConfig(f.uri).roots) {
        const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(f, `${glob}/**`));
        this.disposables.push(w, w.onDidCreate((u) => this.queue(u)), w.onDidDelete((u) => this.queue(u)), w.onDidChange((u) => this.queue(u)));
      }
    }
  }

  /** Coalesces bursts of events (a benchmark writes many files) into one update per path. */
  private queue(uri: vscode.Uri): void {
    if (uri.scheme !== 'file') return;
    this.pending.add(uri.fsPath);
    this.flushTimer ??= setTimeout(() => void this.flush(), 150);
  }

  private async flush(): Promise<void> {
    this.flushTimer = undefined;
    const paths = [...this.pending];
    this.pending = new Set();
    await this.loaded;
    let changed = false;
    for (const p of paths) {
      for (const index of this.indexes.values()) {
        if (p.startsWith(index.folder)) changed = (await index.update(p)) || changed;
      }
    }
    if (changed) this.emitter.fire();
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const d of this.disposables) d.dispose();
  }
}
