// Clicking an event name in the timeline: the workspace symbol search (the language extensions' own
// index) with the identifiers the core takes out of the name, the best definition opened beside the
// timeline, a pick when several are equally good, the patch's own location when no language knows it.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventSymbolQuery, symbolIdentifier } from '../../core/profiling/eventSymbolName';
import type { OpenSymbolResultMessage, SymbolHint } from '../../shared/timelineProtocol';

type Outcome = Omit<OpenSymbolResultMessage, 'type' | 'requestId'>;

/** Symbol kinds that are a definition someone would open (not a variable or a property named like the op). */
const DEFINITION_KINDS = new Set([
  vscode.SymbolKind.Function,
  vscode.SymbolKind.Method,
  vscode.SymbolKind.Constructor,
  vscode.SymbolKind.Class,
  vscode.SymbolKind.Struct,
  vscode.SymbolKind.Interface,
  vscode.SymbolKind.Module,
  vscode.SymbolKind.Namespace,
  vscode.SymbolKind.Enum,
  vscode.SymbolKind.Operator,
]);

interface Candidate {
  readonly symbol: vscode.SymbolInformation;
  readonly score: number;
  readonly touched: boolean;
}

const posix = (p: string): string => p.split(path.sep).join('/');

/** The column beside the timeline: left of it when it is not the first, else a new one to its right. */
export function besideColumn(panel: vscode.WebviewPanel): vscode.ViewColumn {
  const col = panel.viewColumn;
  return col !== undefined && col > vscode.ViewColumn.One ? ((col - 1) as vscode.ViewColumn) : vscode.ViewColumn.Beside;
}

async function searchSymbols(query: string): Promise<vscode.SymbolInformation[]> {
  const found = await Promise.resolve(vscode.commands.executeCommand<vscode.SymbolInformation[] | undefined>('vscode.executeWorkspaceSymbolProvider', query)).catch(() => undefined);
  return (found ?? []).filter((s) => DEFINITION_KINDS.has(s.kind) && symbolIdentifier(s.name) === query);
}

/** Ranks the definitions of one identifier: in a file the patch touches there, then the file the event names, then inside the checkout. */
function rank(symbols: readonly vscode.SymbolInformation[], hints: readonly SymbolHint[], fileHint: string | undefined, repoPath: string | undefined): Candidate[] {
  const out = symbols.map((symbol) => {
    const file = posix(symbol.location.uri.fsPath);
    const hint = hints.find((h) => file.endsWith(`/${h.file}`) || file === h.file);
    let score = 0;
    if (hint) score += 4 + (Math.abs(symbol.location.range.start.line + 1 - hint.line) <= 40 ? 1 : 0);
    if (fileHint && path.basename(file) === fileHint) score += 2;
    if (repoPath && !path.relative(repoPath, symbol.location.uri.fsPath).startsWith('..')) score += 1;
    return { symbol, score, touched: !!hint };
  });
  return out.sort((a, b) => b.score - a.score || a.symbol.location.uri.fsPath.localeCompare(b.symbol.location.uri.fsPath) || a.symbol.location.range.start.line - b.symbol.location.range.start.line);
}

function describe(uri: vscode.Uri, line: number): string {
  return `${posix(vscode.workspace.asRelativePath(uri, false))}:${line + 1}`;
}

async function reveal(uri: vscode.Uri, range: vscode.Range, column: vscode.ViewColumn): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, selection: new vscode.Range(range.start, range.start), preview: true, preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Finds the source of an event name and opens it in `column`; says why when there is none. */
export async function openEventSource(o: { name: string; hints: readonly SymbolHint[]; repoPath?: string; column: vscode.ViewColumn }): Promise<Outcome> {
  const q = eventSymbolQuery(o.name);
  // The symbols the patch matched come first: they are the definitions the user is changing.
  const queries = [...new Set([...o.hints.map((h) => h.symbol), ...q.queries].filter((x) => /^~?[A-Za-z_]\w*$/.test(x)))];
  let candidates: Candidate[] = [];
  for (const query of queries) {
    const found = await searchSymbols(query);
    if (found.length) {
      candidates = rank(found, o.hints.filter((h) => h.symbol === query), q.file, o.repoPath);
      break;
    }
  }
  try {
    if (candidates.length) {
      let chosen = candidates[0];
      if (candidates.length > 1 && candidates[1].score === chosen.score) {
        type Item = vscode.QuickPickItem & { candidate: Candidate };
        const items: Item[] = candidates.map((c) => ({
          label: c.symbol.name,
          description: describe(c.symbol.location.uri, c.symbol.location.range.start.line),
          detail: [c.symbol.containerName, c.touched ? vscode.l10n.t('touched by this patch') : ''].filter(Boolean).join(' · ') || undefined,
          candidate: c,
        }));
        const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('{0} is defined in several places: open which?', o.name), matchOnDescription: true });
        if (!picked) return { status: 'cancelled' };
        chosen = picked.candidate;
      }
      const loc = chosen.symbol.location;
      await reveal(loc.uri, loc.range, o.column);
      return { status: 'opened', target: describe(loc.uri, loc.range.start.line) };
    }
    // No language indexes the definition (C++ or Python without their extensions): the patch knows where it is.
    const hint = o.hints.find((h) => o.repoPath && existsSync(path.join(o.repoPath, h.file)));
    if (hint && o.repoPath) {
      const uri = vscode.Uri.file(path.join(o.repoPath, hint.file));
      const line = Math.max(0, hint.line - 1);
      await reveal(uri, new vscode.Range(line, 0, line, 0), o.column);
      return { status: 'opened', target: describe(uri, line) };
    }
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not open the source of {0}: {1}', o.name, (e as Error).message));
    return { status: 'failed', message: (e as Error).message };
  }
  const searched = queries.length ? queries.join(', ') : vscode.l10n.t('nothing to search for');
  void vscode.window.showInformationMessage(vscode.l10n.t('No definition of {0} in the workspace symbols (searched: {1}). Symbols come from language extensions: C++ and Python sources need theirs.', o.name, searched));
  return { status: 'none', message: searched };
}
