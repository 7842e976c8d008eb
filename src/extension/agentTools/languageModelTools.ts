// The agent tools as VS Code language-model tools (agent mode): the same registry and core as `xwf` and the
// MCP server; a tool that launches anything remotely asks the user first, naming host, devices and command.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { callLogged, type AgentTool, type AgentToolContext } from '../../core/agentTools/agentTool';
import { appendAgentCall } from '../../core/agentTools/agentCallLog';
import type { RemoteToolEnv } from '../../core/agentTools/remoteToolEnv';
import { AGENT_TOOLS } from '../../core/agentTools/toolRegistry';
import { normalizeLocale } from '../../core/i18n/locale';
import { askpassPrompt } from '../remote/askpassPrompt';
import { remoteSettings } from '../remote/remoteSettings';

type ToolInput = Record<string, unknown>;

const isDirectory = (p: string) => fs.stat(p).then((s) => s.isDirectory(), () => false);

function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') throw new Error(vscode.l10n.t('Open a workspace folder on disk first: the xLLM tools resolve paths against it.'));
  return folder.uri.fsPath;
}

/** Hosts come from the xllm.remote.hosts setting; ssh prompts (password, OTP) go to an input box, never stored. */
const REMOTE_ENV: RemoteToolEnv = {
  hosts: () => {
    const s = remoteSettings();
    return Promise.resolve({ hosts: [...s.hosts], problems: [...s.problems], source: 'the xllm.remote.hosts setting' });
  },
  get sshConfigFile() {
    return remoteSettings().sshConfigFile;
  },
  askpass: (host) => askpassPrompt(host.name),
};

function context(): AgentToolContext {
  return { cwd: workspaceRoot(), locale: normalizeLocale(vscode.env.language), remote: REMOTE_ENV };
}

function toolTitle(tool: AgentTool): string {
  return normalizeLocale(vscode.env.language) === 'zh-cn' ? tool.titleZh : tool.title;
}

class AgentLanguageModelTool implements vscode.LanguageModelTool<ToolInput> {
  constructor(private readonly tool: AgentTool) {}

  async prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<ToolInput>): Promise<vscode.PreparedToolInvocation> {
    const invocationMessage = vscode.l10n.t('xLLM: {0}', toolTitle(this.tool));
    if (!this.tool.remote) return { invocationMessage };
    if (!vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('Remote execution is disabled in untrusted workspaces.'));
    const launch = await this.tool.launch(options.input, context());
    if (!launch) throw new Error(vscode.l10n.t('The input of {0} is not valid, or its manifest, host or run cannot be read; nothing was started.', this.tool.name));
    const message = new vscode.MarkdownString();
    message.appendMarkdown(vscode.l10n.t('Host: **{0}**', launch.host) + '\n\n');
    message.appendMarkdown(vscode.l10n.t('Devices: **{0}**', launch.devices) + '\n\n');
    message.appendMarkdown(vscode.l10n.t('Command:') + '\n');
    message.appendCodeblock(launch.command, 'shell');
    return { invocationMessage, confirmationMessages: { title: vscode.l10n.t('Run on remote host {0}?', launch.host), message } };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<ToolInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    if (this.tool.remote && !vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('Remote execution is disabled in untrusted workspaces.'));
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const ctx: AgentToolContext = { ...context(), signal: abort.signal };
      const outcome = await callLogged(this.tool, options.input, ctx, (folder, entry) => appendAgentCall(folder, entry, 'vscode').then(() => undefined), isDirectory);
      // A thrown error reaches the model as the tool's answer; its message says what to fix.
      if (!outcome.ok) throw new Error(outcome.message);
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(outcome.summary), new vscode.LanguageModelTextPart(JSON.stringify(outcome.output))]);
    } finally {
      sub.dispose();
    }
  }
}

/** Registers every tool of the registry under the name package.json contributes it with. */
export function registerLanguageModelTools(): vscode.Disposable[] {
  return AGENT_TOOLS.map((tool) => vscode.lm.registerTool<ToolInput>(tool.name, new AgentLanguageModelTool(tool)));
}
