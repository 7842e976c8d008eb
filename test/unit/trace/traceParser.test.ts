import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseTraceBytes, TraceBuilder } from '../../../src/core/trace/traceParser';
import { loadTraceFiles, readEventArgs } from '../../../src/core/trace/traceFiles';
import { PH, type TraceColumns } from '../../../src/core/trace/traceColumns';
import { SHARED_FIXTURES } from '../../support/paths';

const CAPTURE = path.join(SHARED_FIXTURES, 'ascend', 'torch_npu-tp2-level1');
const rankTrace = (r: number): string => path.join(CAPTURE, `rank${r}_ascend_pt`, 'ASCEND_PROFILER_OUTPUT', 'trace_view.json');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const rowsNamed = (t: TraceColumns, name: string): number[] => {
  const id = t.strings.indexOf(name);
  const out: number[] = [];
  for (let i = 0; i < t.count; i++) if (t.name[i] === id) out.push(i);
  return out;
};

describe('trace parser: the torch_npu fixture capture', () => {
  let t0: TraceColumns;
  before(async () => {
    t0 = await loadTraceFiles([rankTrace(0)], { chunkSize: 64 * 1024 });
  });

  // Expected counts come from Python's json module over the same file (exact ints, no 2^53 merge).
  it('counts every event per phase and reads the file to its end', () => {
    assert.deepEqual(t0.phaseCounts, { C: 4431, M: 80, X: 4384, f: 611, s: 606 });
    assert.equal(t0.count, 10112 - 80);
    assert.equal(t0.sources[0].events, 10112);
    assert.equal(t0.sources[0].complete, true);
    assert.equal(t0.sources[0].error, undefined);
    assert.deepEqual(t0.skipped, {});
  });

  it('builds the 31 lanes from the M metadata with device = pid & 31', () => {
    assert.equal(t0.lanes.length, 31);
    const find = (p: string, th: string) => t0.lanes.find((l) => l.processName === p && l.threadName === th);
    const stream2 = find('Ascend Hardware', 'Stream 2');
    assert.ok(stream2);
    assert.equal(stream2.kind, 'hardware');
    assert.equal(stream2.device, 0);
    assert.equal(stream2.stream, 2);
    assert.equal(stream2.pid, 3170820512);
    assert.equal(find('CANN', 'Thread 3099702')?.kind, 'cann');
    assert.equal(find('CANN', 'Thread 3099702')?.host, true);
    assert.equal(find('Python', 'Thread 3096504')?.device, -1);
    assert.equal(find('HCCL', 'Group 0 Communication')?.kind, 'hccl');
    assert.equal(find('HCCL', 'Plane 7')?.kind, 'hccl', 'a thread declared by metadata is a lane even without events');
    assert.equal(find('Overlap Analysis', 'Communication(Not Overlapped)')?.kind, 'overlap');
    assert.equal(t0.lanes.filter((l) => l.kind === 'counter').length, 7);
    assert.equal(t0.lanes.filter((l) => l.kind === 'counter').every((l) => l.device === 0), true);
  });

  it('keeps string timestamps exact to the ns against an integer µs base', () => {
    // First event: "ts": "1736408883688177.930" -> base 1736408883688177 µs, offset 930 ns.
    assert.equal(t0.baseUs, 1736408883688177);
    assert.equal(t0.startNs[0], 930);
    assert.equal(t0.durNs[0], 145570);
    // hcom_allReduce__586_0_1: ts "1736408883732241.564", dur 79089.52021875 µs.
    const [hcom] = rowsNamed(t0, 'hcom_allReduce__586_0_1').filter((i) => t0.lanes[t0.lane[i]].kind === 'hccl');
    assert.equal(t0.startNs[hcom], (1736408883732241 - 1736408883688177) * 1000 + 564);
    assert.ok(Math.abs(t0.durNs[hcom] - 79089520.21875) < 1e-6);
    // A counter before the base: "ts": "1736408883573887.920" (AI Core Freq, MHz 1800).
    const [freq] = rowsNamed(t0, 'AI Core Freq');
    assert.equal(t0.startNs[freq], (1736408883573887 - 1736408883688177) * 1000 + 920);
    const k = Array.from(t0.counters.event).indexOf(freq);
    assert.equal(t0.strings[t0.counters.key[k]], 'MHz');
    assert.equal(t0.counters.value[k], 1800);
  });

  it('keeps flow ids distinct and exact, numeric ones above 2^53 included', () => {
    const ids = t0.flowIds.slice(1);
    assert.equal(ids.length, 606);
    assert.ok(ids.includes('1736408883700059821'));
    assert.ok(ids.includes('5046586572799'));
    // The s and f of one async_npu flow share the id.
    const s = rowsNamed(t0, 'torch_to_npu').filter((i) => t0.flowIds[t0.flow[i]] === '1736408883700059821');
    assert.deepEqual(s.map((i) => String.fromCharCode(t0.phase[i])).sort(), ['f', 's']);
  });

  it('reads the args of one event on demand by byte offset', async () => {
    const [hcom] = rowsNamed(t0, 'hcom_allReduce__586_0_1').filter((i) => t0.lanes[t0.lane[i]].kind === 'hccl');
    const args = await readEventArgs(t0, hcom);
    assert.deepEqual(args, { connection_id: 1175, 'model id': 4294967295, data_type: 'FP32', alg_type: 'MESH-RING', count: 4097000 });
  });

  it('loads both ranks as one trace: devices 0 and 1, one shared base', async () => {
    const both = await loadTraceFiles([rankTrace(0), rankTrace(1)]);
    assert.equal(both.sources.length, 2);
    assert.equal(both.sources[0].events + both.sources[1].events, 10112 + 9969);
    assert.deepEqual([...new Set(both.lanes.filter((l) => !l.host).map((l) => l.device))].sort(), [0, 1]);
    assert.equal(both.lanes.length, 62);
    assert.equal(both.baseUs, 1736408883688177);
    // rank1's first event "1736408883690507.080" sits 2330.080 µs after the shared base.
    const firstOfRank1 = Array.from(both.source).indexOf(1);
    assert.equal(both.startNs[firstOfRank1], 2330080);
  });
});

describe('trace parser: JSON shapes and damage', () => {
  const lines = [
    '[',
    '{"name": "process_name", "ph": "M", "pid": 100, "tid": 0, "args": {"name": "Ascend Hardware"}},',
    '{"name": "k1", "ph": "X", "pid": 100, "tid": 2, "ts": "10.000", "dur": 1.5},',
    '{"name": "k2", "ph": "X", "pid": 100, "tid": 2, "ts": "12.250", "dur": 2},',
    '{"name": "k3", "ph": "X", "pid": 100, "tid": 2, "ts": "15.001", "dur": 0.5},',
    '{"name": "k4", "ph": "X", "pid": 100, "tid": 2, "ts": "16.000", "dur": 1}',
    ']',
  ];
  const text = lines.join('\n');
  const offsetOfLine = (n: number): number => enc(lines.slice(0, n - 1).join('\n') + '\n').length;

  it('a truncated file loads up to the damage and says where it stopped', () => {
    const cut = offsetOfLine(5) + 20; // inside the k3 event on line 5
    const t = parseTraceBytes(enc(text).subarray(0, cut), 'cut.json', 7);
    assert.equal(t.count, 2);
    assert.equal(t.sources[0].complete, false);
    assert.deepEqual(t.sources[0].error && { code: t.sources[0].error.code, offset: t.sources[0].error.offset, line: t.sources[0].error.line }, {
      code: 'truncated',
      offset: offsetOfLine(5),
      line: 5,
    });
    const whole = parseTraceBytes(enc(text.slice(0, -1)));
    assert.equal(whole.count, 4);
    assert.equal(whole.sources[0].error?.code, 'truncated');
    assert.equal(whole.sources[0].error?.line, 7);
    assert.equal(whole.sources[0].error?.offset, enc(text).length - 1);
  });

  it('a corrupt event stops parsing at its byte and line, keeping the events before it', () => {
    const bad = text.replace('"name": "k3", "ph"', '"name": "k3" "ph"');
    const t = parseTraceBytes(enc(bad), 'bad.json', 5);
    assert.equal(t.count, 2);
    const e = t.sources[0].error;
    assert.equal(e?.code, 'corrupt');
    assert.equal(e?.line, 5);
    assert.equal(e?.offset, offsetOfLine(5) + '{"name": "k3" '.length);
  });

  it('reports an empty file, a whitespace file and a file that is not JSON', () => {
    assert.equal(parseTraceBytes(new Uint8Array(0)).sources[0].error?.code, 'empty');
    assert.equal(parseTraceBytes(enc('  \n\n ')).sources[0].error?.code, 'empty');
    const notJson = parseTraceBytes(enc('\nPROF export failed\n'));
    assert.equal(notJson.sources[0].error?.code, 'not-json');
    assert.equal(notJson.sources[0].error?.offset, 1);
    assert.equal(notJson.sources[0].error?.line, 2);
    assert.equal(parseTraceBytes(enc('{"displayTimeUnit": "ns"}')).sources[0].error?.code, 'no-events-array');
    assert.equal(parseTraceBytes(enc('[1, 2]')).sources[0].error?.code, 'corrupt');
  });

  it('names lanes by pid/tid when there is no metadata, as host lanes', () => {
    const t = parseTraceBytes(enc('[{"name": "a", "ph": "X", "pid": 7, "tid": 8, "ts": 1, "dur": 2}]'));
    assert.equal(t.lanes.length, 1);
    assert.equal(t.lanes[0].processName, 'Process 7');
    assert.equal(t.lanes[0].threadName, 'Thread 8');
    assert.equal(t.lanes[0].host, true);
    assert.equal(t.lanes[0].device, -1);
  });

  it('reads the {"traceEvents": [...]} form, B/E pairs, instants, escapes, string pids and big numeric ids', () => {
    const json = JSON.stringify({
      otherData: { note: 'a ] } tricky "value"', list: [1, { x: '[' }] },
      traceEvents: [
        { name: 'thread_name', ph: 'M', pid: 'host', tid: 3, args: { name: 'worker' } },
        { name: 'step "1"\\x', ph: 'B', pid: 'host', tid: 3, ts: 100 },
        { name: 'mark', ph: 'i', pid: 'host', tid: 3, ts: 101.5, s: 't' },
        { name: 'step "1"\\x', ph: 'E', pid: 'host', tid: 3, ts: 105.25 },
      ],
      displayTimeUnit: 'ns',
    }).replace('"traceEvents":[', '"traceEvents":[{"name":"f1","ph":"s","cat":"async_npu","id":9007199254740993,"pid":1,"tid":1,"ts":"1"},{"name":"f2","ph":"s","cat":"async_npu","id":9007199254740992,"pid":1,"tid":1,"ts":"1"},');
    const t = parseTraceBytes(enc(json), 'obj.json', 3);
    assert.equal(t.sources[0].complete, true, JSON.stringify(t.sources[0]));
    assert.equal(t.count, 5);
    // JSON.parse would turn both ids into 9007199254740992.
    assert.deepEqual([t.flowIds[t.flow[0]], t.flowIds[t.flow[1]]], ['9007199254740993', '9007199254740992']);
    const begin = t.strings.indexOf('step "1"\\x');
    assert.ok(begin > 0);
    const b = Array.from(t.phase).indexOf(PH.begin);
    assert.equal(t.name[b], begin);
    assert.equal(t.durNs[b], 5250);
    assert.equal(t.lanes[t.lane[b]].threadName, 'worker');
    assert.equal(t.lanes[t.lane[b]].pid, 'host');
    assert.equal(t.phaseCounts.i, 1);
  });

  it('loads slices of one capture as one trace, in the order given', () => {
    const builder = new TraceBuilder();
    const a = builder.addSource('msprof_slice_0_1.json');
    a.push(enc('[{"name": "process_name", "ph": "M", "pid": 33, "tid": 0, "args": {"name": "Ascend Hardware"}}, {"name": "x", "ph": "X", "pid": 33, "tid": 1, "ts": "5.5", "dur": 1}]'));
    a.end();
    const b = builder.addSource('msprof_slice_1_1.json');
    b.push(enc('[{"name": "y", "ph": "X", "pid": 33, "tid": 1, "ts": "7", "dur": 1}]'));
    b.end();
    const t = builder.finish();
    assert.equal(t.count, 2);
    assert.equal(t.lane[0], t.lane[1]);
    assert.equal(t.lanes[0].kind, 'hardware');
    assert.equal(t.lanes[0].device, 1);
    assert.deepEqual(Array.from(t.startNs), [500, 2000]);
    assert.deepEqual(Array.from(t.source), [0, 1]);
  });

  it('reads the same fixture bytes identically whatever the chunk size', () => {
    const bytes = readFileSync(rankTrace(1));
    const a = parseTraceBytes(bytes, 'r1', 1 << 20);
    const b = parseTraceBytes(bytes, 'r1', 4093);
    assert.deepEqual(Array.from(b.startNs), Array.from(a.startNs));
    assert.deepEqual(b.strings, a.strings);
    assert.deepEqual(b.phaseCounts, { C: 4287, M: 80, X: 4385, f: 611, s: 606 });
  });
});
