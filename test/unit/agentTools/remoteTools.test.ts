import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { runCli } from '../../../src/cli/main';
import type { AgentToolContext } from '../../../src/core/agentTools/agentTool';
import { AGENT_CALL_LOG } from '../../../src/core/agentTools/agentCallLog';
import { createMcpServer } from '../../../src/core/agentTools/mcpServer';
import { readHostsFile } from '../../../src/core/agentTools/remoteToolEnv';
import { AGENT_TOOLS, findAgentTool } from '../../../src/core/agentTools/toolRegistry';
import { remoteCliReportSchema } from '../../../src/core/remote/remoteCliReport';
import { captureIO } from '../../support/captureIO';
import { REPO_ROOT } from '../../support/paths';
import { makeTempDir } from '../../support/tempDir';
import { killLeftoverJobs, freePort, writePerfManifest } from '../../remote/remoteFixtures';
import { startSshd, type TestSshd } from '../../remote/sshd';

interface ToolResult {
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

describe('remote agent tools over a real sshd', function () {
  this.timeout(60_000);
  let sshd: TestSshd;
  let dir: string;
  let cleanup: () => void;
  let hostsFile: string;

  before(async () => {
    sshd = await startSshd({ env: { XWF_STANDIN_TTFT_MS: '15', XWF_STANDIN_TPOT_MS: '2', XWF_STANDIN_STARTUP_MS: '200' } });
  });
  beforeEach(() => {
    ({ dir, cleanup } = makeTempDir('xwf-remote-tools-'));
    hostsFile = path.join(dir, 'hosts.json');
    writeFileSync(hostsFile, JSON.stringify([sshd.host()]));
    writeFileSync(sshd.standinState, '{}\n');
  });
  afterEach(() => {
    killLeftoverJobs(sshd.workDir);
    cleanup();
  });
  after(async () => {
    if (sshd) killLeftoverJobs(sshd.workDir);
    await sshd?.stop();
  });

  const ctx = (): AgentToolContext => ({ cwd: dir, locale: 'en', remote: { hosts: () => readHostsFile(hostsFile), sshConfigFile: sshd.sshConfig } });
  const faceArgs = () => ['--hosts-file', hostsFile, '--ssh-config', sshd.sshConfig];

  async function mcpClient(): Promise<{ client: Client; progress: string[] }> {
    const server = createMcpServer({ cwd: dir, locale: 'en', allowRemote: true, version: 'test', remote: ctx().remote });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: 't', version: '1' });
    await client.connect(b);
    return { client, progress: [] };
  }

  it('runs a manifest on the host through MCP, reports progress, and logs the call in the new run root', async () => {
    const port = await freePort();
    const manifest = path.relative(dir, writePerfManifest(dir, { runId: 'agent-run-1', port }));
    const { client } = await mcpClient();
    const progress: string[] = [];
    const result = (await client.callTool(
      { name: 'xllm_remote_run', arguments: { manifest, host: 'test-npu', idle_interval_seconds: 0.2, ready_timeout_seconds: 20 } },
      undefined,
      { onprogress: (p) => progress.push(p.message ?? ''), timeout: 50_000 },
    )) as ToolResult;
    assert.notEqual(result.isError, true, result.content[0]?.text);
    const report = remoteCliReportSchema.parse(result.structuredContent);
    assert.ok(report.command === 'run');
    assert.equal(report.outcome.status, 'completed', report.outcome.reason ?? '');
    assert.equal(report.outcome.runRoot, path.join(dir, 'runs', 'perf', 'agent-run-1'));
    assert.ok(report.outcome.headline && report.outcome.headline.success === 6);
    assert.ok(progress.some((m) => m.startsWith('[gate]')) && progress.some((m) => m.startsWith('[workload]')), progress.join(' | '));
    const log = readFileSync(path.join(report.outcome.runRoot, AGENT_CALL_LOG), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(log.map((l) => [l.phase, l.tool, l.outcome]), [
      ['start', 'xllm_remote_run', undefined],
      ['end', 'xllm_remote_run', 'ok'],
    ]);
    assert.equal(log[0].devices, '0');
    assert.match(String(log[0].command), /evalscope.*perf/);
    assert.match(String(log[0].host), /^test-npu /);

    // Status and fetch of the finished run through MCP: the same JSON as `xwf remote status|fetch --json`.
    for (const name of ['xllm_remote_status', 'xllm_remote_fetch']) {
      const tool = findAgentTool(name)!;
      const input = { run_id: 'agent-run-1' };
      const viaMcp = (await client.callTool({ name, arguments: input })) as ToolResult;
      assert.notEqual(viaMcp.isError, true, viaMcp.content[0]?.text);
      const io = captureIO(dir);
      const code = await runCli([...tool.cliArgs(input), ...faceArgs()], io);
      assert.equal(code, 0, io.stderr());
      assert.deepEqual(tool.cliJson(viaMcp.structuredContent), JSON.parse(io.stdout()), name);
    }
    // Each remote call landed in the run root's log, before and after.
    const lines = readFileSync(path.join(report.outcome.runRoot, AGENT_CALL_LOG), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { tool: string; phase: string });
    assert.deepEqual(lines.slice(2).map((l) => `${l.tool}:${l.phase}`), ['xllm_remote_status:start', 'xllm_remote_status:end', 'xllm_remote_fetch:start', 'xllm_remote_fetch:end']);
  });

  it('names host, devices and the exact commands for the confirmation, before anything runs', async () => {
    const manifest = writePerfManifest(dir, { runId: 'agent-run-2', port: 1 });
    const launch = await findAgentTool('xllm_remote_run')!.launch({ manifest, host: 'test-npu' }, ctx());
    assert.ok(launch);
    assert.match(launch.host, /^test-npu \(xwf-test/);
    assert.equal(launch.devices, '0');
    assert.match(launch.command, /^xllm --model \/models\/Qwen3-8B --port 1 --devices npu:0/);
    assert.match(launch.command, /'evalscope' 'perf' .*'--warmup-num' '1'/);
    assert.ok(!existsSync(path.join(dir, 'runs')), 'preparing the confirmation starts nothing');
  });

  it('refuses an unknown host and an invalid manifest with clear errors, logged in the workspace', async () => {
    const manifest = writePerfManifest(dir, { runId: 'agent-run-3', port: 1 });
    const tool = findAgentTool('xllm_remote_run')!;
    const unknown = await tool.call({ manifest, host: 'nope' }, ctx());
    assert.ok(!unknown.ok && unknown.kind === 'usage' && /no host named 'nope'.*known: test-npu/.test(unknown.message), JSON.stringify(unknown));
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/- parallel: 2/, '- parallel: many'));
    const { client } = await mcpClient();
    const bad = (await client.callTool({ name: 'xllm_remote_run', arguments: { manifest, host: 'test-npu' } })) as ToolResult;
    assert.equal(bad.isError, true);
    assert.match(bad.content[0].text!, /usage error: .*parallel/);
    assert.ok(!existsSync(path.join(dir, 'runs', 'perf', 'agent-run-3')));
    const log = readFileSync(path.join(dir, AGENT_CALL_LOG), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(log.map((l) => [l.phase, l.outcome]), [['start', undefined], ['end', 'error']]);
  });

  it('says how to configure hosts when the face has none', async () => {
    const outcome = await findAgentTool('xllm_remote_status')!.call({ run_id: 'x' }, { cwd: dir, locale: 'en' });
    assert.ok(!outcome.ok && outcome.kind === 'usage', JSON.stringify(outcome));
  });

  it('serves the remote tools from `xwf mcp` only with --allow-remote', async () => {
    const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
    const names = async (extra: string[]) => {
      const client = new Client({ name: 't', version: '1' });
      await client.connect(new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp', '--root', dir, ...extra], stderr: 'ignore' }));
      try {
        return (await client.listTools()).tools.map((t) => t.name);
      } finally {
        await client.close();
      }
    };
    const remote = AGENT_TOOLS.filter((t) => t.remote).map((t) => t.name);
    assert.deepEqual(remote, ['xllm_remote_run', 'xllm_remote_status', 'xllm_remote_reattach', 'xllm_remote_cancel', 'xllm_remote_fetch']);
    const off = await names(['--hosts-file', hostsFile]);
    assert.ok(remote.every((n) => !off.includes(n)), off.join(','));
    assert.ok(off.includes('xllm_remote_hosts'));
    const on = await names(['--allow-remote', '--hosts-file', hostsFile]);
    assert.deepEqual(on, AGENT_TOOLS.map((t) => t.name));
  });
});
