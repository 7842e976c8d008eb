// Every remote action an agent takes is appended to the run root's agent-calls.jsonl, one JSON object a line,
// so the evidence says which runs an agent started, with what input, and how each call ended.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RemoteCallEntry } from './agentTool';

export const AGENT_CALL_LOG = 'agent-calls.jsonl';

export interface AgentCallLine extends RemoteCallEntry {
  readonly time: string;
  /** Which face made the call (mcp, vscode). */
  readonly via: string;
}

/** Appends one line; the folder is created when missing. A single write of one line keeps lines whole under O_APPEND. */
export async function appendAgentCall(folder: string, entry: RemoteCallEntry, via: string, now = new Date()): Promise<string> {
  const file = path.join(folder, AGENT_CALL_LOG);
  const line: AgentCallLine = { time: now.toISOString(), via, ...entry };
  await fs.mkdir(folder, { recursive: true });
  await fs.appendFile(file, `${JSON.stringify(line)}\n`, 'utf8');
  return file;
}
