import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { artifactKindOf, validateArtifactJson } from '../../../src/core/diagnostics/artifactJson';
import { REPO_ROOT } from '../../support/paths';

const WS = path.join(REPO_ROOT, 'test', 'fixtures', 'manifests', 'workspace', 'runs');

/** Position of the n-th occurrence of a needle as [line, character]. */
function pos(text: string, needle: string, n = 0): [number, number] {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  const before = text.slice(0, at).split('\n');
  return [before.length - 1, before[before.length - 1].length];
}

describe('artifact JSON diagnostics (XWF6xx)', () => {
  it('the fixture artifacts are clean', () => {
    for (const file of ['perf/qwen3-32b-tp4-overlap-20260529/metrics.json', 'accuracy/qwen3-32b-gsm8k-l3-20260530/score.json', 'accuracy/qwen3-32b-gsm8k-l3-20260530/request_config.json']) {
      const kind = artifactKindOf(file)!;
      assert.deepEqual(validateArtifactJson(kind, readFileSync(path.join(WS, file), 'utf8')), [], file);
    }
  });

  it('maps file names to artifact kinds', () => {
    assert.equal(artifactKindOf('runs/perf/x/metrics.json'), 'metrics');
    assert.equal(artifactKindOf('C:\\ws\\config.example.json'), 'config');
    assert.equal(artifactKindOf('benchmark_summary.json'), undefined);
  });

  it('XWF601: a syntax error at its exact position', () => {
    const text = '{\n  "run_id": "a",\n  "score": 0.9,\n}\n';
    const [d] = validateArtifactJson('score', text);
    assert.equal(d.code, 'XWF601');
    assert.deepEqual(d.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } });
    assert.equal(d.message, 'JSON syntax error: unexpected character.');
    assert.equal(validateArtifactJson('score', text, { locale: 'zh-cn' })[0].message, 'JSON 语法错误：意外的字符。');
  });

  it('XWF602: wrong types, bad enum values and out-of-range numbers point at the value', () => {
    const text = '{\n  "run_id": "a", "dataset": "gsm8k", "subsets": ["main", 2], "limit": 1.5,\n  "num_total": 10, "num_correct": 9, "score": 1.2,\n  "failed_case_count": 1, "status": "pass", "level": "L9"\n}';
    const list = validateArtifactJson('score', text);
    assert.deepEqual(
      list.map((d) => [d.code, d.range.start.line, d.range.start.character, d.message]),
      [
        ['XWF602', ...pos(text, '2]'), 'subsets[1]: expected string, got number'],
        ['XWF602', ...pos(text, '1.5'), 'limit: expected an integer'],
        ['XWF602', ...pos(text, '1.2'), 'score: must be <= 1'],
        ['XWF602', ...pos(text, '"L9"'), 'level: expected one of "L1" | "L2" | "L3" | "L4" | "L5"'],
      ],
    );
    assert.ok(list.every((d) => d.severity === 'error'));
  });

  it('XWF602: a missing key points at the object that should hold it', () => {
    const text = '{\n  "schema": "xllm-npu-pipeline-analysis/v1", "status": "OK", "run_id": "p", "framework": null, "workload": null,\n  "trace": "t.json", "boundary": {"previous": "ArgMaxV2"}, "event_count": 3,\n  "gap_summary": {"prev_count": 1, "next_count": 1, "pair_count": 1, "gap_min_us": 1, "gap_median_us": 1, "gap_mean_us": 1, "gap_p90_us": 1, "gap_max_us": 1, "top_host_events": []}\n}';
    const [d] = validateArtifactJson('analysis', text);
    assert.equal(d.message, "boundary.next: required key 'next' is missing");
    const [line, character] = pos(text, '"boundary"');
    assert.deepEqual(d.range, { start: { line, character }, end: { line, character: character + 10 } });
  });

  it('checks config.json and finds credentials in any artifact', () => {
    const config = '{"xllm_config": {"tp_size": "4", "max_memory_utilization": 1.5}}';
    assert.deepEqual(validateArtifactJson('config', config).map((d) => d.message), ['xllm_config.tp_size: expected number, got string', 'xllm_config.max_memory_utilization: must be <= 1']);
    const request = '{"api_url": "http://h/v1", "model": "m", "temperature": 0, "top_p": 1, "top_k": -1, "max_tokens": 8, "stream": false, "seed": 1,\n "extra_body": {"api_key": "sk-AbCdEfGhIjKlMnOpQrStUvWx"}}';
    const [d] = validateArtifactJson('request_config', request);
    assert.equal(d.code, 'XWF501');
    assert.deepEqual(d.range.start, { line: 1, character: 28 });
  });

  it('refuses binary and oversized text with one diagnostic', () => {
    assert.deepEqual(validateArtifactJson('metrics', '{"a":\u0000}').map((d) => d.code), ['XWF002']);
    assert.deepEqual(validateArtifactJson('metrics', ' '.repeat(2 * 1024 * 1024)).map((d) => d.code), ['XWF001']);
  });
});
