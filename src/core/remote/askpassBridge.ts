// SSH_ASKPASS support: ssh runs a tiny script that asks the caller's hook over a private socket; nothing is stored.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { shellQuote } from './shellQuote';

/** Answers an ssh prompt (passphrase, password, host-key question); undefined declines it. */
export type AskpassHook = (prompt: string) => Promise<string | undefined>;

export interface AskpassBridge {
  /** Environment to give ssh so it asks through the hook. */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

// The helper reads the prompt from argv, sends it as one JSON line, prints the answer; exit 1 declines.
const HELPER = `'use strict';
const net = require('node:net');
const sock = net.connect(process.env.XWF_ASKPASS_SOCKET);
let buf = '';
sock.on('connect', () => sock.write(JSON.stringify({ prompt: process.argv[2] || '' }) + '\\n'));
sock.on('data', (d) => { buf += d; });
sock.on('end', () => {
  try { const r = JSON.parse(buf); if (typeof r.answer === 'string') { process.stdout.write(r.answer + '\\n'); process.exit(0); } } catch {}
  process.exit(1);
});
sock.on('error', () => process.exit(1));
`;

/** Starts the bridge in `dir` (a private folder of the transport, mode 0700). */
export async function startAskpassBridge(dir: string, hook: AskpassHook, onPrompt: (prompt: string, answer: string | undefined) => void): Promise<AskpassBridge> {
  const windows = process.platform === 'win32';
  // Windows has no Unix sockets in a folder: a named pipe with an unguessable name instead.
  const socketPath = windows ? `\\\\.\\pipe\\xwf-askpass-${randomBytes(12).toString('hex')}` : path.join(dir, 'askpass.sock');
  const helper = path.join(dir, 'askpass.cjs');
  const script = path.join(dir, windows ? 'askpass.cmd' : 'askpass.sh');
  await fs.writeFile(helper, HELPER, { mode: 0o600 });
  // The script runs the helper with this very runtime; in an editor host that is Electron acting as Node.
  const text = windows
    ? `@echo off\r\nset ELECTRON_RUN_AS_NODE=1\r\n"${process.execPath}" "${helper}" %*\r\n`
    : `#!/bin/sh\nELECTRON_RUN_AS_NODE=1 exec ${shellQuote(process.execPath)} ${shellQuote(helper)} "$1"\n`;
  await fs.writeFile(script, text, { mode: 0o700 });
  const server = net.createServer((conn) => {
    let buf = '';
    conn.on('data', (d) => {
      buf += d.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      let prompt = '';
      try {
        prompt = String((JSON.parse(buf.slice(0, nl)) as { prompt?: unknown }).prompt ?? '');
      } catch {
        conn.end('{}');
        return;
      }
      hook(prompt).then(
        (answer) => {
          onPrompt(prompt, answer);
          conn.end(JSON.stringify(answer === undefined ? {} : { answer }));
        },
        () => conn.end('{}'),
      );
    });
    conn.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  if (!windows) await fs.chmod(socketPath, 0o600);
  return {
    env: { SSH_ASKPASS: script, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: process.env.DISPLAY ?? ':0', XWF_ASKPASS_SOCKET: socketPath },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
