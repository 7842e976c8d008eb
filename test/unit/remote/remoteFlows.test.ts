import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runRemoteBenchmark } from '../../../src/core/remote/benchmarkEngine';
import { remoteHostSchema } from '../../../src/core/remote/remoteHost';
import { RemoteError } from '../../../src/core/remote/remoteMessages';
import { parseManifestFile } from '../../../src/core/manifest/manifestFields';
import { textOf } from '../../../src/core/manifest/manifestModel';
import { requestConfigSchema } from '../../../src/core/schemas/requestConfigSchema';
import { scoreSchema } from '../../../src/core/schemas/scoreSchema';
import { makeTempDir } from '../../support/tempDir';
import { startSshd, type TestSshd } from '../../remote/sshd';
import { freePort, killLeftoverJobs, listFiles, writePerfManifest } from '../../remote/remoteFixtures';

describe('remote: accuracy and profiling flows over a real sshd', function () {
  this.timeout(40_000);
  let sshd: TestSshd;
  let ws: { dir: string; cleanup: () => void };

  before(async () => {
    sshd = await startSshd({ env: { XWF_STANDIN_TTFT_MS: '5', XWF_STANDIN_TPOT_MS: '1', XWF_STANDIN_STARTUP_MS: '100', XWF_STANDIN_STEP_MS: '10' } });
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
  });

  const options = (manifestPath: string, kind: 'accuracy' | 'profiling') => ({
    kind,
    host: remoteHostSchema.parse(sshd.host()),
    workspaceDir: ws.dir,
    manifestPath,
    sshConfigFile: sshd.sshConfig,
    idleSamples: { count: 1, intervalSeconds: 0 },
  });

  it('runs evalscope eval and writes the accuracy run root', async () => {
    const port = await freePort();
    const manifest = writePerfManifest(ws.dir, { runId: 'acc-1', port, level: 'quick', number: 3, extra: { Workload: { dataset: 'gsm8k,ceval', warmup_num: 0, top_p: 0.9, seed: 7 } } });
    const outcome = await runRemoteBenchmark(options(manifest, 'accuracy'));
    assert.equal(outcome.status, 'completed', outcome.reason ?? '');
    assert.equal(outcome.conclusion, 'pending');
    const root = path.join(ws.dir, 'runs', 'accuracy', 'acc-1');
    const files = listFiles(root).map((f) => f.replace(/^evalscope\/raw\/\d{8}_\d{6}\//, 'evalscope/raw/<ts>/'));
    assert.deepEqual(files, [
      'dataset_config.json',
      'evalscope/command.sh',
      'evalscope/eval.log',
      'evalscope/raw/<ts>/predictions/Qwen3-8B/ceval_main.jsonl',
      'evalscope/raw/<ts>/predictions/Qwen3-8B/gsm8k_main.jsonl',
      'evalscope/raw/<ts>/reports/Qwen3-8B/ceval.json',
      'evalscope/raw/<ts>/reports/Qwen3-8B/gsm8k.json',
      'failed_cases.jsonl',
      'manifest.md',
      'raw_predictions.jsonl',
      'report.md',
      'request_config.json',
      'score.json',
      'service/command.sh',
      'service/healthcheck.json',
      'service/node_0.log',
      'service/pids.txt',
      'service_log_excerpt.txt',
    ]);
    const score = scoreSchema.parse(JSON.parse(readFileSync(path.join(root, 'score.json'), 'utf8')));
    assert.deepEqual([score.run_id, score.dataset, score.limit, score.num_total, score.num_correct, score.score, score.failed_case_count], ['acc-1', 'gsm8k,ceval', 3, 6, 6, 1, 0]);
    const rc = requestConfigSchema.parse(JSON.parse(readFileSync(path.join(root, 'request_config.json'), 'utf8')));
    assert.deepEqual([rc.temperature, rc.top_p, rc.seed, rc.max_tokens], [0, 0.9, 7, 16]);
    assert.equal(readFileSync(path.join(root, 'raw_predictions.jsonl'), 'utf8').trim().split('\n').length, 6);
    assert.match(readFileSync(path.join(root, 'evalscope', 'command.sh'), 'utf8'), /'--datasets' 'gsm8k' 'ceval' '--limit' '3' '--generation-config' '\{"temperature":0,"top_p":0.9,"seed":7,"max_tokens":16\}'/);
    const m = parseManifestFile(readFileSync(path.join(root, 'manifest.md'), 'utf8'), 'manifest.md');
    assert.equal(textOf(m, 'accuracy_artifact_dir'), 'evalscope/raw/');
    assert.equal(textOf(m, 'env_snapshot_dir'), undefined, 'no gate for accuracy runs');
  });

  it('captures an msprof dynamic profile of the service parent, warmup outside the window', async () => {
    const port = await freePort();
    const manifest = writePerfManifest(ws.dir, { runId: 'prof-1', port, level: 'quick', number: 6, parallel: 1 });
    const outcome = await runRemoteBenchmark(options(manifest, 'profiling'));
    assert.equal(outcome.status, 'completed', outcome.reason ?? '');
    assert.equal(outcome.conclusion, 'pending', outcome.reason ?? '');
    const root = path.join(ws.dir, 'profiling', 'prof-1');
    const files = listFiles(root);
    const prof = files.find((f) => /^PROF_\d+_[A-Z0-9]+\/mindstudio_profiler_output\/op_statistic_\d+\.csv$/.test(f));
    assert.ok(prof, `exported PROF_ tree in ${files.join(', ')}`);
    for (const f of ['capture.log', 'capture.sh', 'workload.log', 'manifest.md', 'report.md', 'env/gate-verdict.json', 'service/command.sh']) assert.ok(files.includes(f), f);
    assert.ok(files.some((f) => /^warmup\/raw\/.*\/parallel_1_number_1\/benchmark_summary\.json$/.test(f)), 'warmup ran as its own client run');
    assert.ok(!files.includes('metrics.json'), 'a profiled run is never a perf result');
    assert.match(readFileSync(path.join(root, 'service', 'command.sh'), 'utf8'), /^export PROFILING_MODE='dynamic'$/m);
    // msprof attached to the service's own process (the stand-in logs its pid), and the window opened after warmup.
    const servicePid = /pid=(\d+)/.exec(readFileSync(path.join(root, 'service', 'node_0.log'), 'utf8'))?.[1];
    const capture = readFileSync(path.join(root, 'capture.log'), 'utf8');
    assert.match(capture, new RegExp(`attached to pid ${servicePid};`));
    assert.ok(capture.indexOf('warmup:') < capture.indexOf('capture start:') && capture.indexOf('capture start:') < capture.indexOf('profiling stopped'), capture);
    const m = parseManifestFile(readFileSync(path.join(root, 'manifest.md'), 'utf8'), 'manifest.md');
    assert.match(textOf(m, 'profiling_artifact_dir') ?? '', /^PROF_\w+\/$/);
  });

  it('refuses a capture without warmup (it would fall inside the window)', async () => {
    const manifest = writePerfManifest(ws.dir, { runId: 'prof-cold', port: 9, extra: { Workload: { warmup_num: 0 } } });
    await assert.rejects(runRemoteBenchmark(options(manifest, 'profiling')), (e: unknown) => e instanceof RemoteError && e.code === 'manifest_invalid' && /a profiling capture needs warmup_num >= 1/.test(e.message));
  });
});
