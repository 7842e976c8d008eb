// Starts the xLLM language server over IPC and owns its lifetime.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_READY, type ServerReadyParams, type XllmInitOptions } from '../shared/lspProtocol';
import { manifestGlobs, runsConfig } from './config';
import { log } from './log';

export type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

export class XllmLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private state: ServerState = 'stopped';
  private ready: Promise<void> = Promise.resolve();

  constructor(private readonly context: vscode.ExtensionContext) {}

  get serverState(): ServerState {
    return this.state;
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  start(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const documentSelector = [
      { scheme: 'file', pattern: '**/manifest.md' },
      { scheme: 'file', pattern: '**/manifest.{yaml,yml}' },
      { scheme: 'file', pattern: '**/{metrics,score,request_config,analysis,config}.json' },
      ...manifestGlobs().map((pattern) => ({ scheme: 'file', pattern })),
    ];
    const initializationOptions: XllmInitOptions = {
      locale: vscode.env.language,
      manifestGlobs: manifestGlobs(),
      runRootGlobs: runsConfig().roots,
      diagnosticsDocUri: vscode.Uri.joinPath(this.context.extensionUri, 'docs', 'diagnostics.md').toString(),
      yamlExtension: !!vscode.extensions.getExtension('redhat.vscode-yaml'),
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector,
      initializationOptions,
      outputChannel: log(),
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{runs,profiling}/**') },
    };
    this.client = new LanguageClient('xllm', 'xLLM Language Server', serverOptions, clientOptions);
    this.state = 'starting';
    const client = this.client;
    this.ready = new Promise<void>((resolve, reject) => {
      client.onNotification(SERVER_READY, (p: ServerReadyParams) => {
        log().info(`language server ready (${p.runCount} run roots indexed)`);
        resolve();
      });
      client.start().then(
        () => {
          this.state = 'running';
        },
        (e: Error) => {
          this.state = 'failed';
          log().error(`language server failed to start: ${e.message}`);
          reject(e);
        },
      );
    });
    this.ready.catch(() => undefined);
    return this.ready;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.state = 'stopped';
    if (client) await client.stop().catch(() => undefined);
  }

  dispose(): void {
    void this.stop();
  }
}
