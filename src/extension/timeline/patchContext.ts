// The patch beside the timeline, host side: which checkout is "the xLLM checkout", its diff against its
// base (with the active editor's unsaved buffer), refreshed on save / git change / editor change, and the
// function at the cursor of the active text editor. Listens only while a timeline is open.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diffFiles, diffOfBuffer, gitTopLevel, readPatchAgainstBase, replaceFileDiff } from '../../core/git/patchAgainstBase';
import { enclosingDefinition } from '../../core/profiling/enclosingDefinition';
import { symbolIdentifier } from '../../core/profiling/eventSymbolName';
import { flattenPatchSymbols, patchSymbols } from '../../core/profiling/patchSymbols';
import { readWorkspaceConfig } from '../../core/runs/newRunContext';
import { MAX_PATCH_SYMBOLS, type CursorMessage, type CursorSymbol, type PatchMessage } from '../../shared/timelineProtocol';
import { codeConfig } from '../config';
import { log } from '../log';

/** A page that shows the patch (a timeline session). */
export interface PatchListener {
  postPatch(m: PatchMessage | CursorMessage): void;
}

export interface Checkout {
  readonly repoPath: string;
  readonly upstream?: string;
}

const PATCH_DEBOUNCE_MS = 400;
const BUFFER_DEBOUNCE_MS = 800;
const CURSOR_DEBOUNCE_MS = 200;

/**
 * The xLLM checkout: the `xllm.code.repoPath` setting, else config.json's code.xllm.path, else a workspace
 * folder that is a git checkout, else the checkout holding the active editor's file.
 */
export async function resolveCheckout(activeFile: string | undefined): Promise<Checkout | null> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const first = folders[0]?.uri;
  const setting = codeConfig(first);
  if (setting.repoPath) return { repoPath: path.resolve(first?.fsPath ?? '', setting.repoPath), ...(setting.upstream ? { upstream: setting.upstream } : {}) };
  for (const f of folders) {
    const config = await readWorkspaceConfig(f.uri.fsPath);
    const repo = config?.code?.xllm?.path;
    if (repo && existsSync(path.resolve(f.uri.fsPath, repo))) {
      const branch = config?.code?.xllm?.upstream?.branch;
      const upstream = setting.upstream ?? (branch ? `upstream/${branch}` : undefined);
      return { repoPath: path.resolve(f.uri.fsPath, repo), ...(upstream ? { upstream } : {}) };
    }
  }
  for (const f of folders) {
    if (f.uri.scheme !== 'file') continue;
    const top = await gitTopLevel(f.uri.fsPath);
    if (top) return { repoPath: top, ...(setting.upstream ? { upstream: setting.upstream } : {}) };
  }
  if (activeFile) {
    const top = await gitTopLevel(path.dirname(activeFile));
    if (top) return { repoPath: top, ...(setting.upstream ? { upstream: setting.upstream } : {}) };
  }
  return null;
}

const FUNCTION_KINDS = new Set([vscode.SymbolKind.Function, vscode.SymbolKind.Method, vscode.SymbolKind.Constructor]);
const CLASS_KINDS = new Set([vscode.SymbolKind.Class, vscode.SymbolKind.Struct, vscode.SymbolKind.Interface]);

type Found = { name: string; kind: 'function' | 'class'; line: number; scope?: string };

/** The innermost function (else class) of a document symbol tree around a position, with its class as scope. */
function fromDocumentSymbols(symbols: readonly vscode.DocumentSymbol[], pos: vscode.Position): Found | null {
  let best: Found | null = null;
  let cls: string | undefined;
  let level: readonly vscode.DocumentSymbol[] = symbols;
  for (;;) {
    const inside = level.find((s) => s.range.contains(pos));
    if (!inside) break;
    const name = symbolIdentifier(inside.name);
    if (FUNCTION_KINDS.has(inside.kind)) best = { name, kind: 'function', line: inside.selectionRange.start.line, ...(cls ? { scope: cls } : {}) };
    else if (CLASS_KINDS.has(inside.kind)) {
      cls = name;
      if (!best) best = { name, kind: 'class', line: inside.selectionRange.start.line };
    }
    level = inside.children ?? [];
  }
  return best;
}

function fromSymbolInformation(symbols: readonly vscode.SymbolInformation[], pos: vscode.Position): Found | null {
  const around = symbols.filter((s) => (FUNCTION_KINDS.has(s.kind) || CLASS_KINDS.has(s.kind)) && s.location.range.contains(pos));
  around.sort((a, b) => Number(FUNCTION_KINDS.has(b.kind)) - Number(FUNCTION_KINDS.has(a.kind)) || a.location.range.end.line - a.location.range.start.line - (b.location.range.end.line - b.location.range.start.line));
  const s = around[0];
  if (!s) return null;
  return { name: symbolIdentifier(s.name), kind: FUNCTION_KINDS.has(s.kind) ? 'function' : 'class', line: s.location.range.start.line, ...(s.containerName ? { scope: symbolIdentifier(s.containerName) } : {}) };
}

/** The function or class at the editor's cursor: the language's document symbols, else the core's line rules. */
export async function cursorSymbol(editor: vscode.TextEditor, repoPath: string | undefined): Promise<CursorSymbol | null> {
  const doc = editor.document;
  const pos = editor.selection.active;
  const symbols = await Promise.resolve(vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>('vscode.executeDocumentSymbolProvider', doc.uri)).catch(() => undefined);
  let found: Found | null;
  if (symbols && symbols.length) {
    found = 'children' in symbols[0] ? fromDocumentSymbols(symbols as vscode.DocumentSymbol[], pos) : fromSymbolInformation(symbols as vscode.SymbolInformation[], pos);
  } else {
    // No language support for this file (C++ or Python without their extensions): read the definitions ourselves.
    const lines = doc.getText().split(/\r?\n/);
    const def = enclosingDefinition(lines, pos.line);
    found = def ? { name: def.name, kind: def.kind, line: def.line, ...(def.scope ? { scope: def.scope } : {}) } : null;
  }
  if (!found || !found.name) return null;
  const fsPath = doc.uri.fsPath;
  const rel = repoPath && !path.relative(repoPath, fsPath).startsWith('..') ? path.relative(repoPath, fsPath).split(path.sep).join('/') : path.basename(fsPath);
  return { name: found.name, kind: found.kind, file: rel || path.basename(fsPath), line: found.line + 1, ...(found.scope ? { scope: found.scope } : {}) };
}

function sameCursor(a: CursorSymbol | null, b: CursorSymbol | null): boolean {
  return a === b || (!!a && !!b && a.name === b.name && a.file === b.file && a.line === b.line && a.scope === b.scope);
}

/** One per extension: the patch and cursor state every open timeline shows. */
export class PatchContext implements vscode.Disposable {
  private readonly listeners = new Set<PatchListener>();
  private readonly running: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private checkout: Checkout | null = null;
  private patch: PatchMessage | null = null;
  private cursor: CursorMessage = { type: 'cursor', symbol: null };
  private patchTimer: ReturnType<typeof setTimeout> | undefined;
  private cursorTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<void> | null = null;
  private again = false;
  private disposed = false;
  /** The text editor last active: the timeline takes focus when it opens, yet the source beside it still counts. */
  private lastEditor: vscode.TextEditor | undefined;

  /** The checkout the last refresh read (the symbol search prefers its files). */
  get repoPath(): string | undefined {
    return this.checkout?.repoPath;
  }

  /** Starts sending the patch and cursor to a page; the first page starts the listeners, the last one stops them. */
  attach(l: PatchListener): vscode.Disposable {
    this.listeners.add(l);
    if (this.listeners.size === 1) this.start();
    else this.resend(l);
    return new vscode.Disposable(() => {
      this.listeners.delete(l);
      if (this.listeners.size === 0) this.stop();
    });
  }

  /** Sends the current state again (a page that reloaded). */
  resend(l: PatchListener): void {
    if (this.patch) l.postPatch(this.patch);
    l.postPatch(this.cursor);
  }

  /** Reads the patch now (tests, and the first page); resolves when the pages have it. */
  refreshNow(): Promise<void> {
    clearTimeout(this.patchTimer);
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = this.refresh().finally(() => {
      this.refreshing = null;
      if (this.again && this.listeners.size) {
        this.again = false;
        void this.refreshNow();
      }
    });
    return this.refreshing;
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
    this.listeners.clear();
  }

  private start(): void {
    const later = (): void => this.schedulePatch(PATCH_DEBOUNCE_MS);
    this.running.push(
      vscode.workspace.onDidSaveTextDocument(later),
      vscode.workspace.onDidGrantWorkspaceTrust(later),
      vscode.workspace.onDidCreateFiles(later),
      vscode.workspace.onDidDeleteFiles(later),
      vscode.workspace.onDidRenameFiles(later),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('xllm.code')) later();
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (!e) return; // focus went to the timeline (or another webview): keep what the pages show
        this.lastEditor = e;
        later();
        this.scheduleCursor(0);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.sourceEditor()?.document && e.contentChanges.length) this.schedulePatch(BUFFER_DEBOUNCE_MS);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.scheme !== 'file') return; // output channels, logs
        this.lastEditor = e.textEditor;
        this.scheduleCursor(CURSOR_DEBOUNCE_MS);
      }),
    );
    void this.refreshNow().then(() => this.updateCursor());
  }

  private stop(): void {
    clearTimeout(this.patchTimer);
    clearTimeout(this.cursorTimer);
    for (const d of this.running.splice(0)) d.dispose();
    for (const d of this.watchers.splice(0)) d.dispose();
    this.checkout = null;
    this.patch = null;
    this.cursor = { type: 'cursor', symbol: null };
  }

  private schedulePatch(ms: number): void {
    clearTimeout(this.patchTimer);
    this.patchTimer = setTimeout(() => void this.refreshNow(), ms);
  }

  private scheduleCursor(ms: number): void {
    clearTimeout(this.cursorTimer);
    this.cursorTimer = setTimeout(() => void this.updateCursor(), ms);
  }

  private broadcast(m: PatchMessage | CursorMessage): void {
    for (const l of this.listeners) l.postPatch(m);
  }

  /** Watches the checkout's HEAD, index and refs: commits, checkouts, stashes and staging change the patch. */
  private watch(repoPath: string): void {
    for (const d of this.watchers.splice(0)) d.dispose();
    const gitDir = vscode.Uri.file(path.join(repoPath, '.git'));
    for (const glob of ['{HEAD,index,ORIG_HEAD}', 'refs/**']) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(gitDir, glob));
      const later = (): void => this.schedulePatch(PATCH_DEBOUNCE_MS);
      this.watchers.push(w, w.onDidChange(later), w.onDidCreate(later), w.onDidDelete(later));
    }
  }

  private async refresh(): Promise<void> {
    if (this.disposed || !this.listeners.size) return;
    const active = this.sourceEditor()?.document;
    const activeFile = active?.uri.scheme === 'file' ? active.uri.fsPath : undefined;
    let message: PatchMessage;
    // git runs repository hooks and config (core.fsmonitor): never in a workspace the user has not trusted.
    if (!vscode.workspace.isTrusted) {
      this.patch = { type: 'patch', state: 'error', files: 0, symbols: [], message: vscode.l10n.t('Reading the patch runs git, which is off in an untrusted workspace.') };
      this.broadcast(this.patch);
      return;
    }
    try {
      const checkout = await resolveCheckout(activeFile);
      if (!checkout) {
        message = { type: 'patch', state: 'none', files: 0, symbols: [] };
        this.checkout = null;
      } else {
        if (checkout.repoPath !== this.checkout?.repoPath) this.watch(checkout.repoPath);
        this.checkout = checkout;
        const p = await readPatchAgainstBase(checkout.repoPath, checkout.upstream);
        let diff = p.diff;
        // The active editor's unsaved buffer is the patch as the user sees it.
        if (active?.isDirty && activeFile) {
          const rel = path.relative(p.repoPath, activeFile);
          if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
            const file = rel.split(path.sep).join('/');
            diff = replaceFileDiff(diff, file, await diffOfBuffer(p.repoPath, p.base, file, active.getText()));
          }
        }
        const symbols = flattenPatchSymbols(patchSymbols(diff)).slice(0, MAX_PATCH_SYMBOLS);
        message = {
          type: 'patch',
          state: 'ready',
          repo: path.basename(p.repoPath),
          base: `${p.upstream ?? 'HEAD'} @ ${p.base.slice(0, 8)}`,
          files: diffFiles(diff).length,
          symbols,
        };
        log().info(`timeline: patch of ${p.repoPath} against ${message.base}: ${message.files} files, ${symbols.length} symbols`);
      }
    } catch (e) {
      message = { type: 'patch', state: 'error', files: 0, symbols: [], message: (e as Error).message };
      log().warn(`timeline: the patch could not be read: ${(e as Error).message}`);
    }
    if (this.disposed || !this.listeners.size) return;
    this.patch = message;
    this.broadcast(message);
  }

  /** The active text editor, else the one last active while still visible, else the first visible file editor. */
  private sourceEditor(): vscode.TextEditor | undefined {
    const visible = vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === 'file');
    return vscode.window.activeTextEditor ?? (this.lastEditor && visible.includes(this.lastEditor) ? this.lastEditor : visible[0]);
  }

  private async updateCursor(): Promise<void> {
    const editor = this.sourceEditor();
    if (!editor || !this.listeners.size) return;
    let symbol: CursorSymbol | null = null;
    try {
      symbol = await cursorSymbol(editor, this.checkout?.repoPath);
    } catch (e) {
      log().warn(`timeline: no symbol at the cursor: ${(e as Error).message}`);
    }
    if (editor !== this.sourceEditor() || sameCursor(symbol, this.cursor.symbol)) return;
    this.cursor = { type: 'cursor', symbol };
    this.broadcast(this.cursor);
  }
}
