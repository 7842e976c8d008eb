// The `xllm-benchmark` task type: tasks.json can run a perf manifest on a remote host; the run streams into the task's
// terminal (a Pseudoterminal), Ctrl+C or closing the terminal cancels it, the exit code says whether it completed.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RemoteFace } from './remoteFace';
import { saveIfDirty } from './remotePickers';
import { runArgsFrom, startRemoteRun, type RemoteRunArgs } from './remoteRunSession';
import { ensureRunListed, failure } from './runFollow';

export const BENCHMARK_TASK_TYPE = 'xllm-benchmark';

export interface BenchmarkTaskDefinition extends vscode.TaskDefinition {
  readonly type: typeof BENCHMARK_TASK_TYPE;
  /** Perf manifest, relative to the task's workspace folder or absolute. */
  readonly manifest: string;
  /** Host name from xllm.remote.hosts or an ssh config alias. */
  readonly host: string;
  readonly serviceReadyTimeoutSeconds?: number;
  readonly stopServiceAtEnd?: boolean;
  readonly idleSamples?: { readonly count: number; readonly intervalSeconds: number };
  /** perf, accuracy or profiling; default from where the manifest is. */
  readonly kind?: 'perf' | 'accuracy' | 'profiling';
}

function folderOf(task: vscode.Task): vscode.WorkspaceFolder | undefined {
  return typeof task.scope === 'object' && task.scope && 'uri' in task.scope ? task.scope : vscode.workspace.workspaceFolders?.[0];
}

class BenchmarkPty implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private controller: AbortController | undefined;
  private closed = false;

  constructor(
    private readonly face: RemoteFace,
    private readonly def: BenchmarkTaskDefinition,
    private readonly folder: vscode.WorkspaceFolder | undefined,
  ) {}

  private write(text: string): void {
    this.writeEmitter.fire(text.replace(/\r?\n/g, '\r\n') + '\r\n');
  }

  private finish(code: number): void {
    if (this.closed) return;
    this.closed = true;
    this.closeEmitter.fire(code);
  }

  open(): void {
    void this.run().then(
      (code) => this.finish(code),
      (e: unknown) => {
        this.write(`\x1b[31m${(e as Error).message}\x1b[0m`);
        this.finish(1);
      },
    );
  }

  private async run(): Promise<number> {
    if (!vscode.workspace.isTrusted) {
      this.write(vscode.l10n.t('Remote execution is disabled in untrusted workspaces.'));
      return 1;
    }
    if (typeof this.def.manifest !== 'string' || !this.def.manifest || typeof this.def.host !== 'string' || !this.def.host) {
      this.write(vscode.l10n.t('An {0} task needs "manifest" and "host".', BENCHMARK_TASK_TYPE));
      return 1;
    }
    let args: RemoteRunArgs;
    try {
      const { serviceReadyTimeoutSeconds, stopServiceAtEnd, idleSamples, kind } = this.def;
      args = runArgsFrom({ serviceReadyTimeoutSeconds, stopServiceAtEnd, idleSamples, kind });
    } catch (e) {
      this.write((e as Error).message);
      return 1;
    }
    const workspaceDir = this.folder?.uri.fsPath;
    if (!workspaceDir) {
      this.write(vscode.l10n.t('Open the workspace folder that holds runs/ first: the run root is created there.'));
      return 1;
    }
    const manifestPath = path.isAbsolute(this.def.manifest) ? this.def.manifest : path.join(workspaceDir, this.def.manifest);
    const entry = (await this.face.hosts.reload()).entries.find((e) => e.host.name === this.def.host);
    if (!entry) {
      this.write(vscode.l10n.t("No remote host named '{0}': add it to the xllm.remote.hosts setting or to your ssh config.", this.def.host));
      return 1;
    }
    this.write(`» ${vscode.l10n.t('Remote benchmark of {0} on {1}', this.def.manifest, `${entry.host.name} (${entry.host.sshTarget})`)}`);
    try {
      await saveIfDirty(manifestPath);
      const started = await startRemoteRun(workspaceDir, manifestPath, entry, args, this.face.services, { line: (t) => this.write(t) });
      this.controller = started.controller;
      const outcome = await started.outcome;
      await ensureRunListed(this.face.model, outcome.runRoot);
      this.write(`» ${vscode.l10n.t('Run root: {0}', vscode.workspace.asRelativePath(outcome.runRoot))}`);
      return outcome.status === 'completed' ? 0 : 1;
    } catch (e) {
      const r = failure(e, this.face);
      this.write(`\x1b[31m${r.status === 'error' ? r.message : String(e)}\x1b[0m`);
      return 1;
    }
  }

  handleInput(data: string): void {
    if (data === '\x03') {
      this.write('^C');
      this.controller?.abort(vscode.l10n.t('cancelled by the user'));
    }
  }

  close(): void {
    // Closing the terminal while the run goes on cancels it, as Ctrl+C does.
    if (!this.closed) this.controller?.abort(vscode.l10n.t('cancelled by the user'));
    this.closed = true;
  }
}

function taskFor(face: RemoteFace, def: BenchmarkTaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope, folder: vscode.WorkspaceFolder | undefined): vscode.Task {
  const base = path.basename(def.manifest);
  const name = `${/^manifest\./i.test(base) ? path.basename(path.dirname(def.manifest)) : base.replace(/\.manifest\.(md|ya?ml)$/i, '')} @ ${def.host}`;
  // The resolved definition is the one of the task being run (variables substituted), not necessarily `def`.
  const execution = new vscode.CustomExecution(async (resolved) => new BenchmarkPty(face, resolved as BenchmarkTaskDefinition, folder));
  const task = new vscode.Task(def, scope, name, 'xllm', execution);
  task.detail = vscode.l10n.t('Remote benchmark of {0} on {1}', def.manifest, def.host);
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
  return task;
}

export function registerBenchmarkTasks(face: RemoteFace): vscode.Disposable[] {
  const provider: vscode.TaskProvider = {
    // Offered for the manifest open in the editor, once per host; tasks.json can name any manifest and host.
    provideTasks: async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || doc.uri.scheme !== 'file' || !/(^|\.)manifest\.(md|ya?ml)$/i.test(path.basename(doc.fileName))) return [];
      const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
      if (!folder) return [];
      const manifest = path.relative(folder.uri.fsPath, doc.fileName).split(path.sep).join('/');
      const hosts = (await face.hosts.hosts()).entries;
      return hosts.map((e) => taskFor(face, { type: BENCHMARK_TASK_TYPE, manifest, host: e.host.name }, folder, folder));
    },
    resolveTask: (task) => {
      const def = task.definition as BenchmarkTaskDefinition;
      if (def.type !== BENCHMARK_TASK_TYPE) return undefined;
      const folder = folderOf(task);
      return taskFor(face, def, task.scope ?? folder ?? vscode.TaskScope.Workspace, folder);
    },
  };
  return [vscode.tasks.registerTaskProvider(BENCHMARK_TASK_TYPE, provider)];
}
