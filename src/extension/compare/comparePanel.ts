// The comparison panel beside the editor: two runs (fairness, metrics, verdict, charts) or a sweep of several.
import * as vscode from 'vscode';
import { loadRunEvidence } from '../../core/compare/loadRunEvidence';
import { compareRuns } from '../../core/compare/runComparison';
import type { RunEvidence } from '../../core/compare/runEvidence';
import { sweepSeries } from '../../core/compare/sweepSeries';
import { normalizeLocale } from '../../core/i18n/locale';
import type { RunRoot } from '../../core/runs/runRoot';
import { isCompareToHostMessage, type HostToCompareMessage } from '../../shared/comparePanelProtocol';
import { comparisonConfig } from '../config';
import { renderWebviewHtml } from '../webview/webviewHtml';

export type CompareTarget = { readonly kind: 'pair'; readonly baseline: RunRoot; readonly current: RunRoot } | { readonly kind: 'sweep'; readonly runs: readonly RunRoot[] };

export class ComparePanel {
  private static current: ComparePanel | undefined;
  private ready = false;
  private pending: HostToCompareMessage | undefined;
  private target: CompareTarget | undefined;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
  ) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    panel.webview.html = renderWebviewHtml(panel.webview, {
      title: vscode.l10n.t('Compare Runs'),
      script: vscode.Uri.joinPath(dist, 'compare.js'),
      styles: [vscode.Uri.joinPath(dist, 'compare.css')],
      lang: vscode.env.language,
    });
    panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m));
    panel.onDidDispose(() => {
      if (ComparePanel.current === this) ComparePanel.current = undefined;
    });
  }

  /** Opens (or reuses) the panel beside the active editor and shows the target. */
  static async show(extensionUri: vscode.Uri, target: CompareTarget): Promise<ComparePanel> {
    if (!ComparePanel.current) {
      const panel = vscode.window.createWebviewPanel('xllm.compare', vscode.l10n.t('Compare Runs'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, { enableScripts: true, retainContextWhenHidden: true });
      ComparePanel.current = new ComparePanel(panel, extensionUri);
    } else {
      ComparePanel.current.panel.reveal(vscode.ViewColumn.Beside);
    }
    await ComparePanel.current.load(target);
    return ComparePanel.current;
  }

  /** The comparison last shown, for tests and the PR evidence command. */
  static active(): ComparePanel | undefined {
    return ComparePanel.current;
  }

  lastMessage: HostToCompareMessage | undefined;

  private async load(target: CompareTarget): Promise<void> {
    this.target = target;
    const locale = normalizeLocale(vscode.env.language);
    let message: HostToCompareMessage;
    try {
      if (target.kind === 'pair') {
        const [baseline, current] = await Promise.all([loadRunEvidence(target.baseline.root), loadRunEvidence(target.current.root)]);
        const cfg = comparisonConfig();
        const comparison = compareRuns(baseline, current, { tolerances: cfg.tolerances });
        this.panel.title = vscode.l10n.t('Compare: {0}', comparison.verdict);
        message = { type: 'comparison', comparison, locale };
      } else {
        const runs: RunEvidence[] = await Promise.all(target.runs.map((r) => loadRunEvidence(r.root)));
        const cfg = comparisonConfig();
        const sweep = sweepSeries(runs, { ttftP99Ms: cfg.slaTtftMs, tpotP99Ms: cfg.slaTpotMs });
        this.panel.title = vscode.l10n.t('Sweep of {0} runs', runs.length);
        message = { type: 'sweep', sweep, runIds: runs.map((r) => r.runId), locale };
      }
    } catch (e) {
      message = { type: 'error', message: (e as Error).message };
    }
    this.lastMessage = message;
    this.post(message);
  }

  private post(message: HostToCompareMessage): void {
    if (!this.ready) {
      this.pending = message; // sent when the page says it is listening
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isCompareToHostMessage(message)) return; // never trust the page
    if (message.type === 'ready') {
      this.ready = true;
      if (this.pending) void this.panel.webview.postMessage(this.pending);
      this.pending = undefined;
    } else if (message.type === 'openManifest' && this.target?.kind === 'pair') {
      const run = message.role === 'baseline' ? this.target.baseline : this.target.current;
      if (run.manifestPath) await vscode.window.showTextDocument(vscode.Uri.file(run.manifestPath), { viewColumn: vscode.ViewColumn.One });
    } else if (message.type === 'prEvidence' && this.target?.kind === 'pair') {
      await vscode.commands.executeCommand('xllm.generatePrEvidence', this.target.baseline, this.target.current);
    }
  }
}
