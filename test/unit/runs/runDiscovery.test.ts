import * as assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { discoverRuns, FolderNotFoundError } from '../../../src/core/runs/runDiscovery';
import { RunIndex } from '../../../src/core/runs/runIndex';
import { makeTempDir, writeTree } from '../../support/tempDir';

describe('run discovery', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('finds every conventional layout with kind and run_id', async () => {
    writeTree(dir, {
      'runs/perf/p1/manifest.md': '# Run Manifest\n',
      'runs/perf/p1/metrics.json': '{}',
      'runs/perf/p1/env/': '',
      'runs/accuracy/a1/manifest.yaml': 'Identity: {}\n',
      'runs/eval/e1/manifest.md': '',
      'runs/capacity/c1/manifest.md': '',
      'runs/compute/k1/manifest.md': '',
      'profiling/prof1/PROF_000001_20261101/mindstudio_profiler_output/': '',
      'profiling/prof1/manifest.md': '',
    });
    const { runs, problems } = await discoverRuns(dir);
    assert.deepEqual(
      runs.map((r) => [r.kind, r.runId, r.relativePath]),
      [
        ['accuracy', 'a1', 'runs/accuracy/a1'],
        ['capacity', 'c1', 'runs/capacity/c1'],
        ['compute', 'k1', 'runs/compute/k1'],
        ['eval', 'e1', 'runs/eval/e1'],
        ['perf', 'p1', 'runs/perf/p1'],
        ['profiling', 'prof1', 'profiling/prof1'],
      ],
    );
    assert.equal(problems.length, 0);
    const perf = runs.find((r) => r.runId === 'p1')!;
    assert.equal(perf.manifestPath, path.join(dir, 'runs/perf/p1/manifest.md'));
    assert.deepEqual(perf.inventory.missing, ['service/', 'evalscope/', 'report.md']);
    assert.equal(runs.find((r) => r.runId === 'a1')!.manifestPath, path.join(dir, 'runs/accuracy/a1/manifest.yaml'));
    assert.deepEqual(runs.find((r) => r.runId === 'prof1')!.inventory.missing, []);
  });

  it('ignores a source folder named profiling that holds no capture', async () => {
    writeTree(dir, { 'xllm/core/profiling/timer/timer.cpp': 'int x;', 'profiling/real/capture.log': 'ok' });
    const { runs } = await discoverRuns(dir);
    assert.deepEqual(runs.map((r) => r.runId), ['real']);
  });

  it('adds folders matched by configured globs and infers their kind', async () => {
    writeTree(dir, {
      'experiments/tp4/score.json': '{}',
      'experiments/tp8/PROF_1/': '',
      'experiments/notes.md': '',
    });
    const { runs } = await discoverRuns(dir, { roots: ['experiments/*'] });
    assert.deepEqual(runs.map((r) => [r.kind, r.runId, r.matchedBy]), [
      ['accuracy', 'tp4', 'glob'],
      ['profiling', 'tp8', 'glob'],
    ]);
  });

  it('skips excluded folders and survives a symlink loop', async () => {
    writeTree(dir, { 'node_modules/runs/perf/x/manifest.md': '', 'a/runs/perf/y/manifest.md': '' });
    symlinkSync(dir, path.join(dir, 'a', 'loop'));
    const { runs } = await discoverRuns(dir);
    assert.deepEqual(runs.map((r) => r.runId), ['y']);
  });

  it('treats the scanned folder itself as a run root when it is one', async () => {
    writeTree(dir, { 'runs/perf/solo/manifest.md': '' });
    const { runs } = await discoverRuns(path.join(dir, 'runs/perf/solo'));
    assert.deepEqual(runs.map((r) => [r.runId, r.relativePath]), [['solo', '.']]);
  });

  it('rejects a missing folder with a clear error', async () => {
    await assert.rejects(discoverRuns(path.join(dir, 'nope')), (e: unknown) => e instanceof FolderNotFoundError && /no such folder/.test((e as Error).message));
  });
});

describe('run index', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('adds, updates and removes runs from single path events', async () => {
    writeTree(dir, { 'runs/perf/p1/manifest.md': '' });
    const index = new RunIndex(dir);
    await index.rescan();
    assert.equal(index.runs().length, 1);

    writeTree(dir, { 'runs/perf/p2/env/npu-smi.before.txt': 'x' });
    assert.equal(await index.update(path.join(dir, 'runs/perf/p2/env/npu-smi.before.txt')), true);
    assert.deepEqual(index.runs().map((r) => r.runId), ['p1', 'p2']);
    assert.equal(index.get(path.join(dir, 'runs/perf/p2'))!.manifestPath, null);

    writeTree(dir, { 'runs/perf/p2/manifest.md': '' });
    assert.equal(await index.update(path.join(dir, 'runs/perf/p2/manifest.md')), true);
    assert.ok(index.get(path.join(dir, 'runs/perf/p2'))!.manifestPath);

    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'runs/perf'), { recursive: true });
    assert.equal(await index.update(path.join(dir, 'runs/perf')), true);
    assert.equal(index.runs().length, 0);
  });
});
