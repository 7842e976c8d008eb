import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { remoteHostSchema, type RemoteHostInput } from '../../../src/core/remote/remoteHost';
import { RemoteError } from '../../../src/core/remote/remoteMessages';
import { SshTransport } from '../../../src/core/remote/sshTransport';
import { resolveSshTarget } from '../../../src/core/remote/sshResolve';
import { listSshConfigHosts } from '../../../src/core/remote/sshConfigHosts';
import { startSshd, type TestSshd } from '../../remote/sshd';

function transport(sshd: TestSshd, overrides: Partial<RemoteHostInput> = {}, extra: Partial<ConstructorParameters<typeof SshTransport>[0]> = {}) {
  return new SshTransport({ host: remoteHostSchema.parse(sshd.host(overrides)), sshConfigFile: sshd.sshConfig, ...extra });
}

describe('remote: ssh transport against a real sshd', function () {
  this.timeout(30_000);
  let sshd: TestSshd;
  before(async () => {
    sshd = await startSshd();
  });
  after(async () => {
    await sshd?.stop();
  });

  it('runs many scripts over one connection, with values as quoted variables and the sandbox PATH and HOME', async () => {
    const before = sshd.acceptedConnections();
    const t = transport(sshd, { env: { XWF_TEST_ENV: 'a b $(c)' } });
    try {
      await t.connect();
      const echoed = await t.exec('printf "%s|" "$V" "${ARR[@]}" "$XWF_TEST_ENV" "$HOME"', {
        step: 'echo',
        vars: { V: `it's "$(x)" \`y\``, ARR: ['1 2', '$HOME', ''] },
      });
      assert.equal(echoed.stdout, `it's "$(x)" \`y\`|1 2|$HOME||a b $(c)|${sshd.home}|`);
      for (let i = 0; i < 5; i++) assert.equal((await t.exec(`echo ${i}`, { step: 'n' })).stdout, `${i}\n`);
      const which = await t.exec('command -v evalscope', { step: 'which' });
      assert.match(which.stdout, /test\/standins\/remote\/bin\/evalscope/);
      const failed = await t.exec('exit 7', { step: 'fail' });
      assert.equal(failed.exitCode, 7);
      assert.equal(t.connectionsOpened, 1);
      assert.ok(await t.isAlive());
    } finally {
      await t.close();
    }
    assert.equal(sshd.acceptedConnections() - before, 1, 'one SSH connection for the whole session');
  });

  it('works without connection sharing (Windows OpenSSH): one connection per step', async () => {
    const before = sshd.acceptedConnections();
    const t = transport(sshd, {}, { multiplex: false });
    try {
      await t.connect();
      assert.ok(await t.isAlive());
      for (let i = 0; i < 2; i++) assert.equal((await t.exec(`echo ${i}`, { step: 'n' })).stdout, `${i}\n`);
      assert.equal(t.connectionsOpened, 3);
    } finally {
      await t.close();
    }
    assert.equal(sshd.acceptedConnections() - before, 3);
  });

  it('expands ~/ in workDir on the remote side', async () => {
    const t = transport(sshd, { workDir: '~/xwf' });
    try {
      await t.connect();
      assert.equal((await t.exec('echo "$XWF_WORKDIR"', { step: 'wd' })).stdout.trim(), path.join(sshd.home, 'xwf'));
    } finally {
      await t.close();
    }
  });

  it('fails fast with a clear auth error for a key the server does not know', async () => {
    const other = path.join(sshd.dir, 'otherkey');
    if (!existsSync(other)) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const t = transport(sshd, { sshTarget: `${os.userInfo().username}@127.0.0.1`, port: sshd.port, identityFile: other });
    const started = Date.now();
    await assert.rejects(t.connect(), (e: unknown) => {
      assert.ok(e instanceof RemoteError);
      assert.equal(e.code, 'auth_failed');
      assert.match(e.message, /authentication to host 'test-npu'.*Permission denied/);
      return true;
    });
    assert.ok(Date.now() - started < 15_000);
    await t.close();
  });

  it('reports a refused port as unreachable', async () => {
    const t = new SshTransport({ host: remoteHostSchema.parse({ name: 'nowhere', sshTarget: '127.0.0.1', port: 1, workDir: '/tmp', connectTimeoutSeconds: 3 }) });
    await assert.rejects(t.connect(), (e: unknown) => e instanceof RemoteError && e.code === 'unreachable' && /Connection refused/.test(e.message));
    await t.close();
  });

  it('gives up on a server that never speaks within ConnectTimeout', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as net.AddressInfo).port;
    const t = new SshTransport({ host: remoteHostSchema.parse({ name: 'silent', sshTarget: '127.0.0.1', port, workDir: '/tmp', connectTimeoutSeconds: 2 }) });
    try {
      await assert.rejects(t.connect(), (e: unknown) => e instanceof RemoteError && (e.code === 'unreachable' || e.code === 'timeout') && /silent/.test(e.message));
    } finally {
      await t.close();
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
  });

  it('resolves the alias with ssh -G and lists it from the config file', async () => {
    const r = await resolveSshTarget({ sshTarget: sshd.alias }, sshd.sshConfig);
    assert.equal(r.hostName, '127.0.0.1');
    assert.equal(r.port, sshd.port);
    assert.ok(r.identityFiles.includes(sshd.userKey));
    const hosts = await listSshConfigHosts(sshd.sshConfig);
    assert.deepEqual(
      hosts.map((h) => [h.alias, h.hostName ?? null, h.port ?? null]),
      [
        [sshd.alias, '127.0.0.1', sshd.port],
        ['127.0.0.1', null, null],
      ],
    );
  });

  it('lists aliases across Host blocks, skipping patterns, and follows Include', async () => {
    const dir = path.join(sshd.dir, 'cfg');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'extra'), 'Host extra-npu\n  HostName 127.0.0.2\n');
    writeFileSync(
      path.join(dir, 'config'),
      `Host *\n  ServerAliveInterval 5\n\nHost npu-a npu-b\n  HostName 127.0.0.1\n  User ci\n  Port 2222\n\nInclude ${path.join(dir, 'extra')}\n`,
    );
    const hosts = await listSshConfigHosts(path.join(dir, 'config'));
    assert.deepEqual(
      hosts.map((h) => [h.alias, h.user ?? null, h.port ?? null, h.line]).sort(),
      [
        ['extra-npu', null, null, 1],
        ['npu-a', 'ci', 2222, 4],
        ['npu-b', 'ci', 2222, 4],
      ],
    );
  });
});
