// The timeline webview host: one session per panel (command panel, restored panel or custom editor) that
// lets the page fetch the trace files itself, answers its typed messages and saves the analysis.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_BOUNDARY } from '../../core/profiling/gapAnalysis';
import { normalizeLocale } from '../../core/i18n/locale';
import { isWebviewToHost, TIMELINE_VIEW_TYPE, type HostToWebview, type InitMessage, type OpenSymbolResultMessage, type TraceIdentity, type WebviewToHost } from '../../shared/timelineProtocol';
import { log } from '../log';
import { saveAnalysis } from './analysisSave';
import type { PatchContext } from './patchContext';
import { besideColumn, openEventSource } from './symbolNavigation';
import { sameIdentity, timelineTitle } from './traceTargets';
import { PanelSessions } from './panelSessions';
import { argsReply, setUpTraceWebview, traceSources } from './traceWebview';

/** Binds one webview to one trace identity for the webview's lifetime. */
export class TimelineSession implements vscode.Disposable {
  private ready = false;
  private readonly queue: HostToWebview[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  /** The last `loaded` report of the page (tests and logs). */
  loaded: Extract<WebviewToHost, { type: 'loaded' }> | undefined;

  /** Sends the patch and cursor symbol to the page while it lives (after its first `ready`). */
  private patchSubscription: vscode.Disposable | undefined;
  private patchListener: { postPatch(m: HostToWebview): void } | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly identity: TraceIdentity,
    private readonly extensionUri: vscode.Uri,
    private readonly patch?: PatchContext,
  ) {
    setUpTraceWebview(panel, extensionUri, 'timeline', timelineTitle(identity), identity.files);
    this.disposables.push(panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.patchSubscription?.dispose();
  }

  /** Sends now when the page listens, else after its `ready` (messages are never lost to a loading page). */
  private post(m: HostToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(m);
    else this.queue.push(m);
  }

  private async initMessage(): Promise<InitMessage> {
    const sources = await traceSources(this.panel.webview, this.identity);
    return {
      type: 'init',
      identity: this.identity,
      title: timelineTitle(this.identity),
      sources,
      locale: normalizeLocale(vscode.env.language),
      canSave: !!this.identity.runRoot,
      boundary: { previous: DEFAULT_BOUNDARY.previous, next: DEFAULT_BOUNDARY.next },
    };
  }

  private async receive(raw: unknown): Promise<void> {
    if (!isWebviewToHost(raw)) {
      log().warn(`timeline: ignored an invalid message from the page: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    const m: WebviewToHost = raw;
    switch (m.type) {
      case 'ready': {
        // A reloaded page starts over: it gets init again, then whatever was queued.
        const init = await this.initMessage();
        void this.panel.webview.postMessage(init);
        this.ready = true;
        for (const q of this.queue.splice(0)) void this.panel.webview.postMessage(q);
        if (this.patch) {
          const listener = { postPatch: (p: HostToWebview) => this.post(p) };
          if (!this.patchSubscription) this.patchSubscription = this.patch.attach((this.patchListener = listener));
          else if (this.patchListener) this.patch.resend(this.patchListener);
        }
        return;
      }
      case 'openSymbol': {
        const outcome: Omit<OpenSymbolResultMessage, 'type' | 'requestId'> = await openEventSource({ name: m.name, hints: m.hints, repoPath: this.patch?.repoPath, column: besideColumn(this.panel) }).catch((e: Error) => ({ status: 'failed' as const, message: e.message }));
        log().info(`timeline: source of ${m.name}: ${outcome.status}${outcome.target ? ` ${outcome.target}` : ''}`);
        this.post({ type: 'openSymbolResult', requestId: m.requestId, ...outcome });
        return;
      }
      case 'readArgs':
        this.post(await argsReply(this.identity.files, m));
        return;
      case 'openSource': {
        const file = this.identity.files[m.source];
        if (!file) return;
        const pos = new vscode.Position(m.line - 1, 0);
        try {
          await vscode.window.showTextDocument(vscode.Uri.file(file), { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(pos, pos), preview: true });
        } catch (e) {
          void vscode.window.showErrorMessage(vscode.l10n.t('Could not open {0}: {1}', path.basename(file), (e as Error).message));
        }
        return;
      }
      case 'saveAnalysis': {
        const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Saving the profiling analysis…') }, () =>
          saveAnalysis(this.identity, m.boundary, async (files) => {
            const overwrite = vscode.l10n.t('Overwrite');
            const answer = await vscode.window.showWarningMessage(vscode.l10n.t('The run root already has {0}. Overwrite these files?', files.join(', ')), { modal: true, detail: this.identity.runRoot }, overwrite);
            return answer === overwrite;
          }).catch((e: Error) => ({ status: 'failed' as const, message: e.message })),
        );
        if (outcome.status === 'saved') {
          log().info(`timeline: wrote ${outcome.files.join(', ')} in ${this.identity.runRoot}`);
          void vscode.window.showInformationMessage(vscode.l10n.t('Saved the analysis to {0}.', path.basename(this.identity.runRoot ?? '')));
        } else if (outcome.status === 'failed') void vscode.window.showErrorMessage(vscode.l10n.t('Saving the analysis failed: {0}', outcome.message));
        this.post({ type: 'saveResult', requestId: m.requestId, status: outcome.status, files: outcome.status === 'saved' ? outcome.files : [], ...(outcome.status === 'failed' ? { message: outcome.message } : {}) });
        return;
      }
      case 'loaded': {
        this.loaded = m;
        log().info(`timeline: ${timelineTitle(this.identity)} drawn, ${m.events} events, ${m.slices} slices`);
        for (const p of m.problems) log().warn(`timeline: ${p}`);
        return;
      }
    }
  }
}

/** Timeline panels opened by the command or restored after a reload. */
export class TimelinePanels extends PanelSessions<TraceIdentity, TimelineSession> {
  constructor(extensionUri: vscode.Uri, patch?: PatchContext) {
    super(TIMELINE_VIEW_TYPE, timelineTitle, (panel, identity) => new TimelineSession(panel, identity, extensionUri, patch), (s, identity) => sameIdentity(s.identity, identity));
  }
}
