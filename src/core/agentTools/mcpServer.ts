// The agent tools over the Model Context Protocol (official TypeScript SDK): structured input checked by the
// tool's zod schema, structured output with its schema, remote tools only when allowed, each remote call logged.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Locale } from '../i18n/locale';
import { callLogged, type AgentTool, type AgentToolContext, type RemoteCallEntry } from './agentTool';
import { appendAgentCall } from './agentCallLog';
import { agentTools } from './toolRegistry';

export interface McpServerOptions {
  /** Workspace root: relative paths in tool inputs resolve against it. */
  readonly cwd: string;
  readonly locale: Locale;
  readonly allowRemote: boolean;
  readonly version: string;
  /** Where remote-call log lines go (default: agent-calls.jsonl in the call's run root). Tests and callers may observe. */
  readonly logRemoteCall?: (runRoot: string, entry: RemoteCallEntry) => Promise<void>;
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
  const log = options.logRemoteCall ?? ((root: string, entry: RemoteCallEntry) => appendAgentCall(root, entry, 'mcp').then(() => undefined));
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
      async (args: unknown, extra: { signal: AbortSignal }): Promise<CallToolResult> => {
        const ctx: AgentToolContext = { cwd: options.cwd, locale: options.locale, signal: extra.signal };
        const outcome = await callLogged(tool, args, ctx, log);
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
