import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runRemoteBenchmark } from '../../../src/core/remote/benchmarkEngine';
import { remoteHostSchema, type RemoteHostInput } from '../../../src/core/remote/remoteHost';
import { RemoteError } from '../../../src/core/remote/remoteMessages';
import { fetchRunFolder } from '../../../src/core/remote/runArchive';
import { SshTransport } from '../../../src/core/remote/sshTransport';
import { makeTempDir } from '../../support/tempDir';
import { GATE_STANDINS_BIN, startSshd, type TestSshd } from '../../remote/sshd';
import { freePort, killLeftoverJobs, listFiles, writePerfManifest } from '../../remote/remoteFixtures';

describe('remote: hostile values, missing tools, hostile archives and prompts', function () {
  this.timeout(40_000);
  let sshd: TestSshd;
  let ws: { dir: string; cleanup: () => void };
  let dockerLog: string;

  before(async () => {
    const { dir } = makeTempDir('xwf-dockerlog-');
    dockerLog = path.join(dir, 'docker.log');
    writeFileSync(dockerLog, '');
    sshd = await startSshd({ env: { XWF_STANDIN_TTFT_MS: '5', XWF_STANDIN_TPOT_MS: '1', XWF_STANDIN_STARTUP_MS: '100', XWF_STANDIN_DOCKER_LOG: dockerLog } });
  });
  beforeEach(() => {
    ws = makeTempDir('xwf-ws-');
  });
  afterEach(() => {
    killLeftoverJobs(sshd.workDir);
    ws.cleanup();
  });
  after(async () => {
    if (sshd) killLeftoverJobs(sshd.workDir);
    await sshd?.stop();
    if (dockerLog) execFileSync('rm', ['-rf', path.dirname(dockerLog)]);
  });

  const host = (overrides: Partial<RemoteHostInput> = {}) => remoteHostSchema.parse(sshd.host(overrides));

  it('never executes manifest or setting values, inside a container too', async () => {
    const markers = makeTempDir('xwf-markers-');
    const canary = path.join(sshd.home, 'canary.txt');
    writeFileSync(canary, 'still here\n');
    try {
      const m = (n: number) => path.join(markers.dir, `marker${n}`);
      const port = await freePort();
      const modelName = `$(touch ${m(1)})`;
      const manifest = writePerfManifest(ws.dir, {
        runId: 'inject-1',
        port,
        level: 'smoke',
        number: 2,
        parallel: 1,
        modelName,
        startupCommand: `xllm --model /models/m --port ${port} --served-model-name m`,
        extra: {
          Identity: { purpose: `\`touch ${m(2)}\`` },
          Model: { tokenizer_path: "'; rm -rf ~'" },
          Workload: { dataset: `'; touch ${m(3)}; '`, extra_body: `{"note": "$(touch ${m(4)})"}` },
        },
      });
      const before = readFileSync(dockerLog, 'utf8').length;
      const outcome = await runRemoteBenchmark({
        host: host({ container: 'npu-box', env: { XWF_NOTE: `$(touch ${m(5)})` } }),
        workspaceDir: ws.dir,
        manifestPath: manifest,
        sshConfigFile: sshd.sshConfig,
        idleSamples: { count: 1, intervalSeconds: 0 },
      });
      assert.equal(outcome.status, 'completed', outcome.reason ?? '');
      for (let i = 1; i <= 5; i++) assert.ok(!existsSync(m(i)), `marker${i} must never be created`);
      assert.equal(readFileSync(canary, 'utf8'), 'still here\n');
      // The values arrived as data: evalscope saw them byte for byte.
      const root = path.join(ws.dir, 'runs', 'perf', 'inject-1');
      const argsFile = listFiles(root).find((f) => f.endsWith('benchmark_args.json'));
      assert.ok(argsFile, 'benchmark_args.json fetched');
      const args = JSON.parse(readFileSync(path.join(root, argsFile), 'utf8'));
      assert.equal(args.model, modelName);
      assert.equal(args.dataset, `'; touch ${m(3)}; '`);
      assert.equal(args.tokenizer_path, "'; rm -rf ~'");
      assert.deepEqual(args.extra_args, { note: `$(touch ${m(4)})` });
      // Every step that runs in the container went through `docker exec npu-box`.
      const execs = readFileSync(dockerLog, 'utf8').slice(before).trim().split('\n');
      assert.ok(execs.length >= 8, `docker exec used ${execs.length} times`);
      assert.ok(execs.every((l) => l === 'npu-box bash'));
      assert.match(readFileSync(path.join(root, 'manifest.md'), 'utf8'), /^- container: npu-box$/m);
    } finally {
      markers.cleanup();
    }
  });

  it('refuses to start when a remote tool is missing, naming it, before touching devices', async () => {
    const port = await freePort();
    const manifest = writePerfManifest(ws.dir, { runId: 'no-tool', port });
    const nodeDir = path.dirname(process.execPath);
    await assert.rejects(
      runRemoteBenchmark({
        host: host({ env: { PATH: `${GATE_STANDINS_BIN}:${nodeDir}:/usr/bin:/bin` } }),
        workspaceDir: ws.dir,
        manifestPath: manifest,
        sshConfigFile: sshd.sshConfig,
      }),
      (e: unknown) => e instanceof RemoteError && e.code === 'tool_missing' && /host 'test-npu' lacks evalscope on the PATH/.test(e.message),
    );
    assert.ok(!existsSync(path.join(ws.dir, 'runs', 'perf', 'no-tool')), 'nothing was written');
    assert.ok(!existsSync(path.join(sshd.lockDir, 'npu0.lock')), 'no lock was taken');
  });

  it('reports an unreachable host and a failed login clearly, within the timeout', async () => {
    const manifest = writePerfManifest(ws.dir, { runId: 'unreach', port: 1 });
    const started = Date.now();
    await assert.rejects(
      runRemoteBenchmark({ host: host({ sshTarget: '127.0.0.1', port: 1, connectTimeoutSeconds: 3 }), workspaceDir: ws.dir, manifestPath: manifest, sshConfigFile: sshd.sshConfig }),
      (e: unknown) => e instanceof RemoteError && e.code === 'unreachable' && /cannot reach host 'test-npu' \(127\.0\.0\.1:1\)/.test(e.message),
    );
    const wrongKey = path.join(ws.dir, 'wrongkey');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrongKey]);
    await assert.rejects(
      runRemoteBenchmark({
        host: host({ sshTarget: `${os.userInfo().username}@127.0.0.1`, port: sshd.port, identityFile: wrongKey }),
        workspaceDir: ws.dir,
        manifestPath: manifest,
        sshConfigFile: sshd.sshConfig,
      }),
      (e: unknown) => e instanceof RemoteError && e.code === 'auth_failed' && /authentication .* failed: .*Permission denied/.test(e.message),
    );
    assert.ok(Date.now() - started < 20_000);
  });

  it('never writes outside the run root, whatever archive the host sends', async () => {
    // A hostile host: its `tar` sends an archive with '..', absolute and link entries.
    const evil = makeTempDir('xwf-evil-');
    const outside = makeTempDir('xwf-outside-');
    try {
      const src = path.join(evil.dir, 'src');
      mkdirSync(path.join(src, 'env'), { recursive: true });
      writeFileSync(path.join(src, 'env', 'ok.txt'), 'fine\n');
      writeFileSync(path.join(evil.dir, 'escape.txt'), 'escaped\n');
      symlinkSync(outside.dir, path.join(src, 'link'));
      writeFileSync(path.join(outside.dir, 'through-link.txt'), 'x\n');
      const archive = path.join(evil.dir, 'evil.tar');
      execFileSync('tar', ['-cf', archive, '-P', '-C', src, 'env/ok.txt', '../escape.txt', path.join(evil.dir, 'escape.txt'), 'link', 'link/through-link.txt']);
      const bin = path.join(evil.dir, 'bin');
      mkdirSync(bin);
      writeFileSync(path.join(bin, 'tar'), `#!/bin/sh\nexec cat '${archive}'\n`);
      chmodSync(path.join(bin, 'tar'), 0o755);
      mkdirSync(path.join(sshd.workDir, 'runs', 'perf', 'evil-1'), { recursive: true });

      const t = new SshTransport({ host: host({ env: { PATH: `${bin}:/usr/bin:/bin` } }), sshConfigFile: sshd.sshConfig });
      const root = path.join(ws.dir, 'deep', 'runs', 'perf', 'evil-1');
      try {
        await t.connect();
        const r = await fetchRunFolder(t, { kind: 'perf', runId: 'evil-1' }, root);
        assert.deepEqual(r.refused.map((e) => [e.path, e.reason]).sort(), [
          ['../escape.txt', "climbs out with '..'"],
          [path.join(evil.dir, 'escape.txt'), 'absolute path'],
          ['link', 'is a link'],
        ]);
      } finally {
        await t.close();
      }
      // Only the honest file and a plain folder inside the root exist; nothing appeared next to it or outside.
      assert.deepEqual(listFiles(path.join(ws.dir, 'deep')), ['runs/perf/evil-1/env/ok.txt', 'runs/perf/evil-1/link/through-link.txt']);
      assert.ok(!existsSync(path.join(ws.dir, 'deep', 'runs', 'perf', 'escape.txt')));
      assert.deepEqual(listFiles(outside.dir), ['through-link.txt']);
      assert.equal(readFileSync(path.join(evil.dir, 'escape.txt'), 'utf8'), 'escaped\n');
    } finally {
      evil.cleanup();
      outside.cleanup();
    }
  });

  it('answers a key passphrase through the askpass hook and never logs it', async () => {
    const key = path.join(ws.dir, 'lockedkey');
    const passphrase = 'pa$$ w0rd; $(touch nope)';
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-f', key]);
    appendFileSync(path.join(sshd.dir, 'authorized_keys'), readFileSync(`${key}.pub`));
    const prompts: string[] = [];
    const logs: string[] = [];
    const t = new SshTransport({
      host: host({ sshTarget: `${os.userInfo().username}@127.0.0.1`, port: sshd.port, identityFile: key }),
      sshConfigFile: sshd.sshConfig,
      askpass: async (prompt) => {
        prompts.push(prompt);
        return passphrase;
      },
      log: (l) => logs.push(l),
    });
    try {
      await t.connect();
      assert.equal((await t.exec('echo ok', { step: 'after askpass' })).stdout, 'ok\n');
    } finally {
      await t.close();
    }
    assert.equal(prompts.length, 1);
    assert.match(prompts[0], /passphrase/i);
    assert.ok(logs.some((l) => /ssh prompt: .*passphrase.* -> answered/i.test(l)));
    assert.ok(!logs.join('\n').includes(passphrase));

    const declined = new SshTransport({
      host: host({ sshTarget: `${os.userInfo().username}@127.0.0.1`, port: sshd.port, identityFile: key }),
      sshConfigFile: sshd.sshConfig,
      askpass: async () => undefined,
    });
    await assert.rejects(declined.connect(), (e: unknown) => e instanceof RemoteError && e.code === 'auth_failed');
    await declined.close();
  });
});
