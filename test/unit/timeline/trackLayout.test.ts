import * as assert from 'node:assert/strict';
import { argsEntries, prettyArgs } from '../../../src/webview/timeline/argsText';
import { colorKey, nameHash } from '../../../src/webview/timeline/theme';
import { processSubtitle } from '../../../src/webview/timeline/timelineView';
import { deviceKey, hitInLane, laneHeight, layoutRows, processKey, ROW, rowIndexAt, visibleRows, type LayoutLane } from '../../../src/webview/timeline/trackLayout';

const lane = (id: number, device: number, pid: string, processName: string, threadName: string, o: Partial<LayoutLane> = {}): LayoutLane => ({
  id,
  device,
  pid,
  processName,
  threadName,
  processSortIndex: 0,
  threadSortIndex: 0,
  depthCount: 1,
  counterCount: 0,
  ...o,
});

const LANES: LayoutLane[] = [
  lane(0, 1, '900', 'Ascend Hardware', 'Stream 10', { processSortIndex: 13 }),
  lane(1, 1, '900', 'Ascend Hardware', 'Stream 2', { processSortIndex: 13, depthCount: 3 }),
  lane(2, -1, '77', 'Python', 'Thread 77'),
  lane(3, 0, '800', 'Ascend Hardware', 'Stream 2', { processSortIndex: 13 }),
  lane(4, 0, '801', 'NPU MEM', 'Thread 0', { depthCount: 0, counterCount: 2, processSortIndex: 19 }),
  lane(5, 0, '802', 'HCCL', 'Plane 0', { depthCount: 0 }), // named but without events: not shown
];

describe('timeline track layout', () => {
  it('groups lanes by device (host first) and process, ordered by sort index and natural names', () => {
    const { rows, height, rowOfLane } = layoutRows(LANES, new Set());
    const labels = rows.map((r) => (r.kind === 'device' ? `D${r.device}` : r.kind === 'process' ? `P${r.processName}` : `L${r.lane}`));
    assert.deepEqual(labels, ['D-1', 'PPython', 'L2', 'D0', 'PAscend Hardware', 'L3', 'PNPU MEM', 'L4', 'D1', 'PAscend Hardware', 'L1', 'L0']);
    assert.equal(rowOfLane[5], -1);
    assert.equal(rows[rowOfLane[1]].kind, 'lane');
    for (let k = 1; k < rows.length; k++) assert.equal(rows[k].y, rows[k - 1].y + rows[k - 1].height);
    assert.equal(height, rows.at(-1)!.y + rows.at(-1)!.height);
    assert.equal(rows[rowOfLane[1]].height, 3 * ROW.depth + ROW.lanePad);
    assert.equal(rows[rowOfLane[4]].height, laneHeight(0, 2));
    assert.equal(laneHeight(0, 2), 2 * ROW.counter + ROW.lanePad);
  });

  it('collapses a process or a device into its header row', () => {
    const p = layoutRows(LANES, new Set([processKey(1, '900')]));
    assert.equal(p.rows.length, 10);
    assert.equal(p.rows[p.rowOfLane[0]].kind, 'process');
    assert.equal(p.rowOfLane[0], p.rowOfLane[1]);
    const d = layoutRows(LANES, new Set([deviceKey(0)]));
    assert.equal(d.rows[d.rowOfLane[3]].kind, 'device');
    assert.equal(d.rowOfLane[3], d.rowOfLane[4]);
    assert.equal(d.rows.length, 8);
  });

  it('finds rows by y and the depth or counter under y', () => {
    const { rows, rowOfLane } = layoutRows(LANES, new Set());
    for (const [i, r] of rows.entries()) {
      assert.equal(rowIndexAt(rows, r.y), i);
      assert.equal(rowIndexAt(rows, r.y + r.height - 0.5), i);
    }
    assert.equal(rowIndexAt(rows, -1), -1);
    assert.equal(rowIndexAt(rows, 1e9), -1);
    const vis = visibleRows(rows, rows[3].y + 1, rows[5].y + 1);
    assert.deepEqual(vis, { from: 3, to: 6 });
    const r1 = rows[rowOfLane[1]];
    assert.ok(r1.kind === 'lane');
    assert.equal(hitInLane(r1, r1.y + ROW.lanePad / 2 + ROW.depth * 2 + 1).depth, 2);
    const r4 = rows[rowOfLane[4]];
    assert.ok(r4.kind === 'lane');
    assert.deepEqual(hitInLane(r4, r4.y + ROW.lanePad / 2 + ROW.counter + 2), { depth: -1, counter: 1 });
  });

  it('names host processes by the packed msprof pid', () => {
    assert.equal(processSubtitle('2960695521', -1, 'NPU'), 'pid 2891304 · NPU 1');
    assert.equal(processSubtitle('3096504', -1, 'NPU'), 'pid 3096504');
    assert.equal(processSubtitle('2960695712', 0, 'NPU'), '');
  });

  it('colors kernels by op type, stably', () => {
    assert.equal(colorKey('aclnnMatmul_MatMulV2AiCore_MatMulV2'), 'MatMulV2');
    assert.equal(colorKey('hcom_allReduce__586_0_1'), 'hcom_allReduce_');
    assert.equal(nameHash('MatMulV2'), nameHash('MatMulV2'));
    assert.notEqual(nameHash('MatMulV2'), nameHash('MatMulV3'));
  });
});

describe('timeline args text', () => {
  const text = '{"Model Id": "4294967295", "connection_id": 5046586572799123456, "dims": [1, 4096], "nested": {"a": "x,y"}, "esc": "q\\"t"}';

  it('pretty-prints without touching numbers', () => {
    const pretty = prettyArgs(text);
    assert.ok(pretty.includes('5046586572799123456'));
    assert.ok(pretty.includes('\n  "dims": [\n    1,\n    4096\n  ]'));
    assert.deepEqual(JSON.parse(pretty), JSON.parse(text));
    assert.equal(prettyArgs('{"a": '), '{"a": ');
    assert.equal(prettyArgs('{}'), '{}');
  });

  it('lists the top-level pairs verbatim', () => {
    assert.deepEqual(argsEntries(text), [
      ['Model Id', '4294967295'],
      ['connection_id', '5046586572799123456'],
      ['dims', '[1, 4096]'],
      ['nested', '{"a": "x,y"}'],
      ['esc', 'q"t'],
    ]);
    assert.equal(argsEntries('[1]'), null);
  });
});
