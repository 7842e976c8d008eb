import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseNpuSmiUsages } from '../../../src/core/gate/npuSmiUsages';
import { SHARED_FIXTURES } from '../../support/paths';
import { idleRounds, usages } from './envFixtures';

describe('npu-smi usages parser', () => {
  it('reads the 910B1 fixture: one record for NPU 0 chip 0', () => {
    const u = parseNpuSmiUsages(readFileSync(path.join(SHARED_FIXTURES, 'npu-smi', 'usages-910b1-npu0.txt'), 'utf8'));
    assert.deepEqual(u.problems, []);
    assert.equal(u.records.length, 1);
    const r = u.records[0];
    assert.deepEqual([r.npuId, r.chipId, r.sample, r.sampleTime], [0, 0, 0, null]);
    assert.deepEqual([r.hbmCapacityMb, r.hbmUsagePercent, r.aicorePercent, r.memoryUsagePercent], [65536, 4, 0, 0]);
    assert.equal(r.values['HBM Bandwidth Usage Rate(%)'], '0');
    assert.equal(r.values['DDR Hugepages Total(page)'], '0');
    assert.equal(Object.keys(r.values).length, 12);
  });

  it('splits appended idle rounds by their date -Is lines and keeps NPU and chip per record', () => {
    const u = parseNpuSmiUsages(idleRounds([0, 3], (npu, round) => npu * 10 + round, 2));
    assert.deepEqual(u.problems, []);
    assert.equal(u.sampleTimes.length, 3);
    assert.equal(u.records.length, 3 * 2 * 2);
    const npu3chip1 = u.records.filter((r) => r.npuId === 3 && r.chipId === 1);
    assert.deepEqual(npu3chip1.map((r) => [r.sample, r.aicorePercent, r.sampleTime]), [
      [0, 30, '2026-05-28T10:10:00+08:00'],
      [1, 31, '2026-05-28T10:11:00+08:00'],
      [2, 32, '2026-05-28T10:12:00+08:00'],
    ]);
  });

  it('reads Memory Usage Rate(%) on SoCs without HBM and keys in other spellings', () => {
    const u = parseNpuSmiUsages('NPU ID : 224\nMemory Capacity(MB) : 44280\nMemory Usage Rate(%) : 3\nAICore Usage Rate (%) : 7\nChip ID : 0\n');
    assert.deepEqual([u.records[0].npuId, u.records[0].memoryUsagePercent, u.records[0].hbmUsagePercent, u.records[0].aicorePercent], [224, 3, null, 7]);
  });

  it('reports a record cut short (no Chip ID), keeping what it read', () => {
    const u = parseNpuSmiUsages(usages(1).replace(/\s*Chip ID.*\n?/, '\n'));
    assert.equal(u.records.length, 1);
    assert.deepEqual([u.records[0].npuId, u.records[0].chipId, u.records[0].hbmUsagePercent], [1, null, 5]);
    assert.ok(u.problems.some((p) => /without a Chip ID/.test(p.message)));
  });

  it('says when there is nothing to read', () => {
    const u = parseNpuSmiUsages('bash: npu-smi: command not found\n');
    assert.equal(u.records.length, 0);
    assert.ok(u.problems.some((p) => p.line === 1 && /not a usages record: bash: npu-smi: command not found/.test(p.message)));
    assert.ok(u.problems.some((p) => /no usage records/.test(p.message)));
  });
});
