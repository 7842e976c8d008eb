// "Open With... Run Manifest Form": a custom text editor over the manifest document itself, so undo,
// redo, dirty state and the text view stay consistent (every change is a WorkspaceEdit on the text).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { planFieldEdit } from '../../core/manifest/manifestEdits';
import { SECTION_NAMES, isSectionName, keysOf } from '../../core/manifest/manifestSpec';
import { describeReasons, evidenceGrade } from '../../core/diagnostics/evidenceGrade';
import { kindFromFileName } from '../../core/diagnostics/validationContext';
import { normalizeLocale } from '../../core/i18n/locale';
import { parseManifestFile } from '../../core/manifest/manifestFields';
import { readEntries } from '../../core/runs/runDiscovery';
import { isFormToHostMessage, type FormDiagnostic, type FormState, type HostToFormMessage } from '../../shared/manifestFormProtocol';
import { renderWebviewHtml } from '../webview/webviewHtml';

export const MANIFEST_FORM_VIEW_TYPE = 'xllm.manifestForm';

const SEVERITY: Record<vscode.DiagnosticSeverity, FormDiagnostic['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function toFormDiagnostic(d: vscode.Diagnostic): FormDiagnostic {
  const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
  return { severity: SEVERITY[d.severity], code, message: d.message };
}

/** Builds the form from the parsed text and the diagnostics the language server published for it. */
export function buildFormState(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[], runEntries: readonly string[]): FormState {
  const doc = parseManifestFile(document.getText(), document.fileName);
  const locale = normalizeLocale(vscode.env.language);
  const used = new Set<vscode.Diagnostic>();
  const sections = SECTION_NAMES.map((name) => ({
    name,
    present: doc.sections.some((s) => s.known === name),
    fields: keysOf(name).map((spec) => {
      const entry = doc.entries.find((e) => e.key === spec.key);
      const range = entry ? new vscode.Range(entry.range.start.line, entry.range.start.character, entry.range.end.line, entry.range.end.character) : undefined;
      const mine = range ? diagnostics.filter((d) => d.range.intersection(range)) : [];
      mine.forEach((d) => used.add(d));
      return {
        key: spec.key,
        value: entry?.text ?? '',
        present: !!entry,
        type: spec.type,
        values: spec.values,
        doc: vscode.env.language.startsWith('zh') ? spec.doc.zh : spec.doc.en,
        diagnostics: mine.map(toFormDiagnostic),
      };
    }),
  }));
  const general = diagnostics.filter((d) => !used.has(d));
  const grade = evidenceGrade(doc, { runKind: kindFromFileName(document.fileName), entries: runEntries });
  return {
    fileName: path.basename(document.fileName),
    format: doc.format,
    grade: doc.entries.length ? { grade: grade.grade, reasons: describeReasons(grade, locale) } : null,
    sections,
    general: general.map(toFormDiagnostic),
    labels: {
      formal: vscode.l10n.t('Formal evidence'),
      debug: vscode.l10n.t('Debug result, not formal evidence:'),
      openText: vscode.l10n.t('Open as text'),
    },
  };
}

export class ManifestFormEditorProvider implements vscode.CustomTextEditorProvider {
  constructor(private readonly context: vscode.ExtensionContext) {}

  static register(context: vscode.ExtensionContext): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(MANIFEST_FORM_VIEW_TYPE, new ManifestFormEditorProvider(context), {
      webviewOptions: { retainContextWhenHidden: false },
      supportsMultipleEditorsPerDocument: true,
    });
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    panel.webview.html = renderWebviewHtml(panel.webview, {
      title: vscode.l10n.t('Run Manifest Form'),
      script: vscode.Uri.joinPath(dist, 'manifestForm.js'),
      styles: [vscode.Uri.joinPath(dist, 'manifestForm.css')],
      lang: vscode.env.language,
    });
    let ready = false;
    const post = () => {
      if (!ready) return; // queued until the page says it is listening
      void readEntries(path.dirname(document.uri.fsPath)).catch(() => [] as string[]).then((entries) => {
        const message: HostToFormMessage = { type: 'state', state: buildFormState(document, vscode.languages.getDiagnostics(document.uri), entries) };
        void panel.webview.postMessage(message);
      });
    };
    const subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === document.uri.toString()) post();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === document.uri.toString())) post();
      }),
      panel.webview.onDidReceiveMessage(async (message: unknown) => {
        if (!isFormToHostMessage(message)) return; // never trust the page
        if (message.type === 'ready') {
          ready = true;
          post();
        } else if (message.type === 'openText') {
          await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });
        } else if (message.type === 'edit' && isSectionName(message.section)) {
          const doc = parseManifestFile(document.getText(), document.fileName);
          const edit = planFieldEdit(doc, message.section, message.key, message.value);
          const workspaceEdit = new vscode.WorkspaceEdit();
          workspaceEdit.replace(document.uri, new vscode.Range(document.positionAt(edit.startOffset), document.positionAt(edit.endOffset)), edit.newText);
          await vscode.workspace.applyEdit(workspaceEdit);
        }
      }),
    ];
    panel.onDidDispose(() => subscriptions.forEach((s) => s.dispose()));
  }
}
