// `xwf mcp`: the agent tools as a Model Context Protocol server on stdio, for Claude Code, Codex, opencode and others.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer } from '../../core/agentTools/mcpServer';
import { readHostsFile, type RemoteToolEnv } from '../../core/agentTools/remoteToolEnv';
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
  usage: 'mcp [--root <workspace>] [--allow-remote] [--hosts-file <json>] [--ssh-config <file>]',
  examples: ['xwf mcp', 'xwf mcp --root ~/xllm-workspace', 'xwf mcp --allow-remote --hosts-file hosts.json', 'claude mcp add xllm -- xwf mcp --root .'],
  options: { root: { type: 'string' }, 'allow-remote': { type: 'boolean' }, 'hosts-file': { type: 'string' }, 'ssh-config': { type: 'string' } },
  optionHelp: {
    root: 'workspace folder relative tool paths resolve against (default: the current folder)',
    'allow-remote': 'also serve the tools that run, cancel, reattach or fetch work on remote NPU hosts; each call is logged to the run root (agent-calls.jsonl)',
    'hosts-file': 'JSON list of hosts, or a settings.json with xllm.remote.hosts (default: $XWF_HOSTS_FILE); read at each call',
    'ssh-config': 'ssh_config file to use instead of ~/.ssh/config',
  },
  async run({ positionals, values, io }) {
    if (positionals.length) throw new UsageError('mcp takes no positional arguments');
    const root = path.resolve(io.cwd, typeof values.root === 'string' ? values.root : '.');
    const stat = await fs.stat(root).catch(() => null);
    if (!stat?.isDirectory()) throw new EnvironmentError(`${root}: no such folder`);
    const allowRemote = values['allow-remote'] === true;
    const hostsFile = typeof values['hosts-file'] === 'string' ? values['hosts-file'] : io.env.XWF_HOSTS_FILE;
    const remote: RemoteToolEnv | undefined = hostsFile
      ? {
          hosts: () => readHostsFile(path.resolve(io.cwd, hostsFile)),
          sshConfigFile: typeof values['ssh-config'] === 'string' ? path.resolve(io.cwd, values['ssh-config']) : undefined,
        }
      : undefined;
    const server = createMcpServer({ cwd: root, locale: io.locale, allowRemote, version: VERSION, remote });
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
