// "Collect Metrics": normalizes a run's benchmark output into metrics.json, asking before replacing hand edits.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/fs/atomicWrite';
import { normalizeLocale } from '../../core/i18n/locale';
import { collectMetrics } from '../../core/metrics/metricsCollector';
import { buildMetricsJson } from '../../core/metrics/metricsJson';
import { planMetricsWrite } from '../../core/metrics/metricsWritePlan';
import { runManifestValues } from '../../core/metrics/runManifestValues';
import { comparisonConfig } from '../config';
import { pickRun } from './runCommands';
import type { RunsModel } from './runsModel';
import type { RunsNode } from './runsTreeProvider';

export type CollectOutcome = 'written' | 'unchanged' | 'kept-edits' | 'cancelled' | 'no-results';

export function registerCollectMetricsCommand(model: RunsModel): vscode.Disposable {
  return vscode.commands.registerCommand('xllm.collectMetrics', async (node?: RunsNode): Promise<CollectOutcome | undefined> => {
    const run = await pickRun(model, node, vscode.l10n.t('Select a run to collect metrics for'));
    if (!run) return undefined;
    const cfg = comparisonConfig();
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Collecting metrics of {0}...', run.runId) }, () =>
      collectMetrics(run.root, { slaTtftMs: cfg.slaTtftMs, slaTpotMs: cfg.slaTpotMs, locale: normalizeLocale(vscode.env.language) }),
    );
    for (const p of result.problems.filter((x) => x.severity === 'error')) void vscode.window.showWarningMessage(`${p.file}: ${p.message}`);
    if (!result.records.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('No benchmark results found in {0}; metrics.json was not written.', run.runId));
      return 'no-results';
    }
    const target = path.join(run.root, 'metrics.json');
    const next = buildMetricsJson(result.records, await runManifestValues(run));
    const existing = await fs.readFile(target, 'utf8').catch(() => null);
    const plan = planMetricsWrite(existing, next);
    if (plan.action === 'unchanged') {
      void vscode.window.showInformationMessage(vscode.l10n.t('metrics.json of {0} is up to date.', run.runId));
      return 'unchanged';
    }
    if (plan.action === 'create' || plan.action === 'update') {
      await writeFileAtomic(target, plan.text);
      void vscode.window.showInformationMessage(vscode.l10n.t('Wrote metrics.json for {0} ({1} benchmark runs).', run.runId, result.records.length));
      return 'written';
    }
    // Someone edited values (or the file is unreadable): show the difference and ask.
    const overwrite = vscode.l10n.t('Overwrite');
    const keep = vscode.l10n.t('Keep My Edits');
    const diff = vscode.l10n.t('Show Difference');
    const detail =
      plan.action === 'conflict'
        ? plan.differences.map((d) => `${d.key}: ${JSON.stringify(d.existing)} → ${JSON.stringify(d.collected)}`).join('\n')
        : vscode.l10n.t('The existing file cannot be read: {0}', plan.reason);
    for (;;) {
      const buttons = plan.action === 'conflict' ? [keep, overwrite, diff] : [overwrite, diff];
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('metrics.json of {0} has values edited by hand.', run.runId), { modal: true, detail }, ...buttons);
      if (answer === diff) {
        const proposed = await vscode.workspace.openTextDocument({ language: 'json', content: plan.overwriteText });
        await vscode.commands.executeCommand('vscode.diff', vscode.Uri.file(target), proposed.uri, vscode.l10n.t('metrics.json: on disk ↔ collected'));
        continue;
      }
      if (answer === overwrite) {
        await writeFileAtomic(target, plan.overwriteText);
        return 'written';
      }
      if (answer === keep && plan.action === 'conflict') {
        await writeFileAtomic(target, plan.keepEditsText);
        return 'kept-edits';
      }
      return 'cancelled';
    }
  });
}
