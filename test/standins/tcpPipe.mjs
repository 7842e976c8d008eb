#!/usr/bin/env node
// ssh ProxyCommand for a test host inside its own network namespace: joins stdin/stdout to host:port there.
import * as net from 'node:net';

const [host, port] = process.argv.slice(2);
const socket = net.connect(Number(port), host);
process.stdin.pipe(socket);
socket.pipe(process.stdout);
socket.on('error', (e) => {
  process.stderr.write(`tcpPipe: ${e.message}\n`);
  process.exit(1);
});
socket.on('close', () => process.exit(0));
