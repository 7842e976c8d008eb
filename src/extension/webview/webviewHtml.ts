// The one HTML shell every webview uses: strict CSP with a fresh nonce, scripts and styles only from the extension.
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export interface WebviewPage {
  readonly title: string;
  /** Bundled script under dist/webview/. */
  readonly script: vscode.Uri;
  readonly styles?: readonly vscode.Uri[];
  /** Extra sources the page may fetch (e.g. a trace folder), already in localResourceRoots. */
  readonly allowFetch?: boolean;
  /** Workers are created from blob: URLs (loading them from webview resources can hang). */
  readonly allowWorkers?: boolean;
  readonly lang: string;
}

export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderWebviewHtml(webview: vscode.Webview, page: WebviewPage): string {
  const nonce = makeNonce();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    page.allowWorkers ? 'worker-src blob:' : '',
    page.allowFetch ? `connect-src ${webview.cspSource}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const styles = (page.styles ?? []).map((u) => `<link rel="stylesheet" nonce="${nonce}" href="${webview.asWebviewUri(u)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
${styles}
</head>
<body>
<div id="app" role="main"></div>
<script nonce="${nonce}" src="${webview.asWebviewUri(page.script)}"></script>
</body>
</html>`;
}
