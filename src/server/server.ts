// The xLLM language server: documents in, core diagnostics/completions/hovers/outline out.
import {
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DocumentSymbol,
  MarkupKind,
  ProposedFeatures,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CompletionItem,
  type Diagnostic as LspDiagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { normalizeLocale, type Locale } from '../core/i18n/locale';
import { CLIENT_COMMANDS, SERVER_READY, type ServerReadyParams, type XllmInitOptions } from '../shared/lspProtocol';
import { DIAGNOSTIC_CODES, type FixData } from '../core/diagnostics/diagnostic';
import { fillCodeFromGitAction, planQuickFix, type QuickFix } from '../core/diagnostics/quickFixes';
import { DocumentValidator } from './documentValidator';
import { manifestCompletions } from '../core/manifest/manifestCompletion';
import { manifestHover } from '../core/manifest/manifestHover';
import { manifestFolding, manifestOutline, type OutlineSymbol } from '../core/manifest/manifestOutline';
import { ManifestCache } from './manifestCache';
import { WorkspaceRuns } from './workspaceRuns';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const manifests = new ManifestCache();
const workspace = new WorkspaceRuns();
let locale: Locale = 'en';
let options: XllmInitOptions = { locale: 'en', manifestGlobs: [], runRootGlobs: [], diagnosticsDocUri: '', yamlExtension: false };
const validator = new DocumentValidator(
  manifests,
  workspace,
  (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
  () => locale,
  () => options.diagnosticsDocUri,
  () => options.yamlExtension,
);

connection.onInitialize((params: InitializeParams): InitializeResult => {
  options = { ...options, ...(params.initializationOptions as Partial<XllmInitOptions> | undefined) };
  locale = normalizeLocale(options.locale ?? params.locale);
  manifests.setGlobs(options.manifestGlobs);
  for (const folder of params.workspaceFolders ?? []) {
    const uri = URI.parse(folder.uri);
    if (uri.scheme === 'file') workspace.addFolder(uri.fsPath, options.runRootGlobs);
  }
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [':', ' ', '#', '-'] },
      hoverProvider: true,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Source] },
    },
    serverInfo: { name: 'xllm-language-server' },
  };
});

connection.onInitialized(async () => {
  // Index run roots once up front: cross-file rules and completions read from it.
  await workspace.index((message) => connection.console.error(message));
  const params: ServerReadyParams = { runCount: workspace.runCount() };
  // Documents opened while indexing are validated now that cross-file rules can see every run.
  for (const document of documents.all()) validator.schedule(document);
  await connection.sendNotification(SERVER_READY, params);
});

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  // Each change re-reads only the run it touched (its record for the cross-file rules and completion).
  for (const change of changes) await workspace.update(URI.parse(change.uri).fsPath);
  // Artifacts beside an open manifest changed (metrics.json, env/): its cross-file findings may change too.
  for (const document of documents.all()) validator.schedule(document);
});

documents.onDidChangeContent((e) => validator.schedule(e.document));

function toLspAction(uri: string, fix: QuickFix, diagnostic?: LspDiagnostic): CodeAction {
  const document = documents.get(uri)!;
  if (fix.kind === 'command') {
    const action = CodeAction.create(fix.title, { title: fix.title, command: CLIENT_COMMANDS[fix.command], arguments: [uri] }, diagnostic ? CodeActionKind.QuickFix : CodeActionKind.Source);
    if (diagnostic) action.diagnostics = [diagnostic];
    return action;
  }
  const edits = fix.edits.map((e) => ({ range: { start: document.positionAt(e.startOffset), end: document.positionAt(e.endOffset) }, newText: e.newText }));
  const action = CodeAction.create(fix.title, { changes: { [uri]: edits } }, CodeActionKind.QuickFix);
  if (diagnostic) action.diagnostics = [diagnostic];
  if (fix.preferred) action.isPreferred = true;
  return action;
}

connection.onCodeAction(({ textDocument, context }) => {
  const doc = manifestOf(textDocument.uri);
  if (!doc) return [];
  const actions: CodeAction[] = [];
  // Fix data is looked up in our own findings: a client may hand back diagnostics without their `data`.
  const ours = validator.diagnosticsOf(textDocument.uri);
  for (const d of context.diagnostics) {
    if (d.source !== 'xwf') continue;
    const same = ours.find((o) => o.code === d.code && o.range.start.line === d.range.start.line && o.range.start.character === d.range.start.character);
    const data = (d.data as FixData | undefined) ?? same?.data;
    if (!data) continue;
    const fix = planQuickFix(doc, d.range, data, locale);
    if (fix) actions.push(toLspAction(textDocument.uri, fix, d));
  }
  if (!context.only || context.only.some((k) => k.startsWith(CodeActionKind.Source))) actions.push(toLspAction(textDocument.uri, fillCodeFromGitAction(locale)));
  return actions;
});

function manifestOf(uri: string) {
  const document = documents.get(uri);
  if (!document || !manifests.isManifest(uri)) return undefined;
  return manifests.get(document);
}

connection.onCompletion(({ textDocument, position }): CompletionItem[] => {
  const doc = manifestOf(textDocument.uri);
  if (!doc) return [];
  const file = URI.parse(textDocument.uri).fsPath;
  const items = manifestCompletions(doc, position, {
    locale,
    workspaceValues: workspace.valuesByKey(),
    runEntries: workspace.entriesOfRunContaining(file),
  });
  const kinds = { section: CompletionItemKind.Module, key: CompletionItemKind.Property, value: CompletionItemKind.Value, path: CompletionItemKind.File };
  return items.map((c) => ({
    label: c.label,
    kind: kinds[c.kind],
    detail: c.detail,
    documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
    sortText: c.sortText,
    textEdit: { range: c.replace, newText: c.insertText },
  }));
});

connection.onHover(({ textDocument, position }) => {
  const doc = manifestOf(textDocument.uri);
  const hover = doc && manifestHover(doc, position, locale);
  // The rule behind each finding under the cursor, with a link to its page.
  const inside = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    (position.line > r.start.line || (position.line === r.start.line && position.character >= r.start.character)) &&
    (position.line < r.end.line || (position.line === r.end.line && position.character <= r.end.character));
  const rules = validator
    .diagnosticsOf(textDocument.uri)
    .filter((d) => inside(d.range))
    .map((d) => `**${d.code}** · ${DIAGNOSTIC_CODES[d.code]} — [${locale === 'zh-cn' ? '规则说明' : 'about this rule'}](${options.diagnosticsDocUri}#${d.code.toLowerCase()})`);
  if (!hover && !rules.length) return null;
  const value = [hover?.markdown, ...rules].filter(Boolean).join('\n\n---\n\n');
  return { contents: { kind: MarkupKind.Markdown, value }, range: hover?.range };
});

function toSymbol(s: OutlineSymbol): DocumentSymbol {
  return DocumentSymbol.create(s.name, s.detail || undefined, s.kind === 'section' ? SymbolKind.Namespace : SymbolKind.Field, s.range, s.selectionRange, s.children.map(toSymbol));
}

connection.onDocumentSymbol(({ textDocument }) => {
  const doc = manifestOf(textDocument.uri);
  return doc ? manifestOutline(doc).map(toSymbol) : [];
});

connection.onFoldingRanges(({ textDocument }) => {
  const doc = manifestOf(textDocument.uri);
  return doc ? manifestFolding(doc) : [];
});

documents.onDidClose((e) => {
  manifests.forget(e.document.uri);
  validator.clear(e.document.uri);
});
documents.listen(connection);
connection.listen();
