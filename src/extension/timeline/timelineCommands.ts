// `xllm.openTimeline` (Runs view, explorer, palette), the panel serializer that restores timelines after a
// reload from their trace identity alone, and the "xLLM Timeline" custom editor for trace files.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { RunRoot } from '../../core/runs/runRoot';
import { isTimelineViewState, TIMELINE_EDITOR_VIEW_TYPE, TIMELINE_VIEW_TYPE, type TraceIdentity } from '../../shared/timelineProtocol';
import { log } from '../log';
import type { RunsNode } from '../runs/runsTreeProvider';
import { PatchContext } from './patchContext';
import { TimelinePanels, TimelineSession } from './timelinePanel';
import { resolveTraceIdentity, TraceTargetError, withSiblingSlices, findRunRoot } from './traceTargets';

type OpenArg = RunsNode | RunRoot | vscode.Uri | undefined;

function targetOf(arg: OpenArg): string | undefined {
  if (!arg) return undefined;
  if (arg instanceof vscode.Uri) return arg.scheme === 'file' ? arg.fsPath : undefined;
  if ('type' in arg) return arg.type === 'group' ? undefined : arg.run.root;
  if ('root' in arg) return arg.root;
  return undefined;
}

/** Asks for a profiling run of the workspace, a trace file or a capture folder. */
async function pickTarget(profilingRuns: () => readonly RunRoot[]): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { target?: string; browse?: 'file' | 'folder' };
  const items: Item[] = profilingRuns().map((r) => ({ label: r.runId, description: r.relativePath, target: r.root }));
  items.push({ label: vscode.l10n.t('Browse for a trace file…'), browse: 'file', alwaysShow: true }, { label: vscode.l10n.t('Browse for a profiling folder…'), browse: 'folder', alwaysShow: true });
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Open the timeline of a profiling run, a trace file or a PROF_* folder') });
  if (!picked) return undefined;
  if (picked.target) return picked.target;
  const uris = await vscode.window.showOpenDialog({
    canSelectFiles: picked.browse === 'file',
    canSelectFolders: picked.browse === 'folder',
    canSelectMany: false,
    filters: picked.browse === 'file' ? { [vscode.l10n.t('Trace JSON')]: ['json'] } : undefined,
    openLabel: vscode.l10n.t('Open Timeline'),
  });
  return uris?.[0]?.fsPath;
}

/** Custom editor: a trace file (with its sibling slices) in a timeline instead of a text editor. */
class TimelineEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly patch: PatchContext,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const file = document.uri.fsPath;
    const files = await withSiblingSlices(file);
    const runRoot = await findRunRoot(file);
    const session = new TimelineSession(panel, runRoot ? { files, runRoot } : { files }, this.extensionUri, this.patch);
    panel.onDidDispose(() => session.dispose());
  }
}

/** Registers the command, the serializer and the custom editor; profilingRuns lists the Runs view's profiling runs. */
export function registerTimeline(context: vscode.ExtensionContext, profilingRuns: () => readonly RunRoot[]): vscode.Disposable[] {
  // One patch reader for every timeline: the checkout's diff and the cursor's function, only while one is open.
  const patch = new PatchContext();
  const panels = new TimelinePanels(context.extensionUri, patch);
  const open = async (arg?: OpenArg): Promise<TimelineSession | undefined> => {
    const target = targetOf(arg) ?? (await pickTarget(profilingRuns));
    if (!target) return undefined;
    let identity: TraceIdentity;
    try {
      identity = await resolveTraceIdentity(target);
    } catch (e) {
      if (e instanceof TraceTargetError) {
        void vscode.window.showWarningMessage(vscode.l10n.t('No profiling timeline to open: {0}', e.message));
        return undefined;
      }
      throw e;
    }
    log().info(`timeline: opening ${identity.files.length} trace file(s)${identity.runRoot ? ` of ${identity.runRoot}` : ''}`);
    return panels.open(identity);
  };
  return [
    panels,
    patch,
    vscode.commands.registerCommand('xllm.openTimeline', open),
    vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        // The page stored only the identity; anything else (or files that are gone) closes the panel with a message.
        if (!isTimelineViewState(state)) {
          panel.dispose();
          return;
        }
        const missing = state.identity.files.filter((f) => !existsSync(f));
        if (missing.length) {
          void vscode.window.showWarningMessage(vscode.l10n.t('The timeline was not restored: {0} no longer exists.', missing.join(', ')));
          panel.dispose();
          return;
        }
        panels.adopt(panel, state.identity);
      },
    }),
    vscode.window.registerCustomEditorProvider(TIMELINE_EDITOR_VIEW_TYPE, new TimelineEditorProvider(context.extensionUri, patch), {
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: true,
    }),
  ];
}
