import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { remoteCliReportSchema } from '../../../src/core/remote/remoteCliReport';
import { captureIO } from '../../support/captureIO';
import { makeTempDir } from '../../support/tempDir';
import { startSshd, type TestSshd } from '../../remote/sshd';
import { freePort, killLeftoverJobs, killSshMaster, pidAlive, remotePid, writePerfManifest } from '../../remote/remoteFixtures';

describe('remote: xwf remote on the command line', function () {
  this.timeout(40_000);
  let sshd: TestSshd;
  let ws: { dir: string; cleanup: () => void };
  let hostsFile: string;

  before(async () => {
    sshd = await startSshd({ env: { XWF_STANDIN_TTFT_MS: '5', XWF_STANDIN_TPOT_MS: '1', XWF_STANDIN_STARTUP_MS: '100' } });
  });
  beforeEach(() => {
    ws = makeTempDir('xwf-ws-');
    hostsFile = path.join(ws.dir, 'hosts.json');
    writeFileSync(hostsFile, JSON.stringify({ 'xllm.remote.hosts': [sshd.host(), { name: 'dead', sshTarget: '127.0.0.1', port: 1, workDir: '/tmp', connectTimeoutSeconds: 3 }] }));
  });
  afterEach(() => {
    killLeftoverJobs(sshd.workDir);
    ws.cleanup();
  });
  after(async () => {
    if (sshd) killLeftoverJobs(sshd.workDir);
    await sshd?.stop();
  });

  const cli = async (args: string[]) => {
    const io = { ...captureIO(ws.dir), env: { XWF_HOSTS_FILE: hostsFile } };
    const code = await runCli(['remote', ...args, '--ssh-config', sshd.sshConfig], io);
    return { code, out: io.stdout(), err: io.stderr() };
  };

  it('lists hosts from the hosts file and the ssh config, and reports bad entries', async () => {
    const r = await cli(['hosts', '--json']);
    assert.equal(r.code, 0, r.err);
    const report = remoteCliReportSchema.parse(JSON.parse(r.out));
    assert.equal(report.command, 'hosts');
    if (report.command !== 'hosts') return;
    assert.deepEqual(report.hosts.map((h) => h.name), ['test-npu', 'dead']);
    assert.ok(report.sshConfigHosts.some((h) => h.alias === 'xwf-test' && h.port === sshd.port));
    writeFileSync(hostsFile, JSON.stringify([{ name: 'bad', sshTarget: '-oProxyCommand=x', workDir: 'rel' }]));
    const bad = await cli(['hosts']);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /host #1 sshTarget: expected \[user@\]host/);
    assert.match(bad.err, /host #1 workDir: expected an absolute path/);
  });

  it('runs a manifest, then reports status and fetches again, all as JSON', async () => {
    const port = await freePort();
    const manifest = writePerfManifest(ws.dir, { runId: 'cli-1', port, level: 'smoke', number: 3, parallel: 1 });
    const run = await cli(['run', manifest, '--host', 'test-npu', '--idle-interval', '0', '--json']);
    assert.equal(run.code, 0, run.err);
    const report = remoteCliReportSchema.parse(JSON.parse(run.out));
    assert.ok(report.command === 'run');
    if (report.command !== 'run') return;
    assert.equal(report.outcome.status, 'completed');
    assert.equal(report.outcome.connections, 1);
    assert.equal(report.outcome.headline?.success, 3);
    assert.equal(report.outcome.runRoot, path.join(ws.dir, 'runs', 'perf', 'cli-1'));

    const status = await cli(['status', 'cli-1', '--json']);
    assert.equal(status.code, 0, status.err);
    const st = remoteCliReportSchema.parse(JSON.parse(status.out));
    assert.ok(st.command === 'status' && st.localStatus === 'completed' && st.jobs.workload.exitCode === 0 && !st.jobs.workload.alive);

    const fetched = await cli(['fetch', 'cli-1']);
    assert.equal(fetched.code, 0, fetched.err);
    assert.match(fetched.out, /cli-1: fetched into /);
  });

  it('cancels a running job from another invocation: the remote process is gone', async () => {
    const port = await freePort();
    const manifest = writePerfManifest(ws.dir, { runId: 'cli-cancel', port, level: 'smoke', number: 2000, parallel: 1, outputTokens: 8 });
    // Start the run and cut its connection once the workload runs: the job goes on, detached.
    const { runRemoteBenchmark } = await import('../../../src/core/remote/benchmarkEngine');
    const { remoteHostSchema } = await import('../../../src/core/remote/remoteHost');
    let cut = false;
    const first = await runRemoteBenchmark(
      { host: remoteHostSchema.parse(sshd.host()), workspaceDir: ws.dir, manifestPath: manifest, sshConfigFile: sshd.sshConfig, idleSamples: { count: 1, intervalSeconds: 0 } },
      { onEvent: (e) => e.type === 'progress' && e.percent > 0 && !cut && (cut = killSshMaster(sshd.sshConfig)) },
    );
    assert.equal(first.status, 'detached');
    const workload = remotePid(sshd.workDir, 'cli-cancel', 'workload');
    assert.ok(pidAlive(workload), 'the detached job runs on');
    const r = await cli(['cancel', 'cli-cancel', '--reason', 'wrong model']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /cli-cancel: cancelled \(conclusion_status inconclusive\)/);
    assert.match(r.out, /wrong model/);
    assert.ok(!pidAlive(workload), 'the remote workload is gone');
  });

  it('exits 3 with a clear message for an unreachable host, and 2 for usage errors', async () => {
    const manifest = writePerfManifest(ws.dir, { runId: 'cli-dead', port: 1 });
    const t0 = Date.now();
    const dead = await cli(['run', manifest, '--host', 'dead']);
    assert.equal(dead.code, 3);
    assert.match(dead.err, /xwf remote: cannot reach host 'dead' \(127\.0\.0\.1:1\)/);
    assert.ok(Date.now() - t0 < 15_000);
    assert.equal((await cli(['run', manifest])).code, 2);
    assert.equal((await cli(['launch'])).code, 2);
    const kind = await cli(['run', manifest, '--host', 'test-npu', '--kind', 'latency']);
    assert.equal(kind.code, 2);
    assert.match(kind.err, /--kind must be perf, accuracy or profiling/);
    const unknown = await cli(['run', manifest, '--host', 'nope']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /no host named 'nope'/);
    writeFileSync(path.join(ws.dir, 'bad.manifest.md'), '## Identity\n\n- run_id: ../x\n- level: quick\n');
    const badManifest = await cli(['run', path.join(ws.dir, 'bad.manifest.md'), '--host', 'test-npu']);
    assert.equal(badManifest.code, 2);
    assert.match(badManifest.err, /run_id: '\.\.\/x' must be letters/);
    assert.match(badManifest.err, /warmup_num: a quick run needs warmup_num >= 1/);
  });
});
