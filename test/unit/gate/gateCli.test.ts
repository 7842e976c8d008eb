import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CliIO } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/main';
import { readGateFolder, resolveEnvDir } from '../../../src/core/gate/gateFolder';
import { gateVerdictSchema } from '../../../src/core/gate/gateVerdictSchema';
import { makeTempDir, writeTree } from '../../support/tempDir';
import { cleanEnv, usages } from './envFixtures';

function io(cwd: string, locale: CliIO['locale'] = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), locale, cwd, env: {} };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
}

const inEnv = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [`runs/perf/r1/env/${k}`, v]));

describe('xwf gate', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('passes a clean run root (finding its env/) and exits 0', async () => {
    writeTree(dir, { 'runs/perf/r1/manifest.md': '# Run\n', ...inEnv(cleanEnv([0, 1])) });
    const t = io(dir);
    assert.equal(await runCli(['gate', 'runs/perf/r1'], t.io), 0);
    assert.match(t.out(), /^gate: PASS {2}.*runs\/perf\/r1\/env\n/);
    assert.match(t.out(), /devices: 0, 1 \(from the npu-usages\.before files\)/);
    assert.match(t.out(), / {2}0 {2}PASS {7}NPU 0 chip 0 {2}910B2 {2}OK {2}HBM 3100\/65536 MB {2}idle AICore 0\/0\/0%/);
  });

  it('prints JSON that matches the published schema, and exits 1 on a failed gate', async () => {
    const files = cleanEnv([0, 1]);
    files['npu-usages.before.npu1.txt'] = usages(1, { aicore: 60 });
    writeTree(dir, inEnv(files));
    const t = io(dir);
    assert.equal(await runCli(['gate', 'runs/perf/r1/env', '--json'], t.io), 1);
    const v = gateVerdictSchema.parse(JSON.parse(t.out()));
    assert.equal(v.verdict, 'fail');
    assert.deepEqual(v.reasons.map((r) => [r.code, r.device]), [['aicore_busy_before', 1]]);
    assert.equal(v.folder, path.join(dir, 'runs/perf/r1/env'));
  });

  it('exits 1 for an incomplete folder and lists what is missing, in Chinese when asked', async () => {
    const files = cleanEnv([0]);
    delete files['load.after.txt'];
    writeTree(dir, inEnv(files));
    const t = io(dir, 'zh-cn');
    assert.equal(await runCli(['gate', 'runs/perf/r1', '--devices', '0'], t.io), 1);
    assert.match(t.out(), /门禁: 证据不全/);
    assert.match(t.out(), /\? \[missing_snapshot\] 环境快照目录中缺少 load\.after\.txt/);
  });

  it('takes --devices and threshold options', async () => {
    const files = cleanEnv([0, 1]);
    files['npu-usages.before.npu1.txt'] = usages(1, { aicore: 8 });
    writeTree(dir, inEnv(files));
    const strict = io(dir);
    assert.equal(await runCli(['gate', 'runs/perf/r1', '--devices', '0,1'], strict.io), 1);
    const relaxed = io(dir);
    assert.equal(await runCli(['gate', 'runs/perf/r1', '--devices', '0,1', '--idle-aicore', '10'], relaxed.io), 0, relaxed.out());
    const only0 = io(dir);
    assert.equal(await runCli(['gate', 'runs/perf/r1', '--devices', '0'], only0.io), 0, only0.out());
  });

  it('exits 2 on bad usage', async () => {
    writeTree(dir, inEnv(cleanEnv([0])));
    for (const args of [['gate'], ['gate', 'a', 'b'], ['gate', 'runs', '--devices', '0,x'], ['gate', 'runs', '--hbm-busy', '150'], ['gate', 'runs', '--load-delta', '-1'], ['gate', 'runs', '--bogus']]) {
      const t = io(dir);
      assert.equal(await runCli(args, t.io), 2, args.join(' '));
      assert.match(t.err(), /usage: xwf gate/);
    }
  });

  it('exits 3 when the folder does not exist or is a file', async () => {
    writeTree(dir, { 'notes.txt': 'x' });
    for (const target of ['nope', 'notes.txt']) {
      const t = io(dir);
      assert.equal(await runCli(['gate', target], t.io), 3);
      assert.match(t.err(), /xwf gate: .*(no such folder|not a folder)/);
    }
  });

  it('reads only snapshot files, and reports a folder named like a snapshot as unreadable', async () => {
    writeTree(dir, { 'env/npu-smi.before.txt': 'x', 'env/notes.md': 'not a snapshot', 'env/npu-usages.before.npu3.txt': 'z', 'env/process.after.txt/': '' });
    const input = await readGateFolder(await resolveEnvDir(dir));
    assert.deepEqual(Object.keys(input.files).sort(), ['npu-smi.before.txt', 'npu-usages.before.npu3.txt']);
    assert.deepEqual(input.unreadable, { 'process.after.txt': 'not a regular file' });
  });
});
