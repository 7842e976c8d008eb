// `xwf mcp`: the agent tools as a Model Context Protocol server on stdio, for Claude Code, Codex, opencode and others.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer } from '../../core/agentTools/mcpServer';
import { EXIT, EnvironmentError, UsageError, type CliCommand } from '../command';

declare const XWF_VERSION: string | undefined;
const VERSION = typeof XWF_VERSION === 'string' ? XWF_VERSION : '0.1.0';

type Id = string | number;
const requestId = (m: JSONRPCMessage): Id | undefined => ('method' in m && 'id' in m ? m.id : undefined);
const responseId = (m: JSONRPCMessage): Id | undefined => (!('method' in m) && 'id' in m ? m.id : undefined);

/** Counts requests read but not yet answered, so end of input waits for the answers instead of dropping them. */
function trackPending(transport: StdioServerTransport): () => Promise<void> {
  const pending = new Set<Id>();
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (pending.size) return;
    for (const w of waiters) w();
    waiters = [];
  };
  const onmessage = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    const id = requestId(message);
    if (id !== undefined) pending.add(id);
    onmessage?.(message);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message: JSONRPCMessage) => {
    await send(message);
    const id = responseId(message);
    if (id !== undefined && pending.delete(id)) settle();
  };
  return () => (pending.size ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve());
}

export const mcpCommand: CliCommand = {
  name: 'mcp',
  summary: {
    en: 'Serve the workflow tools to coding agents over the Model Context Protocol (stdio)',
    zh: '通过 Model Context Protocol（stdio）向编码智能体提供工作流工具',
  },
  usage: 'mcp [--root <workspace>] [--allow-remote]',
  examples: ['xwf mcp', 'xwf mcp --root ~/xllm-workspace', 'claude mcp add xllm -- xwf mcp --root .'],
  options: { root: { type: 'string' }, 'allow-remote': { type: 'boolean' } },
  optionHelp: {
    root: 'workspace folder relative tool paths resolve against (default: the current folder)',
    'allow-remote': 'also serve the tools that launch work on remote NPU hosts; each call is logged to the run root (agent-calls.jsonl)',
  },
  async run({ positionals, values, io }) {
    if (positionals.length) throw new UsageError('mcp takes no positional arguments');
    const root = path.resolve(io.cwd, typeof values.root === 'string' ? values.root : '.');
    const stat = await fs.stat(root).catch(() => null);
    if (!stat?.isDirectory()) throw new EnvironmentError(`${root}: no such folder`);
    const allowRemote = values['allow-remote'] === true;
    const server = createMcpServer({ cwd: root, locale: io.locale, allowRemote, version: VERSION });
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => (transport.onclose = resolve));
    await server.connect(transport);
    const answered = trackPending(transport);
    // The client closing our stdin ends the session, once the requests already read have been answered.
    process.stdin.once('end', () => void answered().then(() => server.close()));
    // stdout carries the protocol: messages for people go to stderr.
    io.err(`xwf mcp ${VERSION}: serving on stdio (root ${root}${allowRemote ? ', remote tools on' : ''})\n`);
    await closed;
    return EXIT.ok;
  },
};
