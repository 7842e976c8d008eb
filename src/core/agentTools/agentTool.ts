// One tool a coding agent can call: typed input and output (zod), the CLI command it mirrors, and a run
// function over the same core the CLI uses. Every agent face (MCP, VS Code language-model tools, skills)
// reads these definitions; none of them re-implements a capability.
import * as path from 'node:path';
import type { z } from 'zod';
import type { Locale } from '../i18n/locale';
import type { RemoteToolEnv } from './remoteToolEnv';

/** What a face knows when a tool runs. */
export interface AgentToolContext {
  /** Relative paths in inputs resolve against this folder (the workspace, or the MCP server's root). */
  readonly cwd: string;
  readonly locale: Locale;
  readonly signal?: AbortSignal;
  /** Hosts and SSH settings; remote tools fail with a clear message when the face has none. */
  readonly remote?: RemoteToolEnv;
  /** Progress of a long call (a remote run), for faces that can show it. */
  readonly onProgress?: (message: string, progress?: { readonly done: number; readonly total: number }) => void;
}

/** One remote call of an agent, as logged to the run root: once when it starts, once when it ends. */
export interface RemoteCallEntry {
  readonly tool: string;
  readonly phase: 'start' | 'end';
  readonly input: unknown;
  readonly host: string | null;
  readonly devices: string | null;
  readonly command: string | null;
  readonly outcome?: 'ok' | 'error';
  /** The summary, or the error message. */
  readonly message?: string;
}

/** usage: the input is wrong (exit 2 in the CLI); environment: the world is not as needed (exit 3). */
export type ToolErrorKind = 'usage' | 'environment';

/** An expected failure with a message written for the agent: what is wrong and where. */
export class AgentToolError extends Error {
  constructor(
    readonly kind: ToolErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** What a tool that launches something remotely shows before it runs, for the user to confirm. */
export interface RemoteLaunch {
  readonly host: string;
  readonly devices: string;
  readonly command: string;
}

export interface AgentToolSpec<I extends z.ZodObject, O extends z.ZodType> {
  /** `xllm_<verb>_<noun>`: letters, digits and underscores (MCP and VS Code both accept it). */
  readonly name: string;
  readonly title: string;
  /** The title in Simplified Chinese (VS Code shows it in a Chinese UI). */
  readonly titleZh: string;
  /** When to use it and what it returns, written for an agent choosing among tools. */
  readonly description: string;
  readonly inputSchema: I;
  readonly outputSchema: O;
  /** Launches anything on a remote host: off in the MCP server unless allowed, confirmed in VS Code. */
  readonly remote: boolean;
  /** Only reads (no file written, nothing started). */
  readonly readOnly: boolean;
  /** The `xwf` command this tool mirrors, the arguments giving the same result, and which part of the output `--json` prints. */
  readonly cli: {
    readonly command: string;
    args(input: z.output<I>): string[];
    json?(output: z.output<O>): unknown;
  };
  /** For remote tools: what the confirmation names (may read the manifest or the run's saved state). */
  launch?(input: z.output<I>, ctx: AgentToolContext): Promise<RemoteLaunch>;
  /** For remote tools: the local run root the call belongs to (its agent-calls.jsonl records the call). */
  runRoot?(input: z.output<I>, ctx: AgentToolContext): Promise<string>;
  /** The call creates its run root and refuses one that exists, so nothing may be written there first. */
  readonly createsRunRoot?: boolean;
  /** One line for a person reading the transcript. */
  summarize(output: z.output<O>, locale: Locale): string;
  run(input: z.output<I>, ctx: AgentToolContext): Promise<z.output<O>>;
}

export type ToolOutcome =
  | { readonly ok: true; readonly output: unknown; readonly summary: string }
  | { readonly ok: false; readonly kind: ToolErrorKind | 'internal'; readonly message: string };

/** A tool with its types erased, so faces can hold every tool in one list. */
export interface AgentTool {
  readonly name: string;
  readonly title: string;
  readonly titleZh: string;
  readonly description: string;
  readonly inputSchema: z.ZodObject;
  readonly outputSchema: z.ZodType;
  readonly remote: boolean;
  readonly readOnly: boolean;
  readonly cliCommand: string;
  /** Parses raw input (usage error text on failure). */
  parseInput(raw: unknown): { ok: true; input: unknown } | { ok: false; message: string };
  /** The CLI arguments (after `xwf`) giving the same result, `--json` included. */
  cliArgs(raw: unknown): string[];
  /** The part of an output that `xwf <command> --json` prints. */
  cliJson(output: unknown): unknown;
  /** Host, devices and command of a remote launch, for the confirmation; null when not remote, or the input or its files are invalid. */
  launch(raw: unknown, ctx: AgentToolContext): Promise<RemoteLaunch | null>;
  /** The local run root a remote call belongs to; null when not remote or the input is invalid. */
  runRoot(raw: unknown, ctx: AgentToolContext): Promise<string | null>;
  readonly createsRunRoot: boolean;
  call(raw: unknown, ctx: AgentToolContext): Promise<ToolOutcome>;
}

/** Zod issues as `field: problem` lines, the way an agent can fix its call. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const where = i.path.length ? i.path.map(String).join('.') : '(input)';
      return `${where}: ${i.message}`;
    })
    .join('; ');
}

export function defineTool<I extends z.ZodObject, O extends z.ZodType>(spec: AgentToolSpec<I, O>): AgentTool {
  const parseInput = (raw: unknown): { ok: true; input: z.output<I> } | { ok: false; message: string } => {
    const parsed = spec.inputSchema.safeParse(raw ?? {});
    return parsed.success ? { ok: true, input: parsed.data } : { ok: false, message: `invalid input for ${spec.name}: ${describeIssues(parsed.error)}` };
  };
  return {
    name: spec.name,
    title: spec.title,
    titleZh: spec.titleZh,
    description: spec.description,
    inputSchema: spec.inputSchema,
    outputSchema: spec.outputSchema,
    remote: spec.remote,
    readOnly: spec.readOnly,
    cliCommand: spec.cli.command,
    createsRunRoot: spec.createsRunRoot === true,
    parseInput,
    cliArgs(raw) {
      const p = parseInput(raw);
      if (!p.ok) throw new AgentToolError('usage', p.message);
      return [spec.cli.command, ...spec.cli.args(p.input), '--json'];
    },
    cliJson: (output) => (spec.cli.json ? spec.cli.json(output as z.output<O>) : output),
    async launch(raw, ctx) {
      const p = parseInput(raw);
      if (!p.ok || !spec.launch) return null;
      return spec.launch(p.input, ctx).catch(() => null);
    },
    async runRoot(raw, ctx) {
      const p = parseInput(raw);
      if (!p.ok || !spec.runRoot) return null;
      return spec.runRoot(p.input, ctx).catch(() => null);
    },
    async call(raw, ctx) {
      const p = parseInput(raw);
      if (!p.ok) return { ok: false, kind: 'usage', message: p.message };
      let output: z.output<O>;
      try {
        output = await spec.run(p.input, ctx);
      } catch (e) {
        if (e instanceof AgentToolError) return { ok: false, kind: e.kind, message: e.message };
        return { ok: false, kind: 'internal', message: `${spec.name} failed: ${(e as Error)?.message ?? String(e)}` };
      }
      // The output schema is a published contract (schemas/, MCP outputSchema): a mismatch is a bug, reported as such.
      const checked = spec.outputSchema.safeParse(output);
      if (!checked.success) return { ok: false, kind: 'internal', message: `${spec.name} produced output that does not match its schema: ${describeIssues(checked.error)}` };
      // The checked value, so every face sends exactly the published shape (tests compare it with the CLI's raw JSON).
      return { ok: true, output: checked.data, summary: spec.summarize(checked.data, ctx.locale) };
    },
  };
}

/**
 * A tool call that, for a remote tool, is logged in its run root before and after it runs (no log, no launch).
 * A run that creates its run root (a new remote run) is logged there once the root exists; a call that never
 * gets one (refused before starting) is logged in the workspace's log instead, so no remote call goes unrecorded.
 */
export async function callLogged(
  tool: AgentTool,
  raw: unknown,
  ctx: AgentToolContext,
  log: (folder: string, entry: RemoteCallEntry) => Promise<void>,
  exists: (folder: string) => Promise<boolean>,
): Promise<ToolOutcome> {
  if (!tool.remote) return tool.call(raw, ctx);
  const root = await tool.runRoot(raw, ctx);
  const launch = await tool.launch(raw, ctx);
  const entry = { tool: tool.name, input: raw, host: launch?.host ?? null, devices: launch?.devices ?? null, command: launch?.command ?? null };
  const start: RemoteCallEntry = { ...entry, phase: 'start' };
  const startedIn = root && (await exists(root)) ? root : tool.createsRunRoot ? null : ctx.cwd;
  if (startedIn) {
    try {
      await log(startedIn, start);
    } catch (e) {
      return { ok: false, kind: 'environment', message: `${tool.name}: cannot record the call in ${startedIn}: ${(e as Error).message}` };
    }
  }
  const outcome = await tool.call(raw, ctx);
  const end: RemoteCallEntry = { ...entry, phase: 'end', outcome: outcome.ok ? 'ok' : 'error', message: outcome.ok ? outcome.summary : outcome.message };
  const endIn = startedIn ?? (root && (await exists(root)) ? root : ctx.cwd);
  try {
    if (!startedIn) await log(endIn, start);
    await log(endIn, end);
  } catch (e) {
    if (outcome.ok) return { ok: false, kind: 'environment', message: `${tool.name} ran, but the call could not be recorded in ${endIn}: ${(e as Error).message}` };
  }
  return outcome;
}

/** A path from a tool input, resolved against the context folder. */
export function resolveInputPath(ctx: AgentToolContext, p: string): string {
  return path.resolve(ctx.cwd, p);
}
