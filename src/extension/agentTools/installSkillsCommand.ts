// "xLLM: Install Agent Skills": writes the workflow skill where Claude Code, Codex or opencode read it, the same
// files `xwf skills install` writes; a file edited by hand is shown as a diff and replaced only if the user says so.
import * as vscode from 'vscode';
import { SKILL_AGENTS, type SkillAgent } from '../../core/agentTools/skillFiles';
import { applySkillPlan, needsConsent, planSkillInstall, type SkillFilePlan, type SkillInstallResult } from '../../core/agentTools/skillInstall';

const PREVIEW_SCHEME = 'xllm-skill-preview';

/** Programmatic form (tests, other commands): which agents, which folder; no pickers. */
export interface InstallSkillsArgs {
  readonly agents?: readonly SkillAgent[];
  readonly folder?: vscode.Uri;
}

const AGENT_LABELS: Record<SkillAgent, string> = { claude: 'Claude Code', codex: 'Codex', opencode: 'opencode' };

async function pickAgents(): Promise<SkillAgent[] | undefined> {
  const picked = await vscode.window.showQuickPick(
    SKILL_AGENTS.map((agent) => ({ label: AGENT_LABELS[agent], agent, picked: agent === 'claude' })),
    { canPickMany: true, title: vscode.l10n.t('Install the xLLM workflow skill for which agents?') },
  );
  return picked?.length ? picked.map((p) => p.agent) : undefined;
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 1) return folders[0].uri;
  if (folders.length > 1) return (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Project folder to install the skills into') }))?.uri;
  return (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: vscode.l10n.t('Install Here') }))?.[0];
}

/** Asks before replacing a file the user edited (or did not get from xwf), offering the diff first. */
async function askToReplace(plan: SkillFilePlan, previews: Map<string, string>): Promise<boolean> {
  const showDiff = vscode.l10n.t('Show Diff');
  const replace = vscode.l10n.t('Replace');
  const keep = vscode.l10n.t('Keep Mine');
  const why = plan.action === 'edited' ? vscode.l10n.t('{0} was edited by hand.', plan.path) : vscode.l10n.t('{0} was not written by xLLM.', plan.path);
  for (;;) {
    const choice = await vscode.window.showWarningMessage(why, { modal: true, detail: vscode.l10n.t('Replace it with the generated skill? Your version is lost unless it is under version control.') }, showDiff, replace, keep);
    if (choice !== showDiff) return choice === replace;
    const preview = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${plan.path}` });
    previews.set(preview.toString(), plan.next);
    await vscode.commands.executeCommand('vscode.diff', vscode.Uri.file(plan.absolute), preview, vscode.l10n.t('{0}: yours ↔ generated', plan.path));
  }
}

export function registerInstallSkillsCommand(): vscode.Disposable[] {
  const previews = new Map<string, string>();
  const provider: vscode.TextDocumentContentProvider = { provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '' };
  return [
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, provider),
    vscode.commands.registerCommand('xllm.installAgentSkills', async (args?: InstallSkillsArgs): Promise<SkillInstallResult | undefined> => {
      const agents = args?.agents?.length ? [...args.agents] : await pickAgents();
      if (!agents) return undefined;
      const folder = args?.folder ?? (await pickFolder());
      if (!folder) return undefined;
      try {
        // The CLI's help text is what the skill is generated from; loaded only when the command runs.
        const { loadCliSkillSources } = await import('../../cli/commands/skills');
        const plans = await planSkillInstall(folder.fsPath, agents, await loadCliSkillSources());
        const result = await applySkillPlan(plans, (plan) => askToReplace(plan, previews));
        const changed = plans.filter((p) => result.written.includes(p.path));
        if (!changed.length && !result.kept.length) {
          void vscode.window.showInformationMessage(vscode.l10n.t('The agent skills in {0} are up to date.', folder.fsPath));
        } else if (changed.length) {
          const open = vscode.l10n.t('Open');
          const kept = result.kept.length ? ' ' + vscode.l10n.t('Kept your version of: {0}.', result.kept.join(', ')) : '';
          void vscode.window.showInformationMessage(vscode.l10n.t('Installed agent skills: {0}.', changed.map((p) => p.path).join(', ')) + kept, open).then((c) => {
            if (c === open) void vscode.window.showTextDocument(vscode.Uri.file(changed[0].absolute));
          });
        } else {
          void vscode.window.showInformationMessage(vscode.l10n.t('Kept your version of: {0}.', result.kept.join(', ')));
        }
        if (plans.some(needsConsent)) previews.clear();
        return result;
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not install the agent skills: {0}', (e as Error).message));
        return undefined;
      }
    }),
  ];
}
