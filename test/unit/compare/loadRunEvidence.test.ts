import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadRunEvidence, RunNotFoundError } from '../../../src/core/compare/loadRunEvidence';
import { compareRuns } from '../../../src/core/compare/runComparison';
import { makeTempDir, writeTree } from '../../support/tempDir';

const YAML_MANIFEST = `Identity:
  run_id: yaml-run
  level: quick
Code:
  framework: xllm
  commit: abcdef1234567
  git_status_short: ""
Environment:
  NPU model: Ascend 910B2C
  physical_device_ids: 0,1
Model:
  model_name: Qwen3-8B
  dtype: bf16
  tensor_parallel: 2
Service:
  startup_command: xllm --model /m --port 1
Workload:
  dataset: random
  parallel: 4
  number: 64
  warmup_num: 2
Artifacts:
  perf_artifact_dir: evalscope
  metrics_json: metrics.json
`;

describe('compare: loading a run root', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir('xwf-load-')));
  afterEach(() => cleanup());

  it('reads a YAML manifest, tells the kind from the layout and reports a cut-off metrics.json where it stops', async () => {
    writeTree(dir, {
      'runs/perf/yaml-run/manifest.yaml': YAML_MANIFEST,
      'runs/perf/yaml-run/metrics.json': '{"run_id": "yaml-run", "ttft_ms": 12.5,\n "tpot_ms": ',
      'runs/perf/yaml-run/env/': '',
      'runs/perf/yaml-run/service/node_0.log': 'ok\n',
      'runs/perf/yaml-run/evalscope/benchmark_summary.json': '{}',
    });
    const run = await loadRunEvidence(path.join(dir, 'runs/perf/yaml-run'), { evaluateGate: null, collectBenchmarks: null });
    assert.equal(run.kind, 'perf');
    assert.equal(run.runId, 'yaml-run');
    assert.equal(run.manifestFile, 'manifest.yaml');
    assert.equal(run.manifest.Model.tensor_parallel, '2');
    assert.equal(run.manifest.Environment['NPU model'], 'Ascend 910B2C');
    assert.equal(run.metrics, null);
    assert.match(run.metricsProblem ?? '', /^metrics\.json: incomplete JSON at line 2, column \d+/);
    assert.deepEqual(run.gate, { present: true, files: [], verdict: null, reasons: [] });
    const cmp = compareRuns(run, run);
    const r = cmp.reasons.find((x) => x.code === 'metrics_invalid');
    assert.ok(r && r.run === 'baseline', JSON.stringify(cmp.reasons));
    assert.equal(cmp.verdict, 'INCONCLUSIVE');
  });

  it('says which run root is missing and never throws for an empty folder', async () => {
    await assert.rejects(loadRunEvidence(path.join(dir, 'nope')), (e: unknown) => e instanceof RunNotFoundError && /no such folder/.test(e.message));
    writeTree(dir, { 'empty/': '' });
    const run = await loadRunEvidence(path.join(dir, 'empty'));
    assert.equal(run.manifestFile, null);
    assert.equal(run.metrics, null);
    const cmp = compareRuns(run, run);
    assert.ok(cmp.reasons.some((x) => x.code === 'manifest_missing'));
    assert.equal(cmp.gain.allowed, false);
  });
});
