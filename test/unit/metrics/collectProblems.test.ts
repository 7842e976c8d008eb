import * as assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { collectMetrics, FolderNotFoundError } from '../../../src/core/metrics/metricsCollector';
import { makeTempDir, writeTree } from '../../support/tempDir';

const SUMMARY = {
  'Test Duration (s)': 30,
  Concurrency: 4,
  'Total Requests': 40,
  'Success Requests': 40,
  'Failed Requests': 0,
  'Req Throughput (req/s)': 1.33,
  'Avg Latency (s)': 3,
  'Output Throughput (tok/s)': 500,
  'Total Throughput (tok/s)': 900,
  'TTFT (ms)': 200,
  'TPOT (ms)': 10,
  'ITL (ms)': 10.5,
};
const PERCENTILE = [
  { Percentiles: '50%', 'TTFT (ms)': 190, 'TPOT (ms)': 9.8 },
  { Percentiles: '99%', 'TTFT (ms)': 260, 'TPOT (ms)': 12 },
];
const run = (dir: string, summary: unknown = SUMMARY, percentile: unknown = PERCENTILE) => ({
  [`${dir}/benchmark_summary.json`]: typeof summary === 'string' ? summary : JSON.stringify(summary, null, 2),
  ...(percentile === null ? {} : { [`${dir}/benchmark_percentile.json`]: typeof percentile === 'string' ? percentile : JSON.stringify(percentile) }),
});

describe('metrics collection: bad inputs give one clear problem per file, never a crash', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('a half-written summary of a running benchmark: warning with the place it stops, other runs still read', async () => {
    const text = JSON.stringify(SUMMARY, null, 2);
    writeTree(dir, { ...run('a/parallel_4_number_40'), ...run('b/parallel_8_number_80', text.slice(0, text.indexOf('"TTFT (ms)"') + 5)) });
    const { records, problems } = await collectMetrics(dir);
    assert.deepEqual(records.map((r) => r.source.file), ['a/parallel_4_number_40/benchmark_summary.json']);
    assert.equal(problems.length, 1);
    const p = problems[0];
    assert.equal(p.file, 'b/parallel_8_number_80/benchmark_summary.json');
    assert.equal(p.code, 'json_incomplete');
    assert.equal(p.severity, 'warning');
    assert.equal(p.message, 'incomplete JSON (stops at line 11, column 8): the benchmark may still be writing it');
  });

  it('broken JSON in the middle is an error that says where and what', async () => {
    writeTree(dir, run('r', '{\n  "Concurrency": 4,\n  "Total Requests": 40 "x": 1\n}'));
    const { records, problems } = await collectMetrics(dir);
    assert.deepEqual(records, []);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, 'error');
    assert.equal(problems[0].code, 'json_invalid');
    assert.deepEqual(problems[0].args.slice(0, 2), [3, 24]);
    assert.match(problems[0].message, /^invalid JSON at line 3, column 24: expected ',' or '}' after a property value, found "\\"x\\": 1/);
  });

  it('a missing percentile file: the record stays, without percentiles, and the problem names the file', async () => {
    writeTree(dir, run('r/parallel_4_number_40', SUMMARY, null));
    const { records, problems } = await collectMetrics(dir);
    assert.equal(records.length, 1);
    assert.deepEqual(records[0].percentiles, {});
    assert.deepEqual(
      problems.map((p) => [p.file, p.code, p.severity]),
      [['r/parallel_4_number_40/benchmark_percentile.json', 'percentile_missing', 'warning']],
    );
  });

  it('NaN and Infinity written by Python become unknown values, with their keys named', async () => {
    const summary = JSON.stringify(SUMMARY).replace('"TTFT (ms)":200', '"TTFT (ms)":NaN').replace('"ITL (ms)":10.5', '"ITL (ms)":Infinity');
    const percentile = JSON.stringify(PERCENTILE).replace('"TTFT (ms)":260', '"TTFT (ms)":-Infinity');
    writeTree(dir, run('r', summary, percentile));
    const { records, problems } = await collectMetrics(dir);
    assert.equal(records.length, 1);
    assert.equal(records[0].ttft_ms, null);
    assert.equal(records[0].itl_ms, null);
    assert.equal(records[0].tpot_ms, 10);
    assert.deepEqual(records[0].percentiles.ttft_ms, { p50: 190 });
    assert.deepEqual(
      problems.map((p) => [p.file, p.code, p.message]),
      [
        ['r/benchmark_percentile.json', 'non_finite', '1 NaN/Infinity value(s) treated as unknown: [1].TTFT (ms)'],
        ['r/benchmark_summary.json', 'non_finite', '2 NaN/Infinity value(s) treated as unknown: TTFT (ms), ITL (ms)'],
      ],
    );
  });

  it('the same run copied to two run folders counts once, with a warning naming the other copy', async () => {
    writeTree(dir, { ...run('runs/perf/a/evalscope/raw/t/m/parallel_4_number_40'), ...run('backup/a/t/m/parallel_4_number_40') });
    const { records, problems } = await collectMetrics(dir);
    assert.equal(records.length, 1);
    assert.equal(records[0].source.file, 'backup/a/t/m/parallel_4_number_40/benchmark_summary.json');
    assert.deepEqual(
      problems.map((p) => [p.file, p.code, p.message]),
      [
        [
          'runs/perf/a/evalscope/raw/t/m/parallel_4_number_40/benchmark_summary.json',
          'duplicate_run',
          'same results as backup/a/t/m/parallel_4_number_40/benchmark_summary.json: counted once',
        ],
      ],
    );
  });

  it("a run root's copy of its own raw summary (evalscope/benchmark_summary.json) counts once, silently", async () => {
    writeTree(dir, { ...run('runs/perf/a/evalscope/raw/t/m/parallel_4_number_40'), ...run('runs/perf/a/evalscope') });
    const { records, problems } = await collectMetrics(dir);
    assert.equal(records.length, 1);
    assert.deepEqual(problems, []);
  });

  it('symbolic link loops are reported and not followed; a second link to a folder is read once', async () => {
    writeTree(dir, run('data/r'));
    symlinkSync(path.join(dir, 'data'), path.join(dir, 'data', 'r', 'loop'));
    symlinkSync(path.join(dir, 'data'), path.join(dir, 'alias'));
    symlinkSync('self', path.join(dir, 'self'));
    const { records, problems } = await collectMetrics(dir);
    assert.equal(records.length, 1);
    const codes = problems.map((p) => [p.file, p.code]);
    assert.ok(codes.some(([f, c]) => f === 'self' && c === 'symlink_loop'), JSON.stringify(codes));
    assert.ok(codes.some(([f, c]) => f.endsWith('r/loop') && c === 'symlink_loop'), JSON.stringify(codes));
    assert.ok(!codes.some(([, c]) => c === 'duplicate_run'));
  });

  it('empty files, non-object summaries and summaries with no known key each get their own problem', async () => {
    writeTree(dir, { ...run('empty', ''), ...run('array', [1, 2]), ...run('unknown', { hello: 1 }), ...run('ok') });
    const { records, problems } = await collectMetrics(dir);
    assert.equal(records.length, 1);
    assert.deepEqual(
      problems.map((p) => [p.file, p.code]),
      [
        ['array/benchmark_summary.json', 'not_object'],
        ['empty/benchmark_summary.json', 'json_empty'],
        ['unknown/benchmark_summary.json', 'no_metrics'],
      ],
    );
  });

  it('problem messages come in Chinese when asked', async () => {
    writeTree(dir, run('r', SUMMARY, null));
    const { problems } = await collectMetrics(dir, { locale: 'zh-cn' });
    assert.match(problems[0].message, /缺少 benchmark_percentile\.json/);
  });

  it('a missing folder is an error of its own kind; an empty folder gives nothing', async () => {
    await assert.rejects(collectMetrics(path.join(dir, 'nope')), FolderNotFoundError);
    assert.deepEqual(await collectMetrics(dir).then((r) => [r.records, r.problems]), [[], []]);
  });
});
