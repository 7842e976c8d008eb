import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadRunManifests } from '../../../src/core/diagnostics/runContext';
import { parseManifest, validateManifest } from '../../../src/core/diagnostics/validateManifest';
import { RunIndex } from '../../../src/core/runs/runIndex';
import { runRecordOf } from '../../../src/core/runs/runRecord';
import { loadRunRecords, RunRecords } from '../../../src/core/runs/runRecords';
import { makeTempDir, writeTree } from '../../support/tempDir';
import { buildManifest, buildYamlManifest, type Overrides } from '../diagnostics/manifestBuilder';

const BASE_ID = 'qwen3-32b-tp4-base';
const FILE = 'runs/perf/qwen3-32b-tp4-20260529/manifest.md';

describe('run records', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('give the cross-file rules the same findings as the parsed baseline manifests', () => {
    const cases: [Overrides, Overrides][] = [
      [{}, { baseline_run_id: BASE_ID }],
      [{ dtype: 'w8a8', seed: null }, { baseline_run_id: BASE_ID }],
      [{ schedule_overlap: 'false', parallel: '8', ASCEND_RT_VISIBLE_DEVICES: '7,6,5,4' }, { baseline_run_id: BASE_ID, fairness_notes: 'experiment: schedule overlap' }],
      [{ commit: '3f9a2c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39' }, { baseline_run_id: BASE_ID, baseline_commit: 'abcdef123' }],
      [{ commit: 'not a hash' }, { baseline_run_id: BASE_ID, baseline_commit: 'abcdef123' }],
      [{}, { baseline_run_id: 'qwen3-32b-tp4-bse' }],
    ];
    for (const [baseline, current] of cases) {
      const doc = parseManifest(buildManifest({ run_id: BASE_ID, ...baseline }), 'manifest.md');
      const text = buildManifest(current);
      for (const locale of ['en', 'zh-cn'] as const) {
        const withDoc = validateManifest(text, { fileName: FILE, locale, context: { runs: new Map([[BASE_ID, doc]]) } });
        const withRecord = validateManifest(text, { fileName: FILE, locale, context: { runs: new Map([[BASE_ID, runRecordOf(doc, 'manifest.md', 'base')]]) } });
        assert.deepEqual(withRecord, withDoc, JSON.stringify(current));
      }
    }
  });

  it('are keyed like loadRunManifests: run_id, then folder name, first of two equal ids wins, unreadable manifests left out', async () => {
    writeTree(dir, {
      'runs/perf/p1/manifest.md': buildManifest({ run_id: 'shared', model_name: 'Qwen3-32B' }),
      'runs/perf/p2/manifest.md': buildManifest({ run_id: 'shared', model_name: 'DeepSeek-V3' }),
      'runs/accuracy/a1/manifest.yaml': buildYamlManifest({ run_id: 'acc-1', dtype: 'w8a8' }),
      'runs/perf/p3/manifest.md': '',
    });
    writeFileSync(path.join(dir, 'runs/perf/p3/manifest.md'), Buffer.from([0xc3, 0x28, 0x80, 0xff]));
    const index = new RunIndex(dir);
    await index.rescan();
    const records = await loadRunRecords(index.runs());
    const docs = await loadRunManifests(index.runs());
    assert.deepEqual([...records.keys()].sort(), [...docs.keys()].sort());
    assert.equal(records.get('shared')!.values.model_name.text, 'Qwen3-32B');
    assert.equal(records.get('p2')!.values.model_name.text, 'DeepSeek-V3');
    assert.equal(records.get('acc-1')!.values.dtype.text, 'w8a8');
    assert.equal(records.get('acc-1')!.values.fairness_notes, undefined, 'only recorded keys are kept');
  });

  it('are re-read only for the run a change touches, and dropped with their run', async () => {
    writeTree(dir, {
      'runs/perf/p1/manifest.md': buildManifest({ run_id: 'p1', model_name: 'Qwen3-32B' }),
      'runs/perf/p2/manifest.md': buildManifest({ run_id: 'p2', model_name: 'Qwen3-8B' }),
    });
    const index = new RunIndex(dir);
    await index.rescan();
    const store = new RunRecords();
    assert.equal(await store.sync(index.runs()), true);
    assert.deepEqual(store.completionValues().model_name, ['Qwen3-32B', 'Qwen3-8B']);
    const p2Before = store.byRunId().get('p2');

    const manifest = path.join(dir, 'runs/perf/p1/manifest.md');
    writeFileSync(manifest, buildManifest({ run_id: 'p1', model_name: 'Qwen3-72B' }));
    await index.update(manifest);
    assert.equal(await store.sync(index.runs(), manifest), true);
    assert.equal(store.byRunId().get('p1')!.values.model_name.text, 'Qwen3-72B');
    assert.equal(store.byRunId().get('p2'), p2Before, 'the other run is not read again');
    assert.deepEqual(store.completionValues().model_name, ['Qwen3-72B', 'Qwen3-8B']);

    // A change elsewhere in a run (metrics.json) leaves the records alone.
    const metrics = path.join(dir, 'runs/perf/p2/metrics.json');
    writeFileSync(metrics, '{}');
    await index.update(metrics);
    assert.equal(await store.sync(index.runs(), metrics), false);

    rmSync(path.join(dir, 'runs/perf/p2'), { recursive: true });
    await index.update(path.join(dir, 'runs/perf/p2'));
    assert.equal(await store.sync(index.runs()), true);
    assert.deepEqual([...store.byRunId().keys()], ['p1']);
    assert.deepEqual(store.completionValues().model_name, ['Qwen3-72B']);
  });
});
