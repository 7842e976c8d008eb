import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeSyntheticTrace } from '../../../src/core/trace/syntheticTrace';
import { loadTraceFiles, readTracePart, type TracePartRunner } from '../../../src/core/trace/traceFiles';
import type { TraceColumns } from '../../../src/core/trace/traceColumns';
import { SHARED_FIXTURES } from '../../support/paths';

// A file read as two parts (the second parsed on its own, as the CLI's worker does) must give exactly the
// columns, ids, lanes, counters and status of a single pass, and fall back to one pass when the split point
// is not between two events.
const RANK0 = path.join(SHARED_FIXTURES, 'ascend', 'torch_npu-tp2-level1', 'rank0_ascend_pt', 'ASCEND_PROFILER_OUTPUT', 'trace_view.json');

/** Every field as plain data (typed arrays as number arrays), so deepEqual compares values. */
function plain(t: TraceColumns): unknown {
  return JSON.parse(JSON.stringify(t, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v)));
}

describe('trace parser: a file read as two parts', () => {
  let dir: string;
  let started: number;
  let parts: number;
  const inProcess: TracePartRunner = (job, signal) => {
    started++;
    return readTracePart(job, signal).then((p) => {
      parts++;
      return p;
    });
  };
  const both = async (file: string, splitFraction: number): Promise<[TraceColumns, TraceColumns]> => {
    const whole = await loadTraceFiles([file], { chunkSize: 64 * 1024 });
    const split = await loadTraceFiles([file], { chunkSize: 64 * 1024, runPart: inProcess, splitBytes: 1, splitFraction });
    return [whole, split];
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'xwf-parts-'));
    started = 0;
    parts = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the single-pass columns for the torch_npu fixture at several split points', async () => {
    for (const f of [0.2, 0.5, 0.62, 0.9]) {
      const [whole, split] = await both(RANK0, f);
      assert.deepEqual(plain(split), plain(whole), `split at ${f}`);
    }
    assert.equal(parts, 4, 'every load used a part');
  });

  it('gives the single-pass columns for a generated msprof trace (flows, counters, metadata)', async () => {
    const file = path.join(dir, 'msprof.json');
    await writeSyntheticTrace(file, { seed: 7, devices: 2, decodeSteps: 6 });
    const [whole, split] = await both(file, 0.5);
    assert.ok(whole.counters.count > 0 && whole.flowIds.length > 1);
    assert.deepEqual(plain(split), plain(whole));
    assert.equal(parts, 1);
  });

  it('merges B/E pairs, string pids and lanes first seen in the second part', async () => {
    const events = [
      '{"name": "thread_name", "ph": "M", "pid": 1, "tid": 1, "args": {"name": "main"}}',
      '{"name": "outer", "ph": "B", "pid": "host-a", "tid": 1, "ts": 100}',
      ...Array.from({ length: 40 }, (_, i) => `{"name": "k${i % 7}", "ph": "X", "pid": 1, "tid": 1, "ts": ${200 + i}, "dur": 0.5, "cat": "c${i % 3}"}`),
      '{"name": "thread_name", "ph": "M", "pid": 9, "tid": 3, "args": {"name": "late"}}',
      '{"name": "late", "ph": "X", "pid": 9, "tid": 3, "ts": 900, "dur": 2, "id": "0x1f"}',
      '{"name": "outer", "ph": "E", "pid": "host-a", "tid": 1, "ts": 1000}',
      '{"name": "mem", "ph": "C", "pid": "host-b", "tid": 0, "ts": 1001, "args": {"KB": "12"}}',
    ];
    const file = path.join(dir, 'mixed.json');
    writeFileSync(file, `[\n${events.join(',\n')}\n]\n`);
    const [whole, split] = await both(file, 0.55);
    assert.deepEqual(plain(split), plain(whole));
    assert.equal(parts, 1);
  });

  it('widens the first part\'s columns when the second part holds values they cannot (sub-ns durations)', async () => {
    const file = path.join(dir, 'wide.json');
    const lines = Array.from({ length: 300 }, (_, i) => `{"name": "k", "ph": "X", "pid": 1, "tid": 1, "ts": ${i}, "dur": ${i > 250 ? '1.0005' : '1'}}`);
    writeFileSync(file, `[\n${lines.join(',\n')}\n]`);
    const [whole, split] = await both(file, 0.5);
    assert.ok(whole.durNs instanceof Float64Array && split.durNs instanceof Float64Array);
    assert.deepEqual(plain(split), plain(whole));
    assert.equal(parts, 1);
  });

  it('reports a truncation in the second part at the single-pass byte and line', async () => {
    const file = path.join(dir, 'cut.json');
    const lines = Array.from({ length: 200 }, (_, i) => `{"name": "k", "ph": "X", "pid": 1, "tid": 1, "ts": ${i}, "dur": 1}`);
    const text = `[\n${lines.join(',\n')}\n]`;
    writeFileSync(file, text.slice(0, Math.floor(text.length * 0.8)));
    const [whole, split] = await both(file, 0.4);
    assert.equal(whole.sources[0].error?.code, 'truncated');
    assert.deepEqual(plain(split), plain(whole));
    assert.equal(parts, 1);
  });

  it('falls back to one pass when the split point is inside an event (nested objects in args)', async () => {
    const file = path.join(dir, 'nested.json');
    const arg = `{"list": [${Array.from({ length: 400 }, (_, i) => `{"a": ${i}}`).join(', ')}]}`;
    writeFileSync(file, `[{"name": "x", "ph": "X", "pid": 1, "tid": 1, "ts": 1, "dur": 1, "args": ${arg}},\n{"name": "y", "ph": "X", "pid": 1, "tid": 1, "ts": 2, "dur": 1}]`);
    const [whole, split] = await both(file, 0.5);
    assert.deepEqual(plain(split), plain(whole));
    assert.equal(started, 1, 'a part was started at the guessed point');
    assert.equal(whole.count, 2);
  });
});
