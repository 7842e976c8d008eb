// The xLLM language server: documents in, core diagnostics/completions/hovers/fixes out.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { RunIndex } from '../core/runs/runIndex';
import { SERVER_READY, type ServerReadyParams, type XllmInitOptions } from '../shared/lspProtocol';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const indexes: RunIndex[] = [];
let options: XllmInitOptions = { locale: 'en', manifestGlobs: [], runRootGlobs: [] };

connection.onInitialize((params: InitializeParams): InitializeResult => {
  options = { ...options, ...(params.initializationOptions as Partial<XllmInitOptions> | undefined) };
  for (const folder of params.workspaceFolders ?? []) {
    const uri = URI.parse(folder.uri);
    if (uri.scheme === 'file') indexes.push(new RunIndex(uri.fsPath, { roots: options.runRootGlobs }));
  }
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
    },
    serverInfo: { name: 'xllm-language-server' },
  };
});

connection.onInitialized(async () => {
  // Index run roots once up front: cross-file rules (baselines, other runs' values) read from it.
  await Promise.all(indexes.map((i) => i.rescan().catch((e: Error) => connection.console.error(`indexing ${i.folder}: ${e.message}`))));
  const params: ServerReadyParams = { runCount: indexes.reduce((n, i) => n + i.runs().length, 0) };
  await connection.sendNotification(SERVER_READY, params);
});

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  for (const change of changes) {
    const file = URI.parse(change.uri).fsPath;
    for (const index of indexes) if (file.startsWith(index.folder)) await index.update(file);
  }
});

documents.listen(connection);
connection.listen();
