// Starts the language server in its own process and speaks LSP to it over stdio, as the extension's client does.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { procMemory } from './memory.mjs';

const rpc = createRequire(import.meta.url)('vscode-jsonrpc/node');

/** Waits for `promise`, failing with `what` after `ms`: a hung server must end the bench with a message, not hang it. */
function within(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)))]).finally(() => clearTimeout(timer));
}

export class LspSession {
  /** Spawns `node <serverJs> --stdio` with `folder` as the only workspace folder. */
  static async start(serverJs, folder, { timeoutMs = 120000 } = {}) {
    const t0 = performance.now();
    const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    const session = new LspSession(child, connection, t0, timeoutMs, () => stderr);
    connection.listen();
    const uri = pathToFileURL(folder).href;
    await within(
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: uri,
        workspaceFolders: [{ uri, name: basename(folder) }],
        capabilities: { textDocument: { publishDiagnostics: {}, completion: { completionItem: { snippetSupport: false } }, hover: {} }, workspace: { workspaceFolders: true } },
        initializationOptions: { locale: 'en', manifestGlobs: [], runRootGlobs: [], diagnosticsDocUri: '' },
      }),
      timeoutMs,
      'the initialize response',
    );
    connection.sendNotification('initialized', {});
    return session;
  }

  constructor(child, connection, startedAt, timeoutMs, stderr) {
    this.child = child;
    this.connection = connection;
    this.startedAt = startedAt;
    this.timeoutMs = timeoutMs;
    this.stderr = stderr;
    this.diagnostics = new Map();
    this.waiters = [];
    this.ready = new Promise((resolve) => connection.onNotification('xllm/serverReady', (params) => resolve({ ...params, atMs: performance.now() - startedAt })));
    connection.onNotification('textDocument/publishDiagnostics', (params) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      for (const w of this.waiters.filter((x) => x.uri === params.uri)) w.resolve(params.diagnostics);
      this.waiters = this.waiters.filter((x) => x.uri !== params.uri);
    });
    connection.onNotification(() => undefined); // log messages and the like
    connection.onRequest(() => null); // configuration or registration requests: nothing to give
  }

  get pid() {
    return this.child.pid;
  }

  memory() {
    return procMemory(this.child.pid);
  }

  whenReady() {
    return within(this.ready, this.timeoutMs, `xllm/serverReady (server stderr: ${this.stderr().slice(-500)})`);
  }

  /** Opens a document and resolves with its first published diagnostics. */
  open(file, text, languageId = 'markdown') {
    const uri = pathToFileURL(file).href;
    const published = new Promise((resolve) => this.waiters.push({ uri, resolve }));
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return { uri, diagnostics: within(published, this.timeoutMs, `diagnostics of ${basename(file)}`) };
  }

  request(method, params) {
    return within(this.connection.sendRequest(method, params), this.timeoutMs, method);
  }

  async stop() {
    try {
      await within(this.connection.sendRequest('shutdown'), 5000, 'shutdown');
      this.connection.sendNotification('exit');
    } catch {
      // The process is killed below either way.
    }
    await new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve();
      }, 3000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

/** RSS of a bare `node -e` process that has started and idles: the floor every Node process pays. */
export async function bareNodeMemory(settleMs = 500) {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const m = procMemory(child.pid);
  child.kill();
  return m;
}
