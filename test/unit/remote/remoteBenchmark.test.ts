import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runRemoteBenchmark, reattachRemoteRun, type RemoteRunEvent } from '../../../src/core/remote/benchmarkEngine';
import { remoteHostSchema, type RemoteHostInput } from '../../../src/core/remote/remoteHost';
import { RemoteError } from '../../../src/core/remote/remoteMessages';
import { parseManifestFile } from '../../../src/core/manifest/manifestFields';
import { textOf } from '../../../src/core/manifest/manifestModel';
import { metricsSchema } from '../../../src/core/schemas/metricsSchema';
import { makeTempDir } from '../../support/tempDir';
import { REMOTE_STANDINS_BIN, startSshd, type TestSshd } from '../../remote/sshd';
import { freePort, killLeftoverJobs, killSshMaster, listFiles, pidAlive, remotePid, waitFor, waitForHttp, writePerfManifest } from '../../remote/remoteFixtures';

const FAST = { idleSamples: { count: 3, intervalSeconds: 0.2 }, serviceReadyTimeoutSeconds: 20 } as const;

describe('remote: perf benchmark engine end to end over a real sshd', function () {
  this.timeout(40_000);
  let sshd: TestSshd;
  let ws: { dir: string; cleanup: () => void };

  before(async () => {
    sshd = await startSshd({ env: { XWF_STANDIN_TTFT_MS: '15', XWF_STANDIN_TPOT_MS: '2', XWF_STANDIN_STARTUP_MS: '200' } });
  });
  beforeEach(() => {
    ws = makeTempDir('xwf-ws-');
    writeFileSync(sshd.standinState, '{}\n');
  });
  afterEach(() => {
    killLeftoverJobs(sshd.workDir);
    ws.cleanup();
  });
  after(async () => {
    if (sshd) killLeftoverJobs(sshd.workDir);
    await sshd?.stop();
  });

  const options = (manifestPath: string, host: Partial<RemoteHostInput> = {}) => ({
    host: remoteHostSchema.parse(sshd.host(host)),
    workspaceDir: ws.dir,
    manifestPath,
    sshConfigFile: sshd.sshConfig,
    ...FAST,
  });

  it('runs gate, service, workload and collection over one connection and writes the whole run root', async () => {
    const port = await freePort();
    const manifest = writePerfManifest(ws.dir, { runId: 'happy-1', port });
    const events: RemoteRunEvent[] = [];
    const before = sshd.acceptedConnections();
    const outcome = await runRemoteBenchmark(options(manifest), { onEvent: (e) => events.push(e) });

    assert.equal(outcome.status, 'completed', outcome.reason ?? '');
    assert.equal(outcome.conclusion, 'pending');
    assert.equal(outcome.connections, 1);
    assert.equal(sshd.acceptedConnections() - before, 1, 'the whole run used one SSH connection');

    const root = path.join(ws.dir, 'runs', 'perf', 'happy-1');
    const files = listFiles(root).map((f) => f.replace(/^evalscope\/raw\/\d{8}_\d{6}\//, 'evalscope/raw/<ts>/'));
    assert.deepEqual(files, [
      'env/device-nodes.before.txt',
      'env/gate-verdict.json',
      'env/idle-usages.after-service.txt',
      'env/load.after.txt',
      'env/load.before.txt',
      'env/mem.after.txt',
      'env/mem.before.txt',
      'env/npu-smi.after.txt',
      'env/npu-smi.before.txt',
      'env/npu-usages.after.npu0.txt',
      'env/npu-usages.before.npu0.txt',
      'env/precheck.time',
      'env/process.after-service.txt',
      'env/process.after.txt',
      'env/process.before.txt',
      'env/torch-npu-import.before.txt',
      'evalscope/benchmark_percentile.json',
      'evalscope/benchmark_summary.json',
      'evalscope/command.sh',
      'evalscope/evalscope.log',
      'evalscope/raw/<ts>/Qwen3-8B/benchmark.log',
      'evalscope/raw/<ts>/Qwen3-8B/parallel_2_number_6/benchmark_args.json',
      'evalscope/raw/<ts>/Qwen3-8B/parallel_2_number_6/benchmark_percentile.json',
      'evalscope/raw/<ts>/Qwen3-8B/parallel_2_number_6/benchmark_summary.json',
      'manifest.md',
      'metrics.json',
      'report.md',
      'service/command.sh',
      'service/healthcheck.json',
      'service/node_0.log',
      'service/pids.txt',
    ]);

    // Gate: every check passed on the stand-in host, three idle samples were taken.
    const gate = JSON.parse(readFileSync(path.join(root, 'env', 'gate-verdict.json'), 'utf8'));
    assert.equal(gate.verdict, 'pass', JSON.stringify(gate.reasons));
    assert.equal((readFileSync(path.join(root, 'env', 'idle-usages.after-service.txt'), 'utf8').match(/^\d{4}-\d{2}-\d{2}T/gm) ?? []).length, 3);

    // Metrics measured against the stand-in service: 6 of 6 requests, TTFT near the configured 15 ms.
    const metrics = metricsSchema.parse(JSON.parse(readFileSync(path.join(root, 'metrics.json'), 'utf8')));
    assert.equal(metrics.run_id, 'happy-1');
    assert.equal(metrics.success, 6);
    assert.equal(metrics.total, 6);
    assert.equal(metrics.parallel, 2);
    assert.equal(metrics.warmup_num, 1);
    assert.ok(metrics.ttft_ms !== null && metrics.ttft_ms >= 10, `ttft ${metrics.ttft_ms}`);
    assert.ok(metrics.tpot_ms !== null && metrics.tpot_ms > 0);

    // The filled manifest: observations in, user values kept.
    const m = parseManifestFile(readFileSync(path.join(root, 'manifest.md'), 'utf8'), 'manifest.md');
    assert.equal(textOf(m, 'host'), 'test-npu');
    assert.match(textOf(m, 'date') ?? '', /^\d{4}-\d{2}-\d{2}T/);
    assert.equal(textOf(m, 'NPU model'), '910B2');
    assert.equal(textOf(m, 'HDK driver version'), '23.0.2.1');
    assert.equal(textOf(m, 'torch_npu version'), '2.5.1');
    assert.equal(textOf(m, 'service_pid'), readFileSync(path.join(root, 'service', 'pids.txt'), 'utf8').trim());
    assert.equal(textOf(m, 'metrics_json'), 'metrics.json');
    assert.equal(textOf(m, 'perf_artifact_dir'), 'evalscope/raw/');
    assert.equal(textOf(m, 'conclusion_status'), 'pending');
    assert.equal(textOf(m, 'purpose'), 'remote engine test');
    assert.match(readFileSync(path.join(root, 'evalscope', 'command.sh'), 'utf8'), /exec 'evalscope' 'perf' '--url' 'http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions'.*'--warmup-num' '1'/);
    assert.match(readFileSync(path.join(root, 'report.md'), 'utf8'), /outcome: completed/);

    // Events: phases in order, progress reaching 100 %, streamed output lines.
    const phases = events.filter((e) => e.type === 'phase').map((e) => (e as { phase: string }).phase);
    assert.deepEqual(phases, ['connect', 'probe', 'lock', 'gate', 'service', 'workload', 'after', 'fetch']);
    const progress = events.filter((e): e is Extract<RemoteRunEvent, { type: 'progress' }> => e.type === 'progress');
    assert.ok(progress.length >= 2);
    assert.equal(progress[progress.length - 1].percent, 100);
    assert.ok(events.some((e) => e.type === 'output' && /Benchmarking summary/.test(e.line)));

    // The service this run started is stopped, and the device lock is released.
    const servicePid = remotePid(sshd.workDir, 'happy-1', 'service');
    await waitFor(() => !pidAlive(servicePid), 'the service to stop');
    assert.deepEqual(existsSync(sshd.lockDir) ? readdirSync(sshd.lockDir) : [], []);
  });

  it('reuses a healthy service instead of starting another, and never stops it', async () => {
    const port = await freePort();
    // A service already running on the host (the test host is this machine).
    const service = spawn(path.join(REMOTE_STANDINS_BIN, 'xllm'), ['--model', '/models/Qwen3-8B', '--port', String(port)], { detached: true, stdio: 'ignore' });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/v1/models`);
      const manifest = writePerfManifest(ws.dir, { runId: 'reuse-b', port, number: 2, parallel: 1 });
      const b = await runRemoteBenchmark(options(manifest));
      assert.equal(b.status, 'completed', b.reason ?? '');
      const root = path.join(ws.dir, 'runs', 'perf', 'reuse-b');
      assert.ok(!existsSync(path.join(root, 'service', 'command.sh')), 'no service was started');
      assert.match(readFileSync(path.join(root, 'service', 'healthcheck.json'), 'utf8'), /"id":"Qwen3-8B"/);
      const m = parseManifestFile(readFileSync(path.join(root, 'manifest.md'), 'utf8'), 'manifest.md');
      assert.match(textOf(m, 'healthcheck_result') ?? '', /reused/);
      assert.equal(textOf(m, 'service_pid'), undefined);
      assert.ok(service.pid !== undefined && pidAlive(service.pid), 'a reused service is never stopped');
    } finally {
      if (service.pid) process.kill(-service.pid, 'SIGKILL');
    }
  });

  it('stops a quick run on a failed gate with the reasons, before any service starts', async () => {
    writeFileSync(sshd.standinState, JSON.stringify({ npus: { '0': { health: 'Alarm' } } }));
    const port = await freePort();
    const manifest = writePerfManifest(ws.dir, { runId: 'gate-fail', port });
    const events: RemoteRunEvent[] = [];
    const outcome = await runRemoteBenchmark(options(manifest), { onEvent: (e) => events.push(e) });
    assert.equal(outcome.status, 'gate_failed');
    assert.equal(outcome.conclusion, 'inconclusive');
    assert.match(outcome.reason ?? '', /precheck gate failed for a quick run: Device 0: Health is Alarm/);
    const gateEvent = events.find((e): e is Extract<RemoteRunEvent, { type: 'gate' }> => e.type === 'gate');
    assert.equal(gateEvent?.verdict, 'fail');
    assert.equal(gateEvent?.blocking, true);
    const root = path.join(ws.dir, 'runs', 'perf', 'gate-fail');
    assert.ok(!existsSync(path.join(root, 'service')), 'no service was started');
    assert.ok(existsSync(path.join(root, 'env', 'npu-smi.before.txt')));
    const m = parseManifestFile(readFileSync(path.join(root, 'manifest.md'), 'utf8'), 'manifest.md');
    assert.equal(textOf(m, 'conclusion_status'), 'inconclusive');
    assert.match(textOf(m, 'deviations') ?? '', /Health is Alarm/);
    assert.deepEqual(existsSync(sshd.lockDir) ? readdirSync(sshd.lockDir) : [], []);
  });

  it('fails a run whose service dies during start-up, keeping its log and releasing the devices', async () => {
    const port = await freePort();
    const manifest = writePerfManifest(ws.dir, { runId: 'svc-dies', port, level: 'smoke' });
    const outcome = await runRemoteBenchmark(options(manifest, { env: { XWF_STANDIN_SERVICE_FAIL: '1' } }));
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.conclusion, 'fail');
    assert.match(outcome.reason ?? '', /service exited before it was ready \(exit code 3\); see service\/node_0\.log/);
    const root = path.join(ws.dir, 'runs', 'perf', 'svc-dies');
    assert.match(readFileSync(path.join(root, 'service', 'node_0.log'), 'utf8'), /failed to load model: out of device memory/);
    assert.ok(!existsSync(path.join(root, 'evalscope')), 'no benchmark ran');
    assert.match(readFileSync(path.join(root, 'manifest.md'), 'utf8'), /^- conclusion_status: fail$/m);
    assert.deepEqual(existsSync(sshd.lockDir) ? readdirSync(sshd.lockDir) : [], []);
  });

  it('gives up on a service that is not ready in time and stops it', async () => {
    const port = await freePort();
    const manifest = writePerfManifest(ws.dir, { runId: 'svc-slow', port, level: 'smoke' });
    const outcome = await runRemoteBenchmark({ ...options(manifest, { env: { XWF_STANDIN_STARTUP_MS: '20000' } }), serviceReadyTimeoutSeconds: 1 });
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.conclusion, 'inconclusive');
    assert.match(outcome.reason ?? '', /was not ready within 1 s/);
    const pid = remotePid(sshd.workDir, 'svc-slow', 'service');
    await waitFor(() => !pidAlive(pid), 'the slow service to be stopped');
  });

  it('cancels mid-run in a container: the remote process group is gone, the output so far is kept, the run is inconclusive', async () => {
    const port = await freePort();
    const manifest = writePerfManifest(ws.dir, { runId: 'cancel-1', port, number: 400, parallel: 1, outputTokens: 64 });
    const controller = new AbortController();
    const warnings: string[] = [];
    // In a container: the kill must reach the process group there too.
    const outcome = await runRemoteBenchmark(options(manifest, { container: 'npu-box' }), {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'log' && e.level === 'warning') warnings.push(e.message);
        if (e.type === 'progress' && e.percent >= 2) controller.abort('operator stopped it');
      },
    });
    assert.equal(outcome.status, 'cancelled');
    assert.equal(outcome.conclusion, 'inconclusive');
    assert.match(outcome.reason ?? '', /cancelled during workload: operator stopped it/);
    for (const job of ['workload', 'service']) {
      const pid = remotePid(sshd.workDir, 'cancel-1', job);
      assert.ok(!pidAlive(pid), `${job} process group ${pid} is gone`);
    }
    const root = path.join(ws.dir, 'runs', 'perf', 'cancel-1');
    assert.deepEqual(warnings, []);
    assert.match(readFileSync(path.join(root, 'evalscope', 'evalscope.log'), 'utf8'), /Processing:/);
    assert.ok(existsSync(path.join(root, 'service', 'node_0.log')));
    const m = parseManifestFile(readFileSync(path.join(root, 'manifest.md'), 'utf8'), 'manifest.md');
    assert.equal(textOf(m, 'conclusion_status'), 'inconclusive');
    assert.deepEqual(existsSync(sshd.lockDir) ? readdirSync(sshd.lockDir) : [], []);
  });

  it('survives a dropped connection: the job keeps running and reattach resumes streaming and collection', async () => {
    const port = await freePort();
    const manifest = writePerfManifest(ws.dir, { runId: 'drop-1', port, number: 60, parallel: 2, outputTokens: 32 });
    let killed = false;
    const lines: string[] = [];
    const outcome = await runRemoteBenchmark(options(manifest), {
      onEvent: (e) => {
        if (e.type === 'output') lines.push(e.line);
        if (e.type === 'progress' && e.percent >= 10 && !killed) {
          killed = true;
          // Cut the connection under the run: kill the master ssh (its control socket is in the transport's private dir).
          killSshMaster(sshd.sshConfig);
        }
      },
    });
    assert.equal(outcome.status, 'detached', outcome.reason ?? '');
    const workloadPid = remotePid(sshd.workDir, 'drop-1', 'workload');
    assert.ok(pidAlive(workloadPid) || existsSync(path.join(sshd.workDir, '.xwf', 'runs', 'drop-1', 'workload.exit')), 'the remote job kept running');
    // Another device lock request is refused while the detached run holds NPU 0.
    const other = writePerfManifest(ws.dir, { runId: 'drop-2', port });
    await assert.rejects(runRemoteBenchmark(options(other)), (e: unknown) => e instanceof RemoteError && e.code === 'lock_held' && /NPU 0 .* in use by run drop-1/.test(e.message));

    const resumed: string[] = [];
    const final = await reattachRemoteRun(
      { host: remoteHostSchema.parse(sshd.host()), workspaceDir: ws.dir, runId: 'drop-1', sshConfigFile: sshd.sshConfig },
      { onEvent: (e) => e.type === 'output' && resumed.push(e.line) },
    );
    assert.equal(final.status, 'completed', final.reason ?? '');
    // No artifact lost: the full log locally equals what both streams showed, and all 60 requests are in the result.
    const root = path.join(ws.dir, 'runs', 'perf', 'drop-1');
    const log = readFileSync(path.join(root, 'evalscope', 'evalscope.log'), 'utf8').split(/\r\n|\n|\r/).filter(Boolean);
    assert.deepEqual([...lines, ...resumed].filter(Boolean), log);
    const metrics = JSON.parse(readFileSync(path.join(root, 'metrics.json'), 'utf8'));
    assert.equal(metrics.success, 60);
  });
});
