#!/usr/bin/env node
// Remote runs over a real sshd on 127.0.0.1: how many SSH connections one perf run opens, and the throughput of
// fetching a run folder as one tar stream over the run's connection against `scp -r` of the same folder,
// measured in the same run (scp opens its own connection; that setup time is part of what a user would wait).
// Usage: node bench/remote.bench.mjs [--mb 1024] [--files 8] [--keep]
//   --mb     artifact size to fetch (default 1024 MiB, random bytes so nothing compresses)
//   --files  how many files the size is split into (default 8)
//   --rounds interleaved tar/scp rounds, medians reported (default 3)
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
  'src/core/remote/cipherPreference.ts': ['AES_FIRST_CIPHERS', 'localCpuHasAes'],
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

  // 3./4. Tar stream over the run's own connection (already open, as in a run) against scp -r of the same folder
  // (its own connection, SFTP as OpenSSH 9 uses by default). Interleaved rounds, alternating which goes first, and
  // medians: the machine is shared, so one pair of samples says little.
  const rounds = numberArg('rounds', 3);
  const transport = new core.SshTransport({ host: core.remoteHostSchema.parse(sshd.host()), sshConfigFile: sshd.sshConfig });
  await transport.connect();
  const tarSamples = [];
  const scpSamples = [];
  let fetchedFiles = 0;
  const tarOnce = async (i) => {
    const tarDest = join(local, `tar${i}`);
    const t = performance.now();
    const r = await core.fetchRunFolder(transport, { kind: 'perf', runId }, tarDest);
    tarSamples.push(performance.now() - t);
    if (r.bytes < bytes) throw new Error(`tar fetch got ${r.bytes} of ${bytes} bytes`);
    fetchedFiles = r.files;
    rmSync(tarDest, { recursive: true, force: true });
  };
  // The run connection asks for AES-GCM first on CPUs with AES instructions; scp as a user runs it does not. Both
  // are shown: plain scp is the target's reference, scp with the same cipher order says how much is the cipher.
  const aesFirst = await core.localCpuHasAes();
  const scpAesSamples = [];
  const scpOnce = (i) => {
    for (const [extra, samples] of [[[], scpSamples], ...(aesFirst ? [[['-o', `Ciphers=${core.AES_FIRST_CIPHERS}`], scpAesSamples]] : [])]) {
      const scpDest = join(local, `scp${i}`);
      mkdirSync(scpDest);
      const t = performance.now();
      execFileSync('scp', ['-q', '-r', '-F', sshd.sshConfig, ...extra, `${sshd.alias}:${remoteRun}`, scpDest], { stdio: 'inherit' });
      samples.push(performance.now() - t);
      rmSync(scpDest, { recursive: true, force: true });
    }
  };
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      await tarOnce(i);
      scpOnce(i);
    } else {
      scpOnce(i);
      await tarOnce(i);
    }
  }
  await transport.close();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const tarMs = median(tarSamples);
  const scpMs = median(scpSamples);
  const tarMBs = bytes / 2 ** 20 / (tarMs / 1000);
  const scpMBs = bytes / 2 ** 20 / (scpMs / 1000);
  const secs = (xs) => xs.map((x) => (x / 1000).toFixed(2)).join(', ');
  rows.push({ name: `fetch ${mb} MiB as one tar stream (median of ${rounds})`, value: tarMBs, unit: 'MB/s', note: `${secs(tarSamples)} s, ${fetchedFiles} files` });
  rows.push({ name: `scp -r of the same folder (median of ${rounds})`, value: scpMBs, unit: 'MB/s', note: `${secs(scpSamples)} s` });
  rows.push({ name: 'tar stream throughput vs scp', value: tarMBs / scpMBs, unit: 'x', ratio: tarMBs / scpMBs, refName: 'scp', target: '>= 0.8', met: tarMBs / scpMBs >= 0.8, note: aesFirst ? 'the run connection puts AES-GCM first (AES instructions, default ciphers)' : 'default ciphers' });
  if (scpAesSamples.length) {
    const scpAesMBs = bytes / 2 ** 20 / (median(scpAesSamples) / 1000);
    rows.push({ name: `scp -r with AES-GCM first (median of ${rounds})`, value: scpAesMBs, unit: 'MB/s', note: `${secs(scpAesSamples)} s` });
    rows.push({ name: 'tar stream throughput vs scp with the same cipher order', value: tarMBs / scpAesMBs, unit: 'x', ratio: tarMBs / scpAesMBs, refName: 'scp, AES-GCM first' });
  }
  printTable('remote runs over SSH (loopback sshd, stand-in host tools)', rows);
  emitJson('remote', rows, { mb, files });
} finally {
  core.killLeftoverJobs(sshd.workDir);
  await sshd.stop();
  if (keep) console.log(`kept ${local}`);
  else rmSync(local, { recursive: true, force: true });
}
