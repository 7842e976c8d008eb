import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { runsReportSchema } from '../../../src/core/runs/runsReport';
import { captureIO } from '../../support/captureIO';
import { REPO_ROOT } from '../../support/paths';
import { makeTempDir } from '../../support/tempDir';

describe('xwf runs and sample-workspace', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('lists every run root the sample generator made, with kind and run_id, and exits 0', async () => {
    const gen = captureIO(dir);
    assert.equal(await runCli(['sample-workspace', 'ws', '--json'], gen), 0);
    const written = JSON.parse(gen.stdout()) as { runs: { kind: string; runId: string }[] };
    assert.ok(written.runs.length >= 8);
    const io = captureIO(dir);
    assert.equal(await runCli(['runs', 'ws', '--json'], io), 0);
    const report = runsReportSchema.parse(JSON.parse(io.stdout()));
    assert.deepEqual(
      report.runs.map((r) => `${r.kind}/${r.run_id}`).sort(),
      written.runs.map((r) => `${r.kind}/${r.runId}`).sort(),
    );
    for (const kind of ['perf', 'accuracy', 'profiling']) assert.ok(report.runs.filter((r) => r.kind === kind).length >= 2, kind);
    // The formal perf runs are complete; the smoke run lacks its gate snapshots.
    assert.deepEqual(report.runs.find((r) => r.run_id === 'qwen3-32b-tp4-baseline')!.missing, []);
    assert.deepEqual(report.runs.find((r) => r.run_id === 'qwen3-32b-tp4-smoke')!.missing, ['env/']);
  });

  it('generates the same bytes every time', async () => {
    const a = captureIO(dir);
    await runCli(['sample-workspace', 'a'], a);
    await runCli(['sample-workspace', 'b'], a);
    const list = (root: string): string[] =>
      readdirSync(root).flatMap((n) => {
        const p = path.join(root, n);
        return statSync(p).isDirectory() ? list(p).map((c) => `${n}/${c}`) : [n];
      });
    const files = list(path.join(dir, 'a'));
    assert.deepEqual(files, list(path.join(dir, 'b')));
    for (const f of files) assert.ok(readFileSync(path.join(dir, 'a', f)).equals(readFileSync(path.join(dir, 'b', f))), f);
  });

  it('refuses to write into a folder it did not make, and leaves it untouched', async () => {
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const io = captureIO(dir);
    assert.equal(await runCli(['sample-workspace', '.'], io), 3);
    assert.match(io.stderr(), /not empty/);
    assert.deepEqual(readdirSync(dir), ['notes.txt']);
  });

  it('reports a missing folder clearly and exits non-zero', async () => {
    const io = captureIO(dir);
    assert.equal(await runCli(['runs', 'does-not-exist'], io), 3);
    assert.match(io.stderr(), /does-not-exist: no such folder/);
  });

  it('rejects bad usage with exit 2 and prints usage', async () => {
    const io = captureIO(dir);
    assert.equal(await runCli(['runs'], io), 2);
    assert.match(io.stderr(), /usage: xwf runs/);
    assert.equal(await runCli(['no-such-command'], captureIO(dir)), 2);
    assert.equal(await runCli(['runs', '.', '--bogus'], captureIO(dir)), 2);
  });

  it('prints help with examples for every command, in English and Chinese', async () => {
    const en = captureIO(dir);
    assert.equal(await runCli(['--help'], en), 0);
    assert.match(en.stdout(), /runs\s+List the run roots/);
    const zh = captureIO(dir, 'zh-cn');
    assert.equal(await runCli(['runs', '--help'], zh), 0);
    assert.match(zh.stdout(), /示例：\n {2}xwf runs \./);
  });
});

describe('architecture', () => {
  it('src/core imports nothing from vscode', () => {
    const offenders: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = path.join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ts$/.test(n) && /from\s+['"]vscode['"]|require\(['"]vscode['"]\)/.test(readFileSync(p, 'utf8'))) offenders.push(p);
      }
    };
    walk(path.join(REPO_ROOT, 'src', 'core'));
    assert.deepEqual(offenders, []);
  });
});
