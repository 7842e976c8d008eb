import * as assert from 'node:assert/strict';
import { parseTraceBytes } from '../../../src/core/trace/traceParser';

// Counter args are read in place when flat; whatever the shape, the counters must be those JSON.parse gives.
const ARGS = [
  '{"MHz": "1800"}',
  '{"KB": "41316716.0"}',
  '{"KB": 4.5e3, "Used": -0.25}',
  '{ "a" : " 12 " , "b": "", "c": "   " }',
  '{"x": "0x10", "y": "1e3", "z": "-", "w": "007"}',
  '{"9": 5, "x": 6, "0": 7}',
  '{"a": 1, "b": 2, "a": 3}',
  '{"t": true, "n": null, "f": false, "v": 4}',
  '{"nested": {"x": 1}, "list": [1, 2], "v": 5}',
  '{"big": 1e400, "small": "1e-400"}',
  '{"esc\\u0041": 3, "plain": 4}',
  '{"q": "a\\"b", "v": 6}',
  '{"utf": "１２", "名": 7}',
  '{"bad": 01}',
  '{"bad": 1.}',
  '{"trailing": 1,}',
  '{}',
  '{"digits": "123456789012345678"}',
];

/** The counters JSON.parse would give: keys in Object.entries order, finite numbers and numeric strings. */
function expected(args: string): [string, number][] | 'unreadable' {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(args) as Record<string, unknown>;
  } catch {
    return 'unreadable';
  }
  const out: [string, number][] = [];
  for (const [k, v] of Object.entries(o)) {
    const num = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isFinite(num)) out.push([k, num]);
  }
  return out;
}

describe('trace parser: counter args', () => {
  it('gives the counters JSON.parse would for every args shape, flat or not', () => {
    const events = ARGS.map((a, i) => `{"name": "C${i}", "ph": "C", "pid": 1, "tid": 0, "ts": ${i}, "args": ${a}}`);
    const t = parseTraceBytes(new TextEncoder().encode(`[\n${events.join(',\n')}\n]`));
    assert.equal(t.count, ARGS.length);
    let unreadable = 0;
    ARGS.forEach((a, row) => {
      const got: [string, number][] = [];
      for (let k = 0; k < t.counters.count; k++) if (t.counters.event[k] === row) got.push([t.strings[t.counters.key[k]], t.counters.value[k]]);
      const want = expected(a);
      if (want === 'unreadable') {
        unreadable++;
        assert.deepEqual(got, [], a);
      } else assert.deepEqual(got, want, a);
    });
    assert.ok(unreadable >= 3, 'the invalid args are in the list');
    assert.equal(t.skipped['unreadable counter args'], unreadable);
  });

  it('keeps -0 and 15-digit integers exact', () => {
    const t = parseTraceBytes(new TextEncoder().encode('[{"name": "m", "ph": "C", "pid": 1, "tid": 0, "ts": 0, "args": {"a": "-0", "b": 999999999999999, "c": "-123456789012345"}}]'));
    assert.deepEqual(Array.from(t.counters.value), [-0, 999999999999999, -123456789012345]);
    assert.ok(Object.is(t.counters.value[0], -0));
  });
});
