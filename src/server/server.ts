// The xLLM language server: documents in, core diagnostics/completions/hovers/outline out.
import {
  CompletionItemKind,
  createConnection,
  DocumentSymbol,
  MarkupKind,
  ProposedFeatures,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CompletionItem,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { normalizeLocale, type Locale } from '../core/i18n/locale';
import { SERVER_READY, type ServerReadyParams, type XllmInitOptions } from '../shared/lspProtocol';
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
let options: XllmInitOptions = { locale: 'en', manifestGlobs: [], runRootGlobs: [] };

connection.onInitialize((params: InitializeParams): InitializeResult => {
  options = { ...options, ...(params.initializationOptions as Partial<XllmInitOptions> | undefined) };
  locale = normalizeLocale(options.locale ?? params.locale);
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
    },
    serverInfo: { name: 'xllm-language-server' },
  };
});

connection.onInitialized(async () => {
  // Index run roots once up front: cross-file rules and completions read from it.
  await workspace.index((message) => connection.console.error(message));
  const params: ServerReadyParams = { runCount: workspace.runCount() };
  await connection.sendNotification(SERVER_READY, params);
});

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  for (const change of changes) await workspace.update(URI.parse(change.uri).fsPath);
});

function manifestOf(uri: string) {
  const document = documents.get(uri);
  if (!document || !ManifestCache.isManifest(uri)) return undefined;
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
  return hover ? { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: hover.range } : null;
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

documents.onDidClose((e) => manifests.forget(e.document.uri));
documents.listen(connection);
connection.listen();
