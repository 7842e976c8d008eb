#!/usr/bin/env node
// Remote runs over a real sshd on 127.0.0.1: how many SSH connections one perf run opens, and the throughput of
// fetching a run folder as one tar stream over the run's connection against `scp -r` of the same folder,
// measured in the same run (scp opens its own connection; that setup time is part of what a user would wait).
// Usage: node bench/remote.bench.mjs [--mb 1024] [--files 8] [--keep]
//   --mb     artifact size to fetch (default 1024 MiB, random bytes so nothing compresses)
//   --files  how many files the size is split into (default 8)
//   --keep   keep the temporary folders (printed) for inspection
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { flag, numberArg } from './lib/args.mjs';
import { loadCore } from './lib/coreBundle.mjs';
import { emitJson, printTable } from './lib/report.mjs';

const mb = numberArg('mb', 1024);
const files = numberArg('files', 8);
const keep = flag('keep');

const core = await loadCore('remote', {
  'test/remote/sshd.ts': ['startSshd'],
  'test/remote/remoteFixtures.ts': ['freePort', 'writePerfManifest', 'killLeftoverJobs'],
  'src/core/remote/benchmarkEngine.ts': ['runRemoteBenchmark'],
  'src/core/remote/remoteHost.ts': ['remoteHostSchema'],
  'src/core/remote/runArchive.ts': ['fetchRunFolder'],
  'src/core/remote/sshTransport.ts': ['SshTransport'],
});

const sshd = await core.startSshd({ env: { XWF_STANDIN_TTFT_MS: '10', XWF_STANDIN_TPOT_MS: '1', XWF_STANDIN_STARTUP_MS: '100' } });
const local = join(tmpdir(), `xwf-remote-bench-${process.pid}`);
mkdirSync(local, { recursive: true });
const rows = [];
try {
  // 1. One perf run end to end: count the connections the server accepted.
  const port = await core.freePort();
  const manifest = core.writePerfManifest(local, { runId: 'bench-conn', port, level: 'smoke', number: 8, parallel: 2 });
  const before = sshd.acceptedConnections();
  const t0 = performance.now();
  const outcome = await core.runRemoteBenchmark({
    host: core.remoteHostSchema.parse(sshd.host()),
    workspaceDir: join(local, 'ws'),
    manifestPath: manifest,
    sshConfigFile: sshd.sshConfig,
    idleSamples: { count: 3, intervalSeconds: 0.2 },
  });
  const runMs = performance.now() - t0;
  const accepted = sshd.acceptedConnections() - before;
  rows.push({ name: `SSH connections in one perf run (${outcome.status})`, value: accepted, unit: 'count', target: '= 1', met: accepted === 1, note: `engine counted ${outcome.connections}` });
  rows.push({ name: 'wall time of that run (stand-in host)', value: runMs, unit: 'ms' });

  // 2. A run folder of `mb` MiB of random bytes on the "remote" side.
  const runId = 'bench-fetch';
  const remoteRun = join(sshd.workDir, 'runs', 'perf', runId);
  mkdirSync(join(remoteRun, 'evalscope', 'raw'), { recursive: true });
  const per = Math.ceil(mb / files);
  for (let i = 0; i < files; i++) execFileSync('bash', ['-c', `head -c ${per}M /dev/urandom > '${join(remoteRun, 'evalscope', 'raw', `part${i}.bin`)}'`]);
  writeFileSync(join(remoteRun, 'manifest.md'), '# bench\n');
  const bytes = per * files * 2 ** 20;
  execFileSync('sync');

  // 3. Tar stream over the run's own connection (connection already open, as in a run).
  const transport = new core.SshTransport({ host: core.remoteHostSchema.parse(sshd.host()), sshConfigFile: sshd.sshConfig });
  await transport.connect();
  const tarDest = join(local, 'tar');
  const t1 = performance.now();
  const r = await core.fetchRunFolder(transport, { kind: 'perf', runId }, tarDest);
  const tarMs = performance.now() - t1;
  await transport.close();
  if (r.bytes < bytes) throw new Error(`tar fetch got ${r.bytes} of ${bytes} bytes`);

  // 4. scp -r of the same folder (its own connection, SFTP protocol as OpenSSH 9 uses by default).
  const scpDest = join(local, 'scp');
  mkdirSync(scpDest);
  const t2 = performance.now();
  execFileSync('scp', ['-q', '-r', '-F', sshd.sshConfig, `${sshd.alias}:${remoteRun}`, scpDest], { stdio: 'inherit' });
  const scpMs = performance.now() - t2;

  const tarMBs = bytes / 2 ** 20 / (tarMs / 1000);
  const scpMBs = bytes / 2 ** 20 / (scpMs / 1000);
  rows.push({ name: `fetch ${mb} MiB as one tar stream`, value: tarMBs, unit: 'MB/s', note: `${(tarMs / 1000).toFixed(2)} s, ${r.files} files` });
  rows.push({ name: `scp -r of the same folder`, value: scpMBs, unit: 'MB/s', note: `${(scpMs / 1000).toFixed(2)} s` });
  rows.push({ name: 'tar stream throughput vs scp', value: tarMBs / scpMBs, unit: 'x', ratio: tarMBs / scpMBs, refName: 'scp' });
  printTable('remote runs over SSH (loopback sshd, stand-in host tools)', rows);
  emitJson('remote', rows, { mb, files });
} finally {
  core.killLeftoverJobs(sshd.workDir);
  await sshd.stop();
  if (keep) console.log(`kept ${local}`);
  else rmSync(local, { recursive: true, force: true });
}
