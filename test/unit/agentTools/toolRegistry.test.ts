import * as assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { COMMAND_NAMES } from '../../../src/cli/commands/index';
import type { AgentToolContext } from '../../../src/core/agentTools/agentTool';
import { INLINE_DIFF_LABEL } from '../../../src/core/agentTools/patchEventsTool';
import { readHostsFile } from '../../../src/core/agentTools/remoteToolEnv';
import { AGENT_TOOLS, agentTools, findAgentTool } from '../../../src/core/agentTools/toolRegistry';
import { toolInputJsonSchema, toolOutputJsonSchema } from '../../../src/core/agentTools/toolJsonSchema';
import { writeSampleWorkspace } from '../../../src/core/sample/sampleWorkspace';
import { captureIO } from '../../support/captureIO';
import { makeTempDir } from '../../support/tempDir';

/** One input per tool over the sample workspace; a tool added to the registry without one fails the coverage test. */
const SAMPLE_INPUTS: Record<string, Record<string, unknown>[]> = {
  xllm_list_runs: [{}, { folder: 'runs', max_depth: 3 }],
  xllm_validate_manifests: [{}, { paths: ['runs/perf/qwen3-32b-tp4-smoke/manifest.md', 'runs/perf/qwen3-32b-tp4-baseline'] }],
  xllm_gate_verdict: [{ target: 'runs/perf/qwen3-32b-tp4-baseline' }, { target: 'runs/perf/qwen3-32b-tp4-fused-rope/env', devices: [0, 1], hbm_busy_percent: 5 }],
  xllm_collect_metrics: [{ folder: 'runs/perf' }, { folder: '.', sla_ttft_ms: 3000, sla_tpot_ms: 50 }],
  xllm_compare_runs: [
    { baseline: 'runs/perf/qwen3-32b-tp4-baseline', current: 'runs/perf/qwen3-32b-tp4-fused-rope' },
    { baseline: 'runs/perf/qwen3-32b-tp4-baseline', current: 'runs/perf/qwen3-32b-tp4-smoke', tolerance_throughput: 0.98 },
  ],
  xllm_draft_pr_evidence: [
    { baseline: 'runs/perf/qwen3-32b-tp4-baseline', current: 'runs/perf/qwen3-32b-tp4-fused-rope', accuracy: ['runs/accuracy/qwen3-32b-gsm8k-l3'], profiling: ['profiling/qwen3-32b-decode-fused-rope'] },
    { baseline: 'runs/perf/qwen3-32b-tp4-baseline', current: 'runs/perf/qwen3-32b-tp4-smoke', lang: 'zh-cn' },
  ],
  xllm_analyze_trace: [{ target: 'profiling/qwen3-32b-decode-baseline' }, { target: 'profiling/qwen3-32b-decode-fused-rope', boundary: 'ArgMaxV2->^GraphLaunch' }],
  xllm_compare_profiles: [
    { baseline: 'profiling/qwen3-32b-decode-baseline', current: 'profiling/qwen3-32b-decode-fused-rope' },
    { baseline: 'profiling/qwen3-32b-decode-fused-rope', current: 'profiling/qwen3-32b-decode-baseline', boundary: 'ArgMaxV2->^GraphLaunch' },
  ],
  xllm_patch_events: [
    { trace: 'profiling/qwen3-32b-decode-fused-rope', patch: 'runs/perf/qwen3-32b-tp4-fused-rope/worktree.diff' },
    { trace: 'profiling/qwen3-32b-decode-baseline', patch: 'runs/perf/qwen3-32b-tp4-fused-rope/worktree.diff' },
  ],
  xllm_new_run: [{ kind: 'perf', run_id: 'agent-made-perf' }, { workspace: '.', kind: 'profiling', run_id: 'agent-made-prof' }],
  xllm_remote_hosts: [{}],
};

/** Tools that reach a host are compared with `xwf remote` against a real sshd (remoteTools.test.ts). */
const COVERED_OVER_SSH = ['xllm_remote_run', 'xllm_remote_status', 'xllm_remote_reattach', 'xllm_remote_cancel', 'xllm_remote_fetch'];

/** What a face is configured with (hosts), given to the CLI as options. */
const FACE_ARGS: Record<string, string[]> = { xllm_remote_hosts: ['--hosts-file', 'hosts.json', '--ssh-config', 'ssh_config'] };

/** Tools that create something: the CLI and the tool each get their own copy of the workspace. */
const WRITES = new Set(['xllm_new_run']);

describe('agent tool registry', () => {
  let dir: string;
  let cleanup: () => void;
  let ws: string;
  before(async () => {
    ({ dir, cleanup } = makeTempDir('xwf-agent-'));
    ws = path.join(dir, 'ws');
    await writeSampleWorkspace(ws);
    writeFileSync(path.join(ws, 'hosts.json'), JSON.stringify([{ name: 'npu-a', sshTarget: 'dev@npu-a', workDir: '~/xwf', defaultDevices: [0, 1] }, { name: 'bad host' }]));
    writeFileSync(path.join(ws, 'ssh_config'), 'Host npu-b\n  HostName 10.0.0.2\n  User dev\n');
  });
  after(() => cleanup());
  const ctx = (cwd: string): AgentToolContext => ({
    cwd,
    locale: 'en',
    remote: { hosts: () => readHostsFile(path.join(cwd, 'hosts.json')), sshConfigFile: path.join(cwd, 'ssh_config') },
  });

  it('names every tool xllm_<verb>_<noun> once, with an agent-facing description and object schemas', () => {
    const names = AGENT_TOOLS.map((t) => t.name);
    assert.equal(new Set(names).size, names.length);
    for (const tool of AGENT_TOOLS) {
      assert.match(tool.name, /^xllm_[a-z]+(_[a-z]+)+$/);
      assert.ok(tool.description.length >= 80 && tool.description.length <= 1024, `${tool.name}: description length ${tool.description.length}`);
      assert.ok(tool.title && tool.titleZh && tool.titleZh !== tool.title, tool.name);
      const input = toolInputJsonSchema(tool) as { type: string; properties: Record<string, { description?: string }>; additionalProperties?: boolean };
      assert.equal(input.type, 'object');
      assert.equal(input.additionalProperties, false, `${tool.name}: unknown input keys must be rejected`);
      for (const [key, prop] of Object.entries(input.properties)) assert.ok(prop.description, `${tool.name}.${key} has no description`);
      assert.equal(toolOutputJsonSchema(tool).type, 'object');
      assert.ok(COMMAND_NAMES.includes(tool.cliCommand), `${tool.name} mirrors xwf ${tool.cliCommand}, which does not exist`);
    }
  });

  it('has a sample input for every tool', () => {
    assert.deepEqual([...Object.keys(SAMPLE_INPUTS), ...COVERED_OVER_SSH].sort(), AGENT_TOOLS.map((t) => t.name).sort());
  });

  for (const [name, inputs] of Object.entries(SAMPLE_INPUTS)) {
    inputs.forEach((input, n) => {
      it(`${name} #${n + 1} gives exactly what xwf --json prints for the same input`, async () => {
        const tool = findAgentTool(name)!;
        let cliDir = ws;
        let toolDir = ws;
        if (WRITES.has(name)) {
          cliDir = path.join(dir, `${name}-${n}-cli`);
          toolDir = path.join(dir, `${name}-${n}-tool`);
          cpSync(ws, cliDir, { recursive: true });
          cpSync(ws, toolDir, { recursive: true });
        }
        const io = captureIO(cliDir);
        const code = await runCli([...tool.cliArgs(input), ...(FACE_ARGS[name] ?? [])], io);
        assert.ok(code === 0 || code === 1, `xwf ${tool.cliArgs(input).join(' ')} exited ${code}: ${io.stderr()}`);
        const outcome = await tool.call(input, ctx(toolDir));
        assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
        const cliJson: unknown = JSON.parse(io.stdout());
        const toolJson = JSON.parse(JSON.stringify(tool.cliJson(outcome.output)).split(toolDir).join(cliDir)) as unknown;
        assert.deepEqual(toolJson, cliJson);
        assert.ok(outcome.summary.length > 0);
      });
    });
  }

  it('reports a bad input with the field and the problem, as a usage error', async () => {
    const outcome = await findAgentTool('xllm_gate_verdict')!.call({ target: 'runs', devices: [-1], hbm: 3 }, ctx(ws));
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && outcome.kind === 'usage');
    assert.match(!outcome.ok ? outcome.message : '', /devices\.0: .*>=0/);
    assert.match(!outcome.ok ? outcome.message : '', /hbm/);
  });

  it('reports a missing folder or run as an environment error, like exit 3', async () => {
    for (const [name, input] of [
      ['xllm_list_runs', { folder: 'nowhere' }],
      ['xllm_compare_runs', { baseline: 'runs/perf/nope', current: 'runs/perf/qwen3-32b-tp4-baseline' }],
      ['xllm_analyze_trace', { target: 'profiling/nope' }],
      ['xllm_compare_profiles', { baseline: 'profiling/qwen3-32b-decode-baseline', current: 'profiling/nope' }],
      ['xllm_patch_events', { trace: 'profiling/qwen3-32b-decode-baseline', patch: 'runs/perf/nope.diff' }],
      ['xllm_patch_events', { trace: 'profiling/nope', patch: 'runs/perf/qwen3-32b-tp4-fused-rope/worktree.diff' }],
      ['xllm_validate_manifests', { paths: ['missing.md'] }],
    ] as const) {
      const outcome = await findAgentTool(name)!.call(input, ctx(ws));
      assert.ok(!outcome.ok && outcome.kind === 'environment', `${name}: ${JSON.stringify(outcome)}`);
      const io = captureIO(ws);
      assert.equal(await runCli(findAgentTool(name)!.cliArgs(input), io), 3, name);
    }
  });

  it('rejects a bad boundary and bad tolerances as usage errors, as the CLI does', async () => {
    const analyzeInput = { target: 'profiling/qwen3-32b-decode-baseline', boundary: 'no arrow' };
    const analyze = await findAgentTool('xllm_analyze_trace')!.call(analyzeInput, ctx(ws));
    assert.ok(!analyze.ok && analyze.kind === 'usage', JSON.stringify(analyze));
    assert.equal(await runCli(findAgentTool('xllm_analyze_trace')!.cliArgs(analyzeInput), captureIO(ws)), 2);
    const cmp = await findAgentTool('xllm_compare_runs')!.call({ baseline: 'runs/perf/qwen3-32b-tp4-baseline', current: 'runs/perf/qwen3-32b-tp4-smoke', tolerance_accuracy: 2 }, ctx(ws));
    assert.ok(!cmp.ok && cmp.kind === 'usage' && /tolerance_accuracy/.test(cmp.message), JSON.stringify(cmp));
    const io = captureIO(ws);
    assert.equal(await runCli(['compare', 'runs/perf/qwen3-32b-tp4-baseline', 'runs/perf/qwen3-32b-tp4-smoke', '--tolerance-accuracy', '2'], io), 2);
  });

  it('patch-events gives the same report for the diff as text as for the diff file, and touches the RoPE kernels', async () => {
    const tool = findAgentTool('xllm_patch_events')!;
    const patch = 'runs/perf/qwen3-32b-tp4-fused-rope/worktree.diff';
    const trace = 'profiling/qwen3-32b-decode-fused-rope';
    const fromFile = await tool.call({ trace, patch }, ctx(ws));
    const fromText = await tool.call({ trace, diff: readFileSync(path.join(ws, patch), 'utf8') }, ctx(ws));
    assert.ok(fromFile.ok && fromText.ok, JSON.stringify([fromFile, fromText]));
    const file = fromFile.output as { patch: string; touched: { name: string }[]; touched_events: number };
    const text = fromText.output as { patch: string };
    assert.equal(file.patch, patch);
    assert.equal(text.patch, INLINE_DIFF_LABEL);
    assert.deepEqual({ ...text, patch: patch }, file);
    assert.ok(file.touched.length > 0 && file.touched_events > 0, JSON.stringify(file.touched.slice(0, 3)));
  });

  it('patch-events refuses both or neither of patch and diff, and text that is not a diff, as usage errors', async () => {
    const tool = findAgentTool('xllm_patch_events')!;
    const trace = 'profiling/qwen3-32b-decode-baseline';
    for (const input of [{ trace }, { trace, patch: 'runs/perf/qwen3-32b-tp4-fused-rope/worktree.diff', diff: 'diff --git a/x b/x\n' }, { trace, diff: 'just some words\n' }]) {
      const outcome = await tool.call(input, ctx(ws));
      assert.ok(!outcome.ok && outcome.kind === 'usage', JSON.stringify(outcome));
    }
    writeFileSync(path.join(dir, 'not-a.diff'), 'just some words\n');
    assert.equal(await runCli(['patch-events', trace, '--patch', path.join(dir, 'not-a.diff'), '--json'], captureIO(ws)), 2);
  });

  it('compare-profiles rejects a bad boundary as a usage error, as the CLI does', async () => {
    const input = { baseline: 'profiling/qwen3-32b-decode-baseline', current: 'profiling/qwen3-32b-decode-fused-rope', boundary: 'no arrow' };
    const outcome = await findAgentTool('xllm_compare_profiles')!.call(input, ctx(ws));
    assert.ok(!outcome.ok && outcome.kind === 'usage', JSON.stringify(outcome));
    assert.equal(await runCli(findAgentTool('xllm_compare_profiles')!.cliArgs(input), captureIO(ws)), 2);
  });

  it('refuses to create a run root twice and leaves the first one intact', async () => {
    const copy = path.join(dir, 'twice');
    cpSync(ws, copy, { recursive: true });
    const tool = findAgentTool('xllm_new_run')!;
    const first = await tool.call({ kind: 'accuracy', run_id: 'twice' }, ctx(copy));
    assert.ok(first.ok);
    const manifest = (first.output as { manifest: string }).manifest;
    assert.ok(existsSync(manifest));
    const second = await tool.call({ kind: 'accuracy', run_id: 'twice' }, ctx(copy));
    assert.ok(!second.ok && second.kind === 'environment', JSON.stringify(second));
    assert.ok(existsSync(manifest));
  });

  it('offers remote tools only when remote execution is allowed', () => {
    assert.ok(agentTools({ allowRemote: false }).every((t) => !t.remote));
    assert.deepEqual(AGENT_TOOLS.filter((t) => t.remote).map((t) => t.name).sort(), [...COVERED_OVER_SSH].sort());
    assert.deepEqual(
      agentTools({ allowRemote: true }).map((t) => t.name),
      AGENT_TOOLS.map((t) => t.name),
    );
  });
});
