// What every trace webview shares: a page that may fetch the trace files itself (and nothing else on disk),
// and the per-file sources it is told to fetch.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MAX_ARGS_BYTES, type ArgsMessage, type TimelineSource, type TraceIdentity } from '../../shared/timelineProtocol';
import { renderWebviewHtml } from '../webview/webviewHtml';
import { readArgsText, traceLabel } from './traceTargets';

/** Sets up a panel for the `bundle` page (dist/webview/<bundle>.js and .css) that reads `files`. */
export function setUpTraceWebview(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, bundle: string, title: string, files: readonly string[]): void {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  // Only the folders of the traces shown: the page can fetch nothing else from disk.
  const folders = [...new Set(files.map((f) => path.dirname(f)))].map((d) => vscode.Uri.file(d));
  panel.webview.options = { enableScripts: true, localResourceRoots: [dist, ...folders] };
  panel.title = title;
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'xllm.svg');
  panel.webview.html = renderWebviewHtml(panel.webview, {
    title,
    script: vscode.Uri.joinPath(dist, `${bundle}.js`),
    styles: [vscode.Uri.joinPath(dist, `${bundle}.css`)],
    allowFetch: true,
    allowWorkers: true,
    lang: vscode.env.language,
  });
}

/** The files of a trace as the page fetches them: label, webview URL and size (-1 when unknown). */
export function traceSources(webview: vscode.Webview, identity: TraceIdentity): Promise<TimelineSource[]> {
  return Promise.all(
    identity.files.map(async (f) => ({
      label: traceLabel(f, identity),
      url: webview.asWebviewUri(vscode.Uri.file(f)).toString(),
      bytes: await vscode.workspace.fs.stat(vscode.Uri.file(f)).then(
        (s) => s.size,
        () => -1,
      ),
    })),
  );
}

/** The answer to a page's request for the `args` bytes of one event of source `source` among `files`. */
export async function argsReply(files: readonly string[], m: { readonly requestId: number; readonly source: number; readonly offset: number; readonly length: number }): Promise<ArgsMessage> {
  const file = files[m.source];
  if (!file) return { type: 'args', requestId: m.requestId, error: `no source ${m.source}` };
  try {
    return { type: 'args', requestId: m.requestId, text: await readArgsText(file, m.offset, m.length, MAX_ARGS_BYTES) };
  } catch (e) {
    return { type: 'args', requestId: m.requestId, error: (e as Error).message };
  }
}
