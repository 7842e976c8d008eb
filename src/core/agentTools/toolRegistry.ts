// The one list of agent tools every face serves: the MCP server, VS Code language-model tools and the skill files.
import type { AgentTool } from './agentTool';
import { analyzeTraceTool } from './analyzeTraceTool';
import { collectMetricsTool } from './collectMetricsTool';
import { compareProfilesTool } from './compareProfilesTool';
import { compareRunsTool } from './compareRunsTool';
import { gateVerdictTool } from './gateVerdictTool';
import { listRunsTool } from './listRunsTool';
import { newRunTool } from './newRunTool';
import { patchEventsTool } from './patchEventsTool';
import { prEvidenceTool } from './prEvidenceTool';
import { remoteCancelTool, remoteFetchTool, remoteHostsTool, remoteReattachTool, remoteRunTool, remoteStatusTool } from './remoteRunTools';
import { validateManifestsTool } from './validateManifestsTool';

/** In the order agents usually need them: find runs, check evidence, measure, compare, report. */
export const AGENT_TOOLS: readonly AgentTool[] = [
  listRunsTool,
  validateManifestsTool,
  gateVerdictTool,
  collectMetricsTool,
  compareRunsTool,
  prEvidenceTool,
  analyzeTraceTool,
  compareProfilesTool,
  patchEventsTool,
  newRunTool,
  remoteHostsTool,
  remoteRunTool,
  remoteStatusTool,
  remoteReattachTool,
  remoteCancelTool,
  remoteFetchTool,
];

/** The tools a face offers: remote ones only when remote execution is allowed. */
export function agentTools(options: { allowRemote: boolean }): AgentTool[] {
  return AGENT_TOOLS.filter((t) => options.allowRemote || !t.remote);
}

export function findAgentTool(name: string): AgentTool | undefined {
  return AGENT_TOOLS.find((t) => t.name === name);
}
