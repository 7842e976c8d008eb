import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { z } from 'zod';
import { AgentToolError, defineTool, type AgentTool } from '../../../src/core/agentTools/agentTool';
import { AGENT_CALL_LOG } from '../../../src/core/agentTools/agentCallLog';
import { createMcpServer } from '../../../src/core/agentTools/mcpServer';
import { AGENT_TOOLS, findAgentTool } from '../../../src/core/agentTools/toolRegistry';
import { toolInputJsonSchema } from '../../../src/core/agentTools/toolJsonSchema';
import { writeSampleWorkspace } from '../../../src/core/sample/sampleWorkspace';
import { REPO_ROOT } from '../../support/paths';
import { makeTempDir } from '../../support/tempDir';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

interface ToolResult {
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

describe('xwf mcp over stdio, driven by the MCP SDK client', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => void;
  let ws: string;
  let client: Client;
  let stderr = '';

  before(async () => {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: build first (node scripts/build.mjs)');
    ({ dir, cleanup } = makeTempDir('xwf-mcp-'));
    ws = path.join(dir, 'ws');
    await writeSampleWorkspace(ws);
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', '--root', ws], stderr: 'pipe', env: { PATH: process.env.PATH ?? '', XWF_LANG: 'en' } });
    transport.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
    client = new Client({ name: 'xwf-test', version: '1.0.0' });
    await client.connect(transport);
  });
  after(async () => {
    await client?.close();
    cleanup();
  });

  const call = (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args }) as Promise<ToolResult>;

  it('introduces itself and lists the registry tools with their schemas, and no remote tool', async () => {
    assert.equal(client.getServerVersion()?.name, 'xllm-workflow');
    assert.match(client.getInstructions() ?? '', /run root/);
    const { tools } = await client.listTools();
    const local = AGENT_TOOLS.filter((t) => !t.remote);
    assert.deepEqual(tools.map((t) => t.name), local.map((t) => t.name));
    for (const listed of tools) {
      const tool = findAgentTool(listed.name)!;
      assert.equal(listed.description, tool.description);
      assert.equal(listed.title, tool.title);
      assert.deepEqual(listed.inputSchema.properties, toolInputJsonSchema(tool).properties);
      assert.equal(listed.outputSchema?.type, 'object');
      assert.equal(listed.annotations?.readOnlyHint, tool.readOnly);
      assert.equal(listed.annotations?.openWorldHint, false);
    }
    assert.match(stderr, /serving on stdio/);
  });

  it('validates the sample workspace: structured findings that match the output schema and the registry', async () => {
    const result = await call('xllm_validate_manifests', { paths: ['runs/perf'] });
    assert.notEqual(result.isError, true, JSON.stringify(result.content));
    const tool = findAgentTool('xllm_validate_manifests')!;
    const out = tool.outputSchema.parse(result.structuredContent) as { files_checked: number; findings: { file: string; code: string }[] };
    assert.ok(out.files_checked >= 4);
    // The smoke run is a debug result; its manifest says so with a stable code.
    assert.ok(out.findings.some((f) => f.file === 'runs/perf/qwen3-32b-tp4-smoke/manifest.md' && /^XWF3\d\d$/.test(f.code)), JSON.stringify(out.findings.slice(0, 5)));
    assert.deepEqual(JSON.parse(result.content[0].text!), result.structuredContent);
    const direct = await tool.call({ paths: ['runs/perf'] }, { cwd: ws, locale: 'en' });
    assert.ok(direct.ok);
    assert.deepEqual(result.structuredContent, direct.output);
  });

  it('analyzes a profiling capture into the tables and the decode-step gap summary', async () => {
    const result = await call('xllm_analyze_trace', { target: 'profiling/qwen3-32b-decode-baseline' });
    assert.notEqual(result.isError, true, JSON.stringify(result.content));
    const out = findAgentTool('xllm_analyze_trace')!.outputSchema.parse(result.structuredContent) as {
      events: number;
      kernel_table: { rows: unknown[] };
      gap_summary: { pair_count: number; gap_median_us: number | null };
    };
    assert.ok(out.events > 1000, String(out.events));
    assert.ok(out.kernel_table.rows.length > 0);
    assert.ok(out.gap_summary.pair_count > 0 && out.gap_summary.gap_median_us !== null, JSON.stringify(out.gap_summary));
  });

  it('answers a bad argument with an error naming the field, and keeps serving', async () => {
    const bad = await call('xllm_list_runs', { folder: 7 });
    assert.equal(bad.isError, true);
    assert.match(bad.content[0].text!, /folder/);
    const unknownKey = await call('xllm_list_runs', { fodler: '.' });
    assert.equal(unknownKey.isError, true);
    assert.match(unknownKey.content[0].text!, /fodler/);
    const missing = await call('xllm_gate_verdict', { target: 'runs/perf/not-there' });
    assert.equal(missing.isError, true);
    assert.match(missing.content[0].text!, /environment error: .*not-there/);
    const ok = await call('xllm_list_runs', {});
    assert.equal((ok.structuredContent as { count: number }).count, 9);
  });
});

describe('MCP server remote tools', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir('xwf-mcp-remote-')));
  afterEach(() => cleanup());

  /** A stand-in remote tool: records that it ran instead of reaching a host. */
  function standIn(runRoot: string, ran: string[]): AgentTool {
    return defineTool({
      name: 'xllm_remote_standin',
      title: 'Remote stand-in',
      titleZh: '远程替身',
      description: 'A remote tool for tests.',
      inputSchema: z.strictObject({ host: z.string() }),
      outputSchema: z.object({ run_root: z.string() }),
      remote: true,
      readOnly: false,
      cli: { command: 'remote', args: (i) => [i.host] },
      launch: (i) => Promise.resolve({ host: i.host, devices: '0,1', command: 'evalscope perf ...' }),
      runRoot: () => Promise.resolve(runRoot),
      summarize: () => 'ran',
      async run(i) {
        ran.push(i.host);
        return { run_root: runRoot };
      },
    });
  }

  async function connect(allowRemote: boolean, tools: AgentTool[]): Promise<Client> {
    const server = createMcpServer({ cwd: dir, locale: 'en', allowRemote, version: 'test', tools });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: 't', version: '1' });
    await client.connect(b);
    return client;
  }

  it('serves no remote tool unless remote execution is allowed', async () => {
    const ran: string[] = [];
    const tools = [findAgentTool('xllm_list_runs')!, standIn(path.join(dir, 'run'), ran)];
    const off = await connect(false, tools);
    assert.deepEqual((await off.listTools()).tools.map((t) => t.name), ['xllm_list_runs']);
    const refused = (await off.callTool({ name: 'xllm_remote_standin', arguments: { host: 'npu1' } })) as ToolResult;
    assert.equal(refused.isError, true);
    assert.deepEqual(ran, []);
    const on = await connect(true, tools);
    const listed = (await on.listTools()).tools.find((t) => t.name === 'xllm_remote_standin');
    assert.equal(listed?.annotations?.openWorldHint, true);
  });

  it('logs every remote call to agent-calls.jsonl in the run root, before and after it runs', async () => {
    const ran: string[] = [];
    const root = path.join(dir, 'runs', 'perf', 'r1');
    mkdirSync(root, { recursive: true });
    const client = await connect(true, [standIn(root, ran)]);
    const result = (await client.callTool({ name: 'xllm_remote_standin', arguments: { host: 'npu-a' } })) as ToolResult;
    assert.notEqual(result.isError, true);
    assert.deepEqual(ran, ['npu-a']);
    const lines = readFileSync(path.join(root, AGENT_CALL_LOG), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines.map((l) => [l.phase, l.tool, l.host, l.devices, l.via]), [
      ['start', 'xllm_remote_standin', 'npu-a', '0,1', 'mcp'],
      ['end', 'xllm_remote_standin', 'npu-a', '0,1', 'mcp'],
    ]);
    assert.equal(lines[1].outcome, 'ok');
    assert.deepEqual(lines[0].input, { host: 'npu-a' });
    assert.ok(!Number.isNaN(Date.parse(String(lines[0].time))));
  });

  it('logs a call that creates its run root there once it exists, and a refused one in the workspace', async () => {
    const root = path.join(dir, 'runs', 'perf', 'new-run');
    const creator = defineTool({
      name: 'xllm_remote_creator',
      title: 'Creator',
      titleZh: '创建者',
      description: 'A remote tool that creates its run root and refuses one that exists.',
      inputSchema: z.strictObject({ fail: z.boolean() }),
      outputSchema: z.object({ ok: z.boolean() }),
      remote: true,
      readOnly: false,
      createsRunRoot: true,
      cli: { command: 'remote', args: () => [] },
      launch: () => Promise.resolve({ host: 'h', devices: '0', command: 'c' }),
      runRoot: () => Promise.resolve(root),
      summarize: () => 'made',
      async run(i) {
        assert.ok(!existsSync(root), 'nothing was written into the run root before the run made it');
        if (i.fail) throw new AgentToolError('usage', 'manifest_invalid');
        mkdirSync(root, { recursive: true });
        return { ok: true };
      },
    });
    const client = await connect(true, [creator]);
    const refused = (await client.callTool({ name: 'xllm_remote_creator', arguments: { fail: true } })) as ToolResult;
    assert.equal(refused.isError, true);
    const workspaceLog = readFileSync(path.join(dir, AGENT_CALL_LOG), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(workspaceLog.map((l) => [l.phase, l.outcome]), [['start', undefined], ['end', 'error']]);
    const made = (await client.callTool({ name: 'xllm_remote_creator', arguments: { fail: false } })) as ToolResult;
    assert.notEqual(made.isError, true);
    const runLog = readFileSync(path.join(root, AGENT_CALL_LOG), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(runLog.map((l) => [l.phase, l.outcome]), [['start', undefined], ['end', 'ok']]);
  });

  it('does not launch a remote call it cannot log', async () => {
    const ran: string[] = [];
    const root = path.join(dir, 'runs', 'perf', 'r2');
    // The log file's place is taken by a folder, so the line cannot be appended.
    mkdirSync(path.join(root, AGENT_CALL_LOG), { recursive: true });
    const client = await connect(true, [standIn(root, ran)]);
    const result = (await client.callTool({ name: 'xllm_remote_standin', arguments: { host: 'npu-a' } })) as ToolResult;
    assert.equal(result.isError, true);
    assert.match(result.content[0].text!, /cannot record the call/);
    assert.deepEqual(ran, []);
  });
});
