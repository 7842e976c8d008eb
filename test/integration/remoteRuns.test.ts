// Remote benchmarks in a real VS Code against a real sshd on 127.0.0.1 whose PATH holds the NPU host stand-ins:
// the Remote Hosts view, Run Benchmark on Remote Host, a failed gate, Cancel, a dropped connection and Reattach, a
// sweep and the xllm-benchmark task. Commands get explicit arguments, so no picker or prompt opens.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseManifestFile } from '../../src/core/manifest/manifestFields';
import { textOf } from '../../src/core/manifest/manifestModel';
import type { RemoteRunOutcome } from '../../src/core/remote/benchmarkEngine';
import type { XllmApi } from '../../src/extension/api';
import { freePort, killLeftoverJobs, pidAlive, remotePid, waitFor, waitForHttp, writePerfManifest, type PerfManifestOptions } from '../remote/remoteFixtures';
import { canIsolateNetwork, startSshd, type TestSshd } from '../remote/sshd';

const EXTENSION_ID = 'xllm-ai.xllm-npu-workflow';
/** Idle samples 0.2 s apart instead of 10 s: the flow is the same, the test is fast. */
const FAST = { idleSamples: { count: 3, intervalSeconds: 0.2 }, serviceReadyTimeoutSeconds: 20 };

type Result = RemoteRunOutcome | { status: 'error'; code: string; message: string };

function manifestValue(file: string, key: string): string | undefined {
  return textOf(parseManifestFile(readFileSync(file, 'utf8'), path.basename(file)), key);
}

describe('remote benchmarks over SSH in a real VS Code', function () {
  this.timeout(120_000);
  let api: XllmApi;
  let sshd: TestSshd;
  let ws: string;
  let extensionPath: string;
  const created: string[] = [];

  /** A prepared run root as New Run leaves it: runs/perf/<id>/manifest.md and empty folders. */
  function preparedRun(runId: string, port: number, extra: Partial<PerfManifestOptions> = {}): string {
    const root = path.join(ws, 'runs', 'perf', runId);
    created.push(root);
    mkdirSync(path.join(root, 'env'), { recursive: true });
    const written = writePerfManifest(root, { runId, port, ...extra });
    const manifest = path.join(root, 'manifest.md');
    renameSync(written, manifest);
    return manifest;
  }

  /** A manifest outside any run root (as a template kept in the workspace). */
  function looseManifest(runId: string, port: number, extra: Partial<PerfManifestOptions> = {}): string {
    const dir = path.join(ws, 'remote-manifests');
    mkdirSync(dir, { recursive: true });
    created.push(dir, path.join(ws, 'runs', 'perf', runId));
    return writePerfManifest(dir, { runId, port, ...extra });
  }

  async function runCommand(manifest: string, host = 'test-npu'): Promise<Result> {
    return vscode.commands.executeCommand<Result>('xllm.runRemoteBenchmark', vscode.Uri.file(manifest), host, FAST);
  }

  async function waitForRun(root: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!api.runs().some((r) => path.resolve(r.root) === path.resolve(root))) {
      if (Date.now() > deadline) throw new Error(`the Runs view did not list ${root}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  before(async () => {
    const ext = vscode.extensions.getExtension<XllmApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    api = await ext.activate();
    extensionPath = ext.extensionPath;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    ws = folder.uri.fsPath;
    // The stand-ins live in the repository (this bundle sits elsewhere): name their folders explicitly.
    sshd = await startSshd({
      pathDirs: [path.join(extensionPath, 'test', 'standins', 'remote', 'bin'), path.join(extensionPath, 'test', 'standins', 'bin')],
      env: { XWF_STANDIN_TTFT_MS: '15', XWF_STANDIN_TPOT_MS: '2', XWF_STANDIN_STARTUP_MS: '200' },
    });
    const closed = await freePort();
    const config = vscode.workspace.getConfiguration('xllm.remote');
    await config.update('sshConfigFile', sshd.sshConfig, vscode.ConfigurationTarget.Workspace);
    await config.update('connectTimeoutSeconds', 5, vscode.ConfigurationTarget.Workspace);
    await config.update(
      'hosts',
      [sshd.host(), { name: 'down-npu', sshTarget: 'localhost', port: closed, workDir: '/tmp/xwf-nowhere', defaultDevices: [0], connectTimeoutSeconds: 3 }],
      vscode.ConfigurationTarget.Workspace,
    );
    await api.whenRunsLoaded();
  });

  afterEach(() => {
    if (sshd) killLeftoverJobs(sshd.workDir);
    writeFileSync(sshd.standinState, '{}\n');
  });

  after(async () => {
    const config = vscode.workspace.getConfiguration('xllm.remote');
    for (const key of ['hosts', 'sshConfigFile', 'connectTimeoutSeconds']) await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
    if (sshd) killLeftoverJobs(sshd.workDir);
    await sshd?.stop();
    for (const p of [...created, path.join(ws, '.xwf'), path.join(ws, '.vscode', 'tasks.json')]) rmSync(p, { recursive: true, force: true });
  });

  it('hides every remote command in an untrusted workspace', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { menus: { commandPalette: { command: string; when?: string }[] }; taskDefinitions: { type: string }[] };
      capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
    };
    const palette = new Map(pkg.contributes.menus.commandPalette.map((m) => [m.command, m.when ?? '']));
    for (const c of ['xllm.runRemoteBenchmark', 'xllm.runRemoteSweep', 'xllm.reattachRemoteRun', 'xllm.cancelRemoteRun', 'xllm.fetchRemoteRun', 'xllm.checkRemoteGate']) {
      assert.match(palette.get(c) ?? '', /\bisWorkspaceTrusted\b/, `${c} is not hidden in untrusted workspaces`);
    }
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('xllm.remote.hosts'));
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('xllm.remote.sshConfigFile'));
    assert.ok(pkg.contributes.taskDefinitions.some((t) => t.type === 'xllm-benchmark'));
  });

  it('lists the hosts in the Remote Hosts view and probes them on Refresh', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.xllm');
    await vscode.commands.executeCommand('xllm.remoteHosts.focus');
    const before = await api.remoteHostRows();
    const host = before.find((r) => r.label === 'test-npu');
    assert.ok(host, `test-npu is not listed: ${JSON.stringify(before)}`);
    assert.equal(host.contextValue, 'remoteHost.settings');
    // The sshd's config also declares the bare address: hosts of the ssh config are listed too.
    assert.equal(before.find((r) => r.label === '127.0.0.1')?.contextValue, 'remoteHost.ssh-config');

    const t0 = Date.now();
    await vscode.commands.executeCommand('xllm.refreshRemoteHosts');
    const rows = await api.remoteHostRows();
    assert.match(rows.find((r) => r.label === 'test-npu')?.description ?? '', /^reachable \(\d+ ms\)/);
    assert.match(rows.find((r) => r.label === 'down-npu')?.description ?? '', /^unreachable/);
    assert.ok(Date.now() - t0 < 30_000, 'an unreachable host is given up within its timeout');
  });

  it('runs a prepared perf manifest end to end; the run root appears in the Runs view', async () => {
    const port = await freePort();
    const manifest = preparedRun('remote-happy', port);
    const result = await runCommand(manifest);
    assert.equal(result.status, 'completed', JSON.stringify(result));
    const outcome = result as RemoteRunOutcome;
    const root = path.join(ws, 'runs', 'perf', 'remote-happy');
    assert.equal(outcome.runRoot, root);
    assert.equal(outcome.connections, 1);
    for (const f of ['manifest.md', 'metrics.json', 'report.md', 'env/gate-verdict.json', 'env/npu-smi.before.txt', 'service/command.sh', 'evalscope/benchmark_summary.json']) {
      assert.ok(existsSync(path.join(root, f)), `${f} is missing from the run root`);
    }
    assert.equal(manifestValue(path.join(root, 'manifest.md'), 'host'), 'test-npu');
    assert.equal(manifestValue(path.join(root, 'manifest.md'), 'conclusion_status'), 'pending');
    assert.equal(JSON.parse(readFileSync(path.join(root, 'metrics.json'), 'utf8')).success, 6);
    // The prepared run root was filled in place: the manifest stayed where the user wrote it.
    assert.equal(manifest, path.join(root, 'manifest.md'));
    assert.equal(manifestValue(manifest, 'run_id'), 'remote-happy');
    assert.ok(!existsSync(path.join(ws, '.xwf', 'staged')), 'nothing was moved aside');

    await waitForRun(root);
    const rows = await api.remoteHostRows();
    assert.match(rows.find((r) => r.label === 'test-npu')?.description ?? '', /gate pass/);
    assert.deepEqual(api.activeRemoteRuns(), []);
  });

  it('runs an accuracy manifest as an accuracy run because of where it lives', async () => {
    const root = path.join(ws, 'runs', 'accuracy', 'remote-acc');
    created.push(root);
    mkdirSync(root, { recursive: true });
    const manifest = path.join(root, 'manifest.md');
    renameSync(writePerfManifest(root, { runId: 'remote-acc', port: await freePort(), number: 2, extra: { Workload: { dataset: 'gsm8k', warmup_num: 0 } } }), manifest);
    const result = await runCommand(manifest);
    assert.equal(result.status, 'completed', JSON.stringify(result));
    assert.equal((result as RemoteRunOutcome).runRoot, root);
    for (const f of ['score.json', 'request_config.json', 'raw_predictions.jsonl', 'failed_cases.jsonl', 'report.md']) assert.ok(existsSync(path.join(root, f)), `${f} is missing`);
    assert.ok(!existsSync(path.join(root, 'env')), 'no gate snapshots for an accuracy run');
    await waitForRun(root);
    assert.equal(api.runs().find((r) => path.resolve(r.root) === root)?.kind, 'accuracy');
  });

  it('captures a profiling run from a manifest under profiling/, never as a perf result', async () => {
    const root = path.join(ws, 'profiling', 'remote-prof');
    created.push(root);
    mkdirSync(root, { recursive: true });
    const manifest = path.join(root, 'manifest.md');
    renameSync(writePerfManifest(root, { runId: 'remote-prof', port: await freePort(), number: 6, parallel: 1 }), manifest);
    const result = await runCommand(manifest);
    assert.equal(result.status, 'completed', JSON.stringify(result));
    const names = readdirSync(root);
    assert.ok(names.some((n) => /^PROF_/.test(n)), `no PROF_ tree in ${names.join(', ')}`);
    assert.ok(names.includes('capture.log') && !names.includes('metrics.json'), names.join(', '));
    await waitForRun(root);
    assert.equal(api.runs().find((r) => path.resolve(r.root) === root)?.kind, 'profiling');
  });

  it('checks the precheck gate of a host without a run, and the view shows the verdict', async () => {
    const pass = await vscode.commands.executeCommand<{ verdict: string; reasons: string[]; devices: number[] }>('xllm.checkRemoteGate', 'test-npu', [0]);
    assert.equal(pass.verdict, 'pass', JSON.stringify(pass.reasons));
    assert.deepEqual(pass.devices, [0]);
    writeFileSync(sshd.standinState, JSON.stringify({ npus: { '1': { hbmUsedMb: 60000, aicore: 40 } } }));
    const busy = await vscode.commands.executeCommand<{ verdict: string; reasons: string[] }>('xllm.checkRemoteGate', 'test-npu', [0, 1]);
    assert.equal(busy.verdict, 'fail');
    assert.ok(busy.reasons.some((r) => /Device 1/.test(r)), JSON.stringify(busy.reasons));
    assert.ok(!busy.reasons.some((r) => /Device 0/.test(r)), 'only the busy card is blamed');
    const rows = await api.remoteHostRows();
    assert.match(rows.find((r) => r.label === 'test-npu')?.description ?? '', /gate fail/);
  });

  it('stops a quick run on a failed gate and says why; nothing else starts', async () => {
    writeFileSync(sshd.standinState, JSON.stringify({ npus: { '0': { health: 'Alarm' } } }));
    const manifest = looseManifest('remote-gate-fail', await freePort());
    const result = await runCommand(manifest);
    assert.equal(result.status, 'gate_failed', JSON.stringify(result));
    assert.match((result as RemoteRunOutcome).reason ?? '', /Health is Alarm/);
    const root = path.join(ws, 'runs', 'perf', 'remote-gate-fail');
    assert.ok(!existsSync(path.join(root, 'service')), 'no service was started');
    assert.equal(manifestValue(path.join(root, 'manifest.md'), 'conclusion_status'), 'inconclusive');
    const rows = await api.remoteHostRows();
    assert.match(rows.find((r) => r.label === 'test-npu')?.description ?? '', /gate fail/);
  });

  it('reports an unreachable host clearly and leaves a prepared run root as it was', async () => {
    const manifest = preparedRun('remote-down', await freePort());
    const t0 = Date.now();
    const result = await runCommand(manifest, 'down-npu');
    assert.equal(result.status, 'error');
    assert.equal((result as { code: string }).code, 'unreachable');
    assert.match((result as { message: string }).message, /cannot reach host 'down-npu'/);
    assert.ok(Date.now() - t0 < 30_000);
    assert.ok(existsSync(manifest), 'the prepared manifest is still where it was');
    assert.deepEqual(api.activeRemoteRuns(), []);
  });

  it('fetches a finished run again over the connection and refuses nothing', async () => {
    const root = path.join(ws, 'runs', 'perf', 'remote-happy');
    rmSync(path.join(root, 'service', 'node_0.log'));
    const r = await vscode.commands.executeCommand<{ runRoot: string; refused: unknown[] }>('xllm.fetchRemoteRun', 'remote-happy');
    assert.equal(r.runRoot, root);
    assert.deepEqual(r.refused, []);
    assert.ok(existsSync(path.join(root, 'service', 'node_0.log')), 'the fetched copy is complete again');
  });

  it('cancels a running benchmark: the remote process group is gone and the run is inconclusive', async () => {
    const manifest = looseManifest('remote-cancel', await freePort(), { number: 400, parallel: 1, outputTokens: 64 });
    const running = runCommand(manifest);
    await waitFor(() => api.activeRemoteRuns().some((r) => r.runId === 'remote-cancel' && (r.percent ?? 0) >= 2), 'the workload to report progress', 60_000);
    const cancelled = await vscode.commands.executeCommand<Result>('xllm.cancelRemoteRun', 'remote-cancel');
    assert.equal(cancelled.status, 'cancelled', JSON.stringify(cancelled));
    assert.equal((await running).status, 'cancelled');
    assert.ok(!pidAlive(remotePid(sshd.workDir, 'remote-cancel', 'workload')), 'the remote workload is gone');
    const root = path.join(ws, 'runs', 'perf', 'remote-cancel');
    assert.equal(manifestValue(path.join(root, 'manifest.md'), 'conclusion_status'), 'inconclusive');
    assert.match(manifestValue(path.join(root, 'manifest.md'), 'deviations') ?? '', /cancelled during workload/);
    await waitForRun(root);
  });

  it('keeps a run whose connection dropped and finishes it with Reattach', async () => {
    const manifest = looseManifest('remote-drop', await freePort(), { number: 120, parallel: 1, outputTokens: 32 });
    const running = runCommand(manifest);
    await waitFor(() => api.activeRemoteRuns().some((r) => r.runId === 'remote-drop' && (r.percent ?? 0) >= 5), 'the workload to report progress', 60_000);
    // Cut the connection under the run: kill the master ssh of this sshd's config.
    for (const line of execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')) {
      const m = /^\s*(\d+)\s+(.*)$/.exec(line);
      if (m && m[2].includes('ControlMaster=yes') && m[2].includes(sshd.sshConfig)) process.kill(Number(m[1]), 'SIGKILL');
    }
    const dropped = await running;
    assert.equal(dropped.status, 'detached', JSON.stringify(dropped));
    const final = await vscode.commands.executeCommand<Result>('xllm.reattachRemoteRun', 'remote-drop');
    assert.equal(final.status, 'completed', JSON.stringify(final));
    const root = path.join(ws, 'runs', 'perf', 'remote-drop');
    assert.equal(JSON.parse(readFileSync(path.join(root, 'metrics.json'), 'utf8')).success, 120);
    await waitForRun(root);
  });

  it('sweeps one manifest over concurrency values, each point its own run root', async () => {
    const manifest = looseManifest('remote-sweep', await freePort(), { number: 4 });
    created.push(path.join(ws, 'runs', 'perf', 'remote-sweep-c1'), path.join(ws, 'runs', 'perf', 'remote-sweep-c2'));
    const results = await vscode.commands.executeCommand<{ runId: string; concurrency: number; result: Result }[]>('xllm.runRemoteSweep', vscode.Uri.file(manifest), { concurrency: [1, 2], hosts: ['test-npu'] }, FAST);
    assert.deepEqual(
      results.map((r) => [r.runId, r.concurrency, r.result.status]),
      [
        ['remote-sweep-c1', 1, 'completed'],
        ['remote-sweep-c2', 2, 'completed'],
      ],
      JSON.stringify(results.map((r) => ({ runId: r.runId, result: r.result.status === 'error' ? r.result : r.result.status }))),
    );
    for (const [id, parallel] of [['remote-sweep-c1', 1], ['remote-sweep-c2', 2]] as const) {
      const root = path.join(ws, 'runs', 'perf', id);
      assert.equal(JSON.parse(readFileSync(path.join(root, 'metrics.json'), 'utf8')).parallel, parallel);
      assert.equal(manifestValue(path.join(root, 'manifest.md'), 'run_id'), id);
      await waitForRun(root);
    }
    // The base manifest is untouched.
    assert.equal(manifestValue(manifest, 'run_id'), 'remote-sweep');
  });

  it('sweeps one manifest over two hosts in parallel, each host its own run root and service', async function () {
    this.timeout(180_000);
    const standins = [path.join(extensionPath, 'test', 'standins', 'remote', 'bin'), path.join(extensionPath, 'test', 'standins', 'bin')];
    const env = { XWF_STANDIN_TTFT_MS: '15', XWF_STANDIN_TPOT_MS: '2', XWF_STANDIN_STARTUP_MS: '200' };
    // Two hosts both serve the manifest's 127.0.0.1:<port>: the second gets a loopback of its own (a network
    // namespace) so each starts its own service. Where namespaces are not allowed, both share one running service.
    const isolated = canIsolateNetwork();
    const second = await startSshd({ alias: 'xwf-test-b', isolatedNetwork: isolated, tcpPipeScript: path.join(extensionPath, 'test', 'standins', 'tcpPipe.mjs'), pathDirs: standins, env });
    const config = vscode.workspace.getConfiguration('xllm.remote');
    const hostsBefore = config.get('hosts');
    const combined = path.join(second.dir, 'ssh_config.both');
    writeFileSync(combined, readFileSync(second.sshConfig, 'utf8') + readFileSync(sshd.sshConfig, 'utf8'));
    const port = await freePort();
    const shared = isolated ? undefined : spawn(process.execPath, [path.join(extensionPath, 'test', 'standins', 'remote', 'lib', 'xllm.mjs'), '--port', String(port)], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const ids = ['remote-hosts-test-npu', 'remote-hosts-test-npu-b'];
    created.push(...ids.map((id) => path.join(ws, 'runs', 'perf', id)));
    try {
      if (shared) await waitForHttp(`http://127.0.0.1:${port}/v1/models`);
      await config.update('sshConfigFile', combined, vscode.ConfigurationTarget.Workspace);
      await config.update('hosts', [sshd.host(), second.host({ name: 'test-npu-b' })], vscode.ConfigurationTarget.Workspace);
      // Long enough (about 3 s of decoding each) to see both workloads alive at once.
      const manifest = looseManifest('remote-hosts', port, { number: 40, parallel: 2, outputTokens: 64 });
      const sweep = vscode.commands.executeCommand<{ runId: string; hostName: string; result: Result }[]>('xllm.runRemoteSweep', vscode.Uri.file(manifest), { hosts: ['test-npu', 'test-npu-b'] }, FAST);
      let settled = false;
      void Promise.resolve(sweep).finally(() => (settled = true));
      const workDirs = [sshd.workDir, second.workDir];
      const liveWorkload = (i: number) => {
        try {
          return pidAlive(remotePid(workDirs[i], ids[i], 'workload'));
        } catch {
          return false;
        }
      };
      await waitFor(() => settled || (liveWorkload(0) && liveWorkload(1)), 'both hosts running their workloads', 60_000);
      assert.ok(!settled, 'the sweep ended before both workloads ran at the same time');
      const results = await sweep;
      assert.deepEqual(
        results.map((r) => [r.runId, r.hostName, r.result.status]),
        [
          [ids[0], 'test-npu', 'completed'],
          [ids[1], 'test-npu-b', 'completed'],
        ],
        JSON.stringify(results.map((r) => ({ runId: r.runId, result: r.result.status === 'error' ? r.result : r.result.status }))),
      );
      for (const [i, host] of ['test-npu', 'test-npu-b'].entries()) {
        const root = path.join(ws, 'runs', 'perf', ids[i]);
        const metrics = JSON.parse(readFileSync(path.join(root, 'metrics.json'), 'utf8')) as { success: number; parallel: number };
        assert.equal(metrics.success, 40, `${ids[i]} metrics`);
        assert.equal(manifestValue(path.join(root, 'manifest.md'), 'run_id'), ids[i]);
        assert.equal(manifestValue(path.join(root, 'manifest.md'), 'host'), host);
        // Each host ran its own run folder and job files; with namespaces each also started its own service.
        assert.ok(existsSync(path.join(workDirs[i], 'runs', 'perf', ids[i])), `${host} has no run folder`);
        assert.equal(existsSync(path.join(workDirs[i], '.xwf', 'runs', ids[i], 'service.ours')), isolated, `${host} service started by the run`);
        await waitForRun(root);
      }
      assert.ok(!existsSync(path.join(second.workDir, 'runs', 'perf', ids[0])) && !existsSync(path.join(sshd.workDir, 'runs', 'perf', ids[1])), 'a run landed on the other host');
      assert.equal(manifestValue(manifest, 'run_id'), 'remote-hosts');
    } finally {
      await config.update('hosts', hostsBefore, vscode.ConfigurationTarget.Workspace);
      await config.update('sshConfigFile', sshd.sshConfig, vscode.ConfigurationTarget.Workspace);
      killLeftoverJobs(second.workDir);
      shared?.kill('SIGKILL');
      await second.stop();
    }
  });

  it('runs an xllm-benchmark task from tasks.json in a terminal, exit code 0', async () => {
    const manifest = looseManifest('remote-task', await freePort(), { number: 2 });
    const rel = path.relative(ws, manifest).split(path.sep).join('/');
    mkdirSync(path.join(ws, '.vscode'), { recursive: true });
    writeFileSync(
      path.join(ws, '.vscode', 'tasks.json'),
      JSON.stringify({ version: '2.0.0', tasks: [{ label: 'remote bench', type: 'xllm-benchmark', manifest: rel, host: 'test-npu', idleSamples: FAST.idleSamples }] }, null, 2),
    );
    let task: vscode.Task | undefined;
    // The task service reads tasks.json on its own schedule: ask until the task is there.
    for (let i = 0; i < 100 && !task; i++) {
      task = (await vscode.tasks.fetchTasks({ type: 'xllm-benchmark' })).find((t) => (t.definition as { manifest?: string }).manifest === rel);
      if (!task) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(task, 'the tasks.json task is not offered');
    const ended = new Promise<number | undefined>((resolve) => {
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.definition.type === 'xllm-benchmark') {
          sub.dispose();
          resolve(e.exitCode);
        }
      });
    });
    await vscode.tasks.executeTask(task);
    assert.equal(await ended, 0);
    const root = path.join(ws, 'runs', 'perf', 'remote-task');
    assert.ok(existsSync(path.join(root, 'metrics.json')));
    await waitForRun(root);
  });
});
