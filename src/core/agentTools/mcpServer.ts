// The agent tools over the Model Context Protocol (official TypeScript SDK): structured input checked by the
// tool's zod schema, structured output with its schema, remote tools only when allowed, each remote call logged.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { promises as fs } from 'node:fs';
import type { Locale } from '../i18n/locale';
import { callLogged, type AgentTool, type AgentToolContext, type RemoteCallEntry } from './agentTool';
import { appendAgentCall } from './agentCallLog';
import type { RemoteToolEnv } from './remoteToolEnv';
import { agentTools } from './toolRegistry';

const isDirectory = (p: string) => fs.stat(p).then((s) => s.isDirectory(), () => false);

export interface McpServerOptions {
  /** Workspace root: relative paths in tool inputs resolve against it. */
  readonly cwd: string;
  readonly locale: Locale;
  readonly allowRemote: boolean;
  readonly version: string;
  /** Hosts and SSH settings for the remote tools. */
  readonly remote?: RemoteToolEnv;
  /** Tools to serve (default: the registry); tests pass stand-ins. */
  readonly tools?: readonly AgentTool[];
}

export const MCP_SERVER_NAME = 'xllm-workflow';

const INSTRUCTIONS = [
  'Tools of the xLLM NPU workflow (LLM serving optimization on Ascend NPUs).',
  'Every formal run lives in a run root (runs/<kind>/<run_id>/ or profiling/<run_id>/) with a manifest and raw artifacts.',
  'Start with xllm_list_runs to find runs. Base any performance claim on these tools, not on numbers you parse yourself:',
  'a result without gate, warmup, raw logs, manifest or fairness evidence is not a formal gain.',
  'Relative paths resolve against the server root.',
].join(' ');

function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** Builds the server; connect it to a transport (stdio in `xwf mcp`, in-memory in tests). */
export function createMcpServer(options: McpServerOptions): McpServer {
  const tools = (options.tools ?? agentTools({ allowRemote: options.allowRemote })).filter((t) => options.allowRemote || !t.remote);
  const server = new McpServer({ name: MCP_SERVER_NAME, title: 'xLLM NPU Workflow', version: options.version }, { instructions: INSTRUCTIONS });
  const log = (folder: string, entry: RemoteCallEntry) => appendAgentCall(folder, entry, 'mcp').then(() => undefined);
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        outputSchema: tool.outputSchema,
        annotations: { title: tool.title, readOnlyHint: tool.readOnly, destructiveHint: false, idempotentHint: tool.readOnly, openWorldHint: tool.remote },
      },
      async (args: unknown, extra: RequestHandlerExtra<ServerRequest, ServerNotification>): Promise<CallToolResult> => {
        const token = extra._meta?.progressToken;
        let step = 0;
        // Long calls (remote runs) report progress when the client asked for it, which also keeps its timeout from firing.
        const onProgress =
          token === undefined
            ? undefined
            : (message: string, progress?: { done: number; total: number }) =>
                void extra
                  .sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: progress ? progress.done : ++step, ...(progress ? { total: progress.total } : {}), message } })
                  .catch(() => undefined);
        const ctx: AgentToolContext = { cwd: options.cwd, locale: options.locale, signal: extra.signal, remote: options.remote, onProgress };
        const outcome = await callLogged(tool, args, ctx, log, isDirectory);
        if (!outcome.ok) return errorResult(`${outcome.kind === 'usage' ? 'usage error' : outcome.kind === 'environment' ? 'environment error' : 'internal error'}: ${outcome.message}`);
        return {
          content: [{ type: 'text', text: JSON.stringify(outcome.output) }],
          structuredContent: outcome.output as Record<string, unknown>,
        };
      },
    );
  }
  return server;
}
