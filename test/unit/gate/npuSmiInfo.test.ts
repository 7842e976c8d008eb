import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { deviceMemory, isHealthy, parseNpuSmiInfo, processesOnChip } from '../../../src/core/gate/npuSmiInfo';
import { SHARED_FIXTURES } from '../../support/paths';

const fixture = (name: string) => readFileSync(path.join(SHARED_FIXTURES, 'npu-smi', name), 'utf8');

const P310 = `+--------------------------------------------------------------------------------------------------------+
| npu-smi 24.1.0.1                                 Version: 24.1.0.1                                     |
+-------------------------------+-----------------+------------------------------------------------------+
| NPU     Name                  | Health          | Power(W)     Temp(C)           Hugepages-Usage(page) |
| Chip    Device                | Bus-Id          | AICore(%)    Memory-Usage(MB)                        |
+===============================+=================+======================================================+
| 1       310P3                 | OK              | NA           47                0     / 0             |
| 0       0                     | 0000:01:00.0    | 0            1894 / 44215                            |
+===============================+=================+======================================================+
| 2       310P3                 | Warning         | NA           45                0     / 0             |
| 0       1                     | 0000:02:00.0    | 3            1900 / 44215                            |
+===============================+=================+======================================================+
+-------------------------------+-----------------+------------------------------------------------------+
| NPU     Chip                  | Process id      | Process name             | Process memory(MB)        |
+===============================+=================+======================================================+
| No running processes found in NPU 1                                                                    |
+===============================+=================+======================================================+
| No running processes found in NPU 2                                                                    |
+===============================+=================+======================================================+
`;

describe('npu-smi info parser', () => {
  it('reads the busy 910B A2 fixture: health, HBM, AICore, bus id and its one process', () => {
    const info = parseNpuSmiInfo(fixture('info-910b-a2-busy.txt'));
    assert.equal(info.version, '23.0.2.1');
    assert.deepEqual(info.problems, []);
    assert.deepEqual(
      info.chips.map((c) => [c.deviceId, c.npuId, c.chipId, c.phyId, c.name, c.health, c.powerW, c.tempC, c.busId, c.aicorePercent, c.hbmMb, c.memoryMb]),
      [
        [0, 0, 0, null, '910B2C', 'OK', 88.6, 51, '0000:5A:00.0', 0, { used: 20701, total: 65536 }, { used: 0, total: 0 }],
        [1, 1, 0, null, '910B2C', 'OK', 99.6, 50, '0000:19:00.0', 0, { used: 20687, total: 65536 }, { used: 0, total: 0 }],
      ],
    );
    assert.deepEqual(info.chips[0].hugepages, { used: 0, total: 0 });
    assert.deepEqual(info.processes.map((p) => [p.npuId, p.chipId, p.pid, p.name, p.memoryMb, p.containerPid]), [[0, 0, 124528, 'python3.8', 17400, null]]);
    assert.equal(processesOnChip(info, info.chips[0]).length, 1);
    assert.equal(processesOnChip(info, info.chips[1]).length, 0);
    assert.deepEqual(info.npusWithoutProcesses, []);
  });

  it('reads the A3 fixture: two chips per NPU, Phy-ID as device id, "-" power, glued 10568/ 65536', () => {
    const info = parseNpuSmiInfo(fixture('info-ascend910-a3.txt'));
    assert.equal(info.version, '25.2.0');
    assert.deepEqual(info.problems, []);
    assert.deepEqual(
      info.chips.map((c) => [c.npuId, c.chipId, c.phyId, c.deviceId, c.powerW, c.tempC, c.busId, c.hbmMb?.used, c.hbmMb?.total]),
      [
        [0, 0, 0, 0, 162.8, 37, '0000:9C:00.0', 3133, 65536],
        [0, 1, 1, 1, null, 37, '0000:9E:00.0', 2876, 65536],
        [1, 0, 2, 2, 167.1, 38, '0000:37:00.0', 3116, 65536],
        [1, 1, 3, 3, null, 38, '0000:39:00.0', 10568, 65536],
      ],
    );
    assert.ok(info.chips.every((c) => c.health === 'OK' && c.aicorePercent === 0 && c.name === 'Ascend910'));
    assert.deepEqual(info.npusWithoutProcesses, [0]);
    assert.deepEqual(info.processes.map((p) => [p.npuId, p.chipId, p.pid, p.name, p.memoryMb]), [[1, 1, 990711, 'python', 7746]]);
    assert.deepEqual(processesOnChip(info, info.chips[3]).map((p) => p.pid), [990711]);
    assert.deepEqual(processesOnChip(info, info.chips[2]), []);
  });

  it('reads a 310P table: Device column, NA power, no HBM column (DDR is the device memory)', () => {
    const info = parseNpuSmiInfo(P310);
    assert.deepEqual(info.problems, []);
    assert.deepEqual(
      info.chips.map((c) => [c.npuId, c.deviceId, c.phyId, c.name, c.health, c.powerW, c.tempC, c.aicorePercent, c.memoryMb, c.hbmMb]),
      [
        [1, 0, 0, '310P3', 'OK', null, 47, 0, { used: 1894, total: 44215 }, null],
        [2, 1, 1, '310P3', 'Warning', null, 45, 3, { used: 1900, total: 44215 }, null],
      ],
    );
    assert.deepEqual(deviceMemory(info.chips[0]), { kind: 'ddr', mb: { used: 1894, total: 44215 } });
    assert.deepEqual(info.npusWithoutProcesses, [1, 2]);
    assert.equal(isHealthy(info.chips[1].health), false);
  });

  it('reads the newer "Process id in container" column, NA or a number', () => {
    const table = fixture('info-910b-a2-busy.txt').replace(
      /\| NPU {5}Chip[\s\S]*$/,
      `| NPU     Chip              | Process id    | Process name       | Process memory(MB)    | Process id in container |
+===========================+===============+======================================================================+
| 0       0                 | 485946        | pytest             | 5175                  | NA                      |
| 1       0                 | 2001          | python -m xllm     | 30000                 | 77                      |
+===========================+===============+======================================================================+
`,
    );
    const info = parseNpuSmiInfo(table);
    assert.deepEqual(info.problems, []);
    assert.deepEqual(info.processes.map((p) => [p.npuId, p.pid, p.name, p.memoryMb, p.containerPid]), [
      [0, 485946, 'pytest', 5175, null],
      [1, 2001, 'python -m xllm', 30000, 77],
    ]);
  });

  it('keeps values of unknown columns and reports the column names', () => {
    const table = fixture('info-910b-a2-busy.txt')
      .replace('Hugepages-Usage(page)|', 'Hugepages-Usage(page) Fan(%)|')
      .replace('88.6        51                0    / 0             |', '88.6        51                0    / 0   33       |');
    const info = parseNpuSmiInfo(table);
    assert.deepEqual(info.unknownColumns, ['Fan(%)']);
    assert.deepEqual(info.chips[0].extra, { 'Fan(%)': '33' });
    assert.deepEqual(info.chips[0].hbmMb, { used: 20701, total: 65536 });
    assert.equal(info.chips.length, 2);
  });

  it('reports lines outside the table and an output with no NPU rows, without throwing', () => {
    const info = parseNpuSmiInfo('dcmi module initialize failed. ret is -8005\n');
    assert.equal(info.chips.length, 0);
    assert.deepEqual(info.problems.map((p) => p.line), [1, 0]);
    assert.match(info.problems[0].message, /outside the table: dcmi module/);
    assert.match(info.problems[1].message, /no NPU rows/);
  });

  it('keeps a chip whose second row was cut off and says so', () => {
    const lines = fixture('info-910b-a2-busy.txt').split('\n');
    const cut = lines.slice(0, 10).join('\n'); // ends after NPU 1's first row
    const info = parseNpuSmiInfo(cut);
    assert.equal(info.chips.length, 2);
    assert.equal(info.chips[1].health, 'OK');
    assert.equal(info.chips[1].hbmMb, null);
    assert.ok(info.problems.some((p) => /end early/.test(p.message) && p.line === 10));
  });

  it('reports a non-numeric value where a number belongs', () => {
    const info = parseNpuSmiInfo(fixture('info-910b-a2-busy.txt').replace('| 0           0    / 0          20701/ 65536', '| x%          0    / 0          20701/ 65536'));
    assert.equal(info.chips[0].aicorePercent, null);
    assert.ok(info.problems.some((p) => p.line === 8 && /aicore is not a number/.test(p.message)));
  });

  it('tolerates CRLF line ends and indentation (outputs pasted into documents)', () => {
    const text = fixture('info-ascend910-a3.txt')
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\r\n');
    const info = parseNpuSmiInfo(text);
    assert.deepEqual(info.problems, []);
    assert.equal(info.chips.length, 4);
    assert.equal(info.processes[0].pid, 990711);
  });
});
