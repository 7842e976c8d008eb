// Runs inside a real VS Code extension host, with a generated sample workspace open.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { discoverRuns } from '../../src/core/runs/runDiscovery';
import type { XllmApi } from '../../src/extension/api';

const EXTENSION_ID = 'xllm-ai.xllm-npu-workflow';

interface Contributes {
  viewsContainers?: { activitybar?: { id: string; title: string }[] };
  views?: Record<string, { id: string; name: string }[]>;
  commands?: { command: string; title: string }[];
}

/** Rejects with a message naming what did not happen, instead of letting mocha's timeout say nothing. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms / 1000}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Command lines of this process's child processes (Linux /proc), to see the language server for real. */
function childCommandLines(): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) out.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

describe('xLLM NPU Workflow in a real VS Code', function () {
  let extension: vscode.Extension<XllmApi>;
  let api: XllmApi;
  let contributes: Contributes;

  before(async function () {
    const found = vscode.extensions.getExtension<XllmApi>(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is not loaded`);
    extension = found;
    api = await within(Promise.resolve(extension.activate()), 30_000, 'activation');
    contributes = extension.packageJSON.contributes as Contributes;
  });

  it('activates and exports its API with the package version', () => {
    assert.equal(extension.isActive, true);
    assert.equal(api.version, extension.packageJSON.version);
    for (const fn of ['whenRunsLoaded', 'runs', 'whenServerReady', 'serverState'] as const) assert.equal(typeof api[fn], 'function', fn);
  });

  it('contributes the xLLM activity-bar container with the Runs view', () => {
    const container = contributes.viewsContainers?.activitybar?.find((c) => c.id === 'xllm');
    assert.ok(container, 'activity-bar container "xllm" is not contributed');
    assert.equal(container.title, 'xLLM');
    const runsView = contributes.views?.xllm?.find((v) => v.id === 'xllm.runs');
    assert.ok(runsView, 'view "xllm.runs" is not contributed to the xllm container');
    assert.equal(runsView.name, 'Runs', 'the view name comes from package.nls.json');
  });

  it('registers every command it contributes', async () => {
    const contributed = (contributes.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length >= 5, `only ${contributed.length} commands contributed`);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((c) => !registered.has(c)),
      [],
      'contributed commands without a registered handler',
    );
    for (const c of contributes.commands ?? []) assert.doesNotMatch(c.title, /^%.*%$/, `${c.command} has an untranslated title`);
  });

  it('opens the Runs view in its container', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.xllm');
    await vscode.commands.executeCommand('xllm.runs.focus');
  });

  it('shows the run roots of the workspace through the Runs model', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    await within(api.whenRunsLoaded(), 30_000, 'loading the runs');
    const { runs: expected } = await discoverRuns(folder.uri.fsPath);
    const key = (r: { kind: string; runId: string; root: string }) => `${r.kind}:${r.runId}:${path.relative(folder.uri.fsPath, r.root)}`;
    assert.ok(expected.length >= 4, `the sample workspace holds only ${expected.length} runs`);
    assert.deepEqual(new Set(expected.map((r) => r.kind)), new Set(['perf', 'accuracy', 'profiling', 'eval']));
    assert.deepEqual(api.runs().map(key).sort(), expected.map(key).sort());
  });

  it('keeps the same runs after the Refresh Runs command', async () => {
    const before = api.runs().map((r) => r.root).sort();
    await vscode.commands.executeCommand('xllm.refreshRuns');
    await api.whenRunsLoaded();
    assert.deepEqual(api.runs().map((r) => r.root).sort(), before);
  });

  it('starts the language server process', async () => {
    await within(api.whenServerReady(), 60_000, 'the language server ready notification');
    assert.equal(api.serverState(), 'running');
    const servers = childCommandLines().filter((c) => c.includes(path.join('dist', 'server.js')));
    assert.equal(servers.length, 1, `expected one language server child process, found: ${JSON.stringify(childCommandLines())}`);
  });
});
