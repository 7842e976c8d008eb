// "xLLM: Compare Profiling Timelines": two profiling runs drawn as two stacked timelines on one time axis
// aligned at a decode step, with the kernel diff and both gap distributions beside them. The host lets the
// page fetch both traces itself, answers args reads per side and computes the comparison tables.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { normalizeLocale } from '../../core/i18n/locale';
import { BoundaryError, DEFAULT_BOUNDARY } from '../../core/profiling/gapAnalysis';
import { ProfilingPathError } from '../../core/profiling/profilingOutputs';
import type { RunRoot } from '../../core/runs/runRoot';
import {
  isCompareTimelinesToHost,
  isCompareTimelinesViewState,
  TIMELINE_COMPARE_VIEW_TYPE,
  type CompareInitMessage,
  type CompareSideInit,
  type CompareTimelinesToHost,
  type HostToCompareTimelines,
} from '../../shared/timelineCompareProtocol';
import type { TraceIdentity } from '../../shared/timelineProtocol';
import { log } from '../log';
import { asProfilingRun, pickPair } from './compareProfilesCommand';
import { compareTimelinePair, type ComparedPair } from './compareTimelinesData';
import { resolveTraceIdentity, sameIdentity, timelineTitle, TraceTargetError } from './traceTargets';
import { PanelSessions } from './panelSessions';
import { argsReply, setUpTraceWebview, traceSources } from './traceWebview';

/** The run id of an identity: its run root's name, else the first file's name. */
function sideLabel(identity: TraceIdentity): string {
  return timelineTitle(identity);
}

export function compareTitle(pair: ComparedPair): string {
  return `${pair.baseline.label} ↔ ${pair.current.label}`;
}

/** Binds one webview to one (baseline, current) pair for the webview's lifetime. */
export class CompareTimelinesSession implements vscode.Disposable {
  private ready = false;
  private readonly queue: HostToCompareTimelines[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  /** The last `loaded` report of each side (tests and logs). */
  readonly loaded: Partial<Record<'baseline' | 'current', Extract<CompareTimelinesToHost, { type: 'loaded' }>>> = {};

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly pair: ComparedPair,
    extensionUri: vscode.Uri,
  ) {
    setUpTraceWebview(panel, extensionUri, 'timelineCompare', compareTitle(pair), [...pair.baseline.identity.files, ...pair.current.identity.files]);
    this.disposables.push(panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private post(m: HostToCompareTimelines): void {
    if (this.ready) void this.panel.webview.postMessage(m);
    else this.queue.push(m);
  }

  private async sideInit(side: ComparedPair['baseline']): Promise<CompareSideInit> {
    const sources = await traceSources(this.panel.webview, side.identity);
    return { label: side.label, identity: side.identity, sources };
  }

  private async initMessage(): Promise<CompareInitMessage> {
    const [baseline, current] = await Promise.all([this.sideInit(this.pair.baseline), this.sideInit(this.pair.current)]);
    return { type: 'init', baseline, current, locale: normalizeLocale(vscode.env.language), boundary: { previous: DEFAULT_BOUNDARY.previous, next: DEFAULT_BOUNDARY.next } };
  }

  private async receive(raw: unknown): Promise<void> {
    if (!isCompareTimelinesToHost(raw)) {
      log().warn(`timeline comparison: ignored an invalid message from the page: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    const m: CompareTimelinesToHost = raw;
    switch (m.type) {
      case 'ready': {
        // A reloaded page starts over: it gets init again, then whatever was queued.
        void this.panel.webview.postMessage(await this.initMessage());
        this.ready = true;
        for (const q of this.queue.splice(0)) void this.panel.webview.postMessage(q);
        return;
      }
      case 'readArgs':
        this.post(await argsReply(this.pair[m.side].identity.files, m));
        return;
      case 'compare': {
        try {
          const tables = await compareTimelinePair(this.pair, m.boundary, normalizeLocale(vscode.env.language));
          this.post({ type: 'tables', requestId: m.requestId, tables });
        } catch (e) {
          if (!(e instanceof BoundaryError) && !(e instanceof ProfilingPathError)) log().error(`timeline comparison: ${(e as Error).stack ?? String(e)}`);
          this.post({ type: 'tables', requestId: m.requestId, error: (e as Error).message });
        }
        return;
      }
      case 'loaded': {
        this.loaded[m.side] = m;
        log().info(`timeline comparison: ${this.pair[m.side].label} (${m.side}) drawn, ${m.events} events, ${m.slices} slices`);
        for (const p of m.problems) log().warn(`timeline comparison: ${p}`);
        return;
      }
    }
  }
}

/** Comparison panels opened by the command or restored after a reload. */
export class CompareTimelinesPanels extends PanelSessions<ComparedPair, CompareTimelinesSession> {
  constructor(extensionUri: vscode.Uri) {
    super(
      TIMELINE_COMPARE_VIEW_TYPE,
      compareTitle,
      (panel, pair) => new CompareTimelinesSession(panel, pair, extensionUri),
      (s, pair) => sameIdentity(s.pair.baseline.identity, pair.baseline.identity) && sameIdentity(s.pair.current.identity, pair.current.identity),
    );
  }
}

const pairOf = (baseline: TraceIdentity, current: TraceIdentity): ComparedPair => ({
  baseline: { label: sideLabel(baseline), identity: baseline },
  current: { label: sideLabel(current), identity: current },
});

/** Registers `xllm.compareTimelines` and the serializer; profilingRuns lists the Runs view's profiling runs. */
export function registerCompareTimelines(context: vscode.ExtensionContext, profilingRuns: () => readonly RunRoot[]): vscode.Disposable[] {
  const panels = new CompareTimelinesPanels(context.extensionUri);
  const command = async (first?: unknown, selected?: unknown): Promise<CompareTimelinesSession | undefined> => {
    // From the tree: (clicked node, selected nodes[]); from the palette: nothing.
    const fromTree = (Array.isArray(selected) ? selected : [first]).map(asProfilingRun).filter((r): r is RunRoot => !!r);
    const runs = await pickPair(profilingRuns(), fromTree.length === 2 ? fromTree : []);
    if (!runs) return undefined;
    let identities: TraceIdentity[];
    try {
      identities = await Promise.all(runs.map((r) => resolveTraceIdentity(r.root)));
    } catch (e) {
      if (e instanceof TraceTargetError) {
        void vscode.window.showWarningMessage(vscode.l10n.t('No profiling timeline to open: {0}', e.message));
        return undefined;
      }
      throw e;
    }
    log().info(`timeline comparison: ${runs[0].runId} (baseline) with ${runs[1].runId} (current)`);
    return panels.open(pairOf(identities[0], identities[1]));
  };
  return [
    panels,
    vscode.commands.registerCommand('xllm.compareTimelines', command),
    vscode.window.registerWebviewPanelSerializer(TIMELINE_COMPARE_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        // The page stored only the two identities; anything else (or files that are gone) closes the panel.
        if (!isCompareTimelinesViewState(state)) {
          panel.dispose();
          return;
        }
        const missing = [...state.baseline.files, ...state.current.files].filter((f) => !existsSync(f));
        if (missing.length) {
          void vscode.window.showWarningMessage(vscode.l10n.t('The timeline comparison was not restored: {0} no longer exists.', missing.join(', ')));
          panel.dispose();
          return;
        }
        panels.adopt(panel, pairOf(state.baseline, state.current));
      },
    }),
  ];
}
