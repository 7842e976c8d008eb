import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { CsvRowReader, parseCsvText } from '../../../src/core/profiling/csvRows';
import { bindColumns, cellModelId, cellNumber, cellText } from '../../../src/core/profiling/csvColumns';
import { readTable, splitMicros, tableKindOfFile, TABLE_SPECS } from '../../../src/core/profiling/profilingTables';
import { problemText } from '../../../src/core/profiling/profilingMessages';
import { SHARED_FIXTURES } from '../../support/paths';

const OUT = (r: number): string => path.join(SHARED_FIXTURES, 'ascend', 'torch_npu-tp2-level1', `rank${r}_ascend_pt`, 'ASCEND_PROFILER_OUTPUT');

describe('CSV rows', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, CRLF and blank lines', () => {
    const rows = parseCsvText('a,b,c\r\n1,"x,y","he said ""hi"""\r\n\r\n2,"""32,3,224""","line1\nline2"\n3,,\n');
    assert.deepEqual(
      rows.map((r) => r.fields),
      [
        ['a', 'b', 'c'],
        ['1', 'x,y', 'he said "hi"'],
        ['2', '"32,3,224"', 'line1\nline2'],
        ['3', '', ''],
      ],
    );
    assert.deepEqual(
      rows.map((r) => r.line),
      [1, 2, 4, 6],
    );
  });

  it('gives the same rows whatever the chunking', () => {
    const text = readFileSync(path.join(OUT(0), 'kernel_details.csv'), 'utf8').slice(0, 20000);
    const whole = parseCsvText(text).map((r) => r.fields);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 30 }), (cuts) => {
        const rows: string[][] = [];
        const r = new CsvRowReader((f) => rows.push(f));
        let at = 0;
        for (const c of [...cuts.sort((a, b) => a - b), text.length]) {
          r.push(text.slice(at, c));
          at = c;
        }
        r.end();
        assert.deepEqual(rows, whole);
      }),
      { numRuns: 50 },
    );
  });
});

describe('CSV cells and columns', () => {
  it('reads cells the way msprof writes them', () => {
    const f = ['1736408883704643.212\t', '"""32,3,224,224"""', 'N/A', '4294967295', ' 12.5 ', 'abc', ''];
    assert.equal(cellText(f, 0), '1736408883704643.212');
    assert.equal(cellText(f, 1), '32,3,224,224');
    assert.equal(cellText(f, 2), null);
    assert.equal(cellNumber(f, 2), null);
    assert.equal(cellModelId(f, 3), null);
    assert.equal(cellNumber(f, 4), 12.5);
    assert.equal(cellNumber(f, 5), null);
    assert.equal(cellNumber(f, 6), null);
    assert.equal(cellText(f, 99), null);
    assert.deepEqual(splitMicros('1736408883704643.212'), { us: 1736408883704643, ns: 212 });
    assert.deepEqual(splitMicros('1736408883973810'), { us: 1736408883973810, ns: 0 });
    assert.deepEqual(splitMicros('5.1'), { us: 5, ns: 100 });
    assert.equal(splitMicros('N/A'), null);
  });

  it('matches headers ignoring case, spaces and underscores, with known aliases', () => {
    const { index, problems } = bindColumns('x.csv', ['DEVICE ID', 'op_type', 'Core Type', 'Count', 'Total Time (us)'], TABLE_SPECS.op_statistic);
    assert.deepEqual(problems, []);
    assert.equal(index.device, 0);
    assert.equal(index.opType, 1);
    assert.equal(index.totalUs, 4);
    assert.equal(index.maxUs, -1);
  });

  it('a renamed required column gives a clear message and a partial result', () => {
    const text = 'Device_id,Operator Kind,Core Type,Count,Total Time(us)\n0,MatMulV2,AI_CORE,3,N/A\n0,Add,AI_VECTOR_CORE,N/A,1.5\n';
    const t = readTable('op_statistic', 'op_statistic_1.csv', text);
    assert.equal(t.rows.length, 2);
    assert.equal(t.rows[0].opType, null);
    assert.equal(t.rows[0].totalUs, null);
    assert.equal(t.rows[1].count, null);
    assert.equal(t.rows[1].totalUs, 1.5);
    assert.equal(t.problems.length, 1);
    assert.equal(t.problems[0].code, 'csvMissingColumn');
    assert.equal(
      t.problems[0].message,
      'op_statistic_1.csv: column "OP Type" not found (looked for "OP Type", "Op Type", "Type"); header has: Device_id, Operator Kind, Core Type, Count, Total Time(us)',
    );
    assert.match(problemText('zh-cn', t.problems[0]), /^op_statistic_1\.csv：未找到列“OP Type”/);
    assert.equal(readTable('op_statistic', 'e.csv', '').problems[0].code, 'csvEmpty');
  });

  it('knows the export files by name, sliced and torch_npu ones included', () => {
    assert.equal(tableKindOfFile('op_statistic_20260523203844.csv'), 'op_statistic');
    assert.equal(tableKindOfFile('op_summary_slice_1_20260523203844.csv'), 'op_summary');
    assert.equal(tableKindOfFile('kernel_details.csv'), 'op_summary');
    assert.equal(tableKindOfFile('step_trace_time.csv'), 'step_trace_time');
    assert.equal(tableKindOfFile('communication_statistic_1.csv'), 'communication_statistic');
    assert.equal(tableKindOfFile('l2_cache.csv'), null);
    assert.equal(tableKindOfFile('op_statistic.json'), null);
  });
});

describe('profiling tables from the fixture capture', () => {
  it('op_statistic (torch_npu: no Device_id, the rank stands in)', () => {
    const t = readTable('op_statistic', 'op_statistic.csv', readFileSync(path.join(OUT(1), 'op_statistic.csv'), 'utf8'), 1);
    assert.deepEqual(t.problems, []);
    assert.equal(t.rows[0].opType, 'ForeachAddList');
    assert.equal(t.rows[0].device, 1);
    assert.ok(t.rows.every((r) => r.opType && r.count !== null && r.totalUs !== null));
  });

  it('kernel_details as op_summary: exact start times, trailing tabs, N/A, Model ID none', () => {
    const t = readTable('op_summary', 'kernel_details.csv', readFileSync(path.join(OUT(0), 'kernel_details.csv'), 'utf8'), 0);
    assert.deepEqual(t.problems, []);
    assert.equal(t.rows.length, 191);
    const first = t.rows[0];
    assert.deepEqual(first.start, { us: 1736408883704643, ns: 212 });
    assert.equal(first.opName, 'trans_TransData_0');
    assert.equal(first.opType, 'TransData');
    assert.equal(first.coreType, 'AI_VECTOR_CORE');
    assert.equal(first.durUs, 53.741);
    assert.equal(first.waitUs, 0);
    assert.equal(first.blockNum, 32, 'Block Dim is the older name of Block Num');
    assert.equal(first.modelId, null);
    assert.equal(first.stepId, 50);
    assert.equal(t.rows.filter((r) => r.opType === 'hcom_allReduce_').length, 4);
  });

  it('step_trace_time and api_statistic', () => {
    const s = readTable('step_trace_time', 'step_trace_time.csv', readFileSync(path.join(OUT(0), 'step_trace_time.csv'), 'utf8'), 0);
    assert.deepEqual(s.problems, []);
    assert.equal(s.rows[0].computing, 8873.756000000001);
    assert.equal(s.rows[0].commNotOverlapped, 101963.203);
    assert.equal(s.rows[0].bubble, 0);
    const a = readTable('api_statistic', 'api_statistic.csv', readFileSync(path.join(OUT(0), 'api_statistic.csv'), 'utf8'));
    assert.deepEqual(a.problems, []);
    assert.deepEqual(
      { level: a.rows[0].level, api: a.rows[0].apiName, time: a.rows[0].timeUs, count: a.rows[0].count },
      { level: 'hccl', api: 'Launch_Ffts', time: 474.41, count: 4 },
    );
  });
});
