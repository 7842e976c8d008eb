// The open panels of one webview kind, each bound to what it shows: opening the same thing again reveals its
// panel, and a panel restored after a reload is adopted the same way as a new one.
import * as vscode from 'vscode';

export interface PanelSession extends vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
}

export class PanelSessions<K, S extends PanelSession> implements vscode.Disposable {
  private readonly sessions = new Set<S>();

  constructor(
    private readonly viewType: string,
    private readonly title: (key: K) => string,
    private readonly create: (panel: vscode.WebviewPanel, key: K) => S,
    private readonly shows: (session: S, key: K) => boolean,
  ) {}

  /** Opens `key` beside the active editor, or reveals the panel already showing it. */
  open(key: K): S {
    for (const s of this.sessions) {
      if (this.shows(s, key)) {
        s.panel.reveal(vscode.ViewColumn.Beside);
        return s;
      }
    }
    const panel = vscode.window.createWebviewPanel(this.viewType, this.title(key), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, { enableScripts: true, retainContextWhenHidden: true });
    return this.adopt(panel, key);
  }

  /** Takes over a panel (new, or restored by the serializer). */
  adopt(panel: vscode.WebviewPanel, key: K): S {
    const session = this.create(panel, key);
    this.sessions.add(session);
    panel.onDidDispose(() => {
      this.sessions.delete(session);
      session.dispose();
    });
    return session;
  }

  /** Open sessions (tests). */
  all(): S[] {
    return [...this.sessions];
  }

  dispose(): void {
    for (const s of this.sessions) s.panel.dispose();
  }
}
