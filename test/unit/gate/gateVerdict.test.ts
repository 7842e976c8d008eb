import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { computeGateVerdict } from '../../../src/core/gate/gateVerdict';
import { gateVerdictSchema, type GateVerdict } from '../../../src/core/gate/gateVerdictSchema';
import { SHARED_FIXTURES } from '../../support/paths';
import { a2Info, cleanEnv, freeH, idleRounds, uptimeLine, usages } from './envFixtures';

const fixture = (name: string) => readFileSync(path.join(SHARED_FIXTURES, 'npu-smi', name), 'utf8');
const codes = (v: GateVerdict, device?: number) => v.reasons.filter((r) => device === undefined || r.device === device).map((r) => r.code);

describe('precheck gate verdict', () => {
  it('passes a clean env folder, with targets from the npu-usages.before files', () => {
    const v = computeGateVerdict({ files: cleanEnv([0, 1, 2, 3]) });
    assert.deepEqual(v.reasons, []);
    assert.equal(v.verdict, 'pass');
    assert.deepEqual(v.targets, { devices: [0, 1, 2, 3], npus: [0, 1, 2, 3], source: 'usages-files' });
    assert.deepEqual(v.devices.map((d) => [d.device, d.verdict, d.health_before, d.health_after, d.memory_kind, d.memory_mb_before?.used]), [
      [0, 'pass', 'OK', 'OK', 'hbm', 3100],
      [1, 'pass', 'OK', 'OK', 'hbm', 3100],
      [2, 'pass', 'OK', 'OK', 'hbm', 3100],
      [3, 'pass', 'OK', 'OK', 'hbm', 3100],
    ]);
    assert.deepEqual(v.devices[0].idle_aicore_percent, [0, 0, 0]);
    assert.deepEqual(v.host, { precheck_time: '2026-05-28T10:11:12+08:00', load1_before: 1.23, load1_after: 2.5, swap_used_mib_before: 0, swap_used_mib_after: 0 });
    assert.deepEqual(v.files.missing, []);
    assert.deepEqual(v.problems, []);
    gateVerdictSchema.parse(v);
  });

  it('fails the busy 910B fixture for both busy cards, with the live process told from a stale one', () => {
    const files = { ...cleanEnv([0, 1]), 'npu-smi.before.txt': fixture('info-910b-a2-busy.txt'), 'process.before.txt': '124528 python3.8 -m vllm.entrypoints.openai.api_server\n' };
    const v = computeGateVerdict({ files });
    assert.equal(v.verdict, 'fail');
    assert.deepEqual(codes(v, 0), ['hbm_busy_before', 'npu_process_before']);
    assert.deepEqual(codes(v, 1), ['hbm_busy_before']);
    assert.deepEqual(v.devices.map((d) => [d.device, d.verdict, d.memory_used_fraction_before]), [
      [0, 'fail', 0.3159],
      [1, 'fail', 0.3157],
    ]);
    assert.match(v.reasons[0].message_en, /^Device 0: HBM 20701\/65536 MB \(31\.6%\) already used before the service started \(limit 10\.0%\)/);
    assert.match(v.reasons[0].message_zh, /设备 0：启动服务前 HBM 已占用 20701\/65536 MB（31\.6%，上限 10\.0%）/);
    assert.deepEqual(v.devices[0].processes_before, [{ pid: 124528, name: 'python3.8', memory_mb: 17400, container_pid: null, visible_to_ps: true }]);

    const stale = computeGateVerdict({ files: { ...files, 'process.before.txt': '' } });
    assert.deepEqual(codes(stale, 0), ['hbm_busy_before', 'stale_npu_context']);
    assert.match(stale.reasons.find((r) => r.code === 'stale_npu_context')!.message_en, /PID 124528 \(python3\.8, 17400 MB\) that ps cannot see/);
  });

  it('a higher HBM limit lets the busy cards through except for the process on card 0', () => {
    const files = { ...cleanEnv([0, 1]), 'npu-smi.before.txt': fixture('info-910b-a2-busy.txt'), 'process.before.txt': '124528 python3.8\n' };
    const v = computeGateVerdict({ files }, { thresholds: { hbmBusyFraction: 0.4 } });
    assert.deepEqual(codes(v), ['npu_process_before']);
    assert.deepEqual(v.devices.map((d) => d.verdict), ['fail', 'pass']);
  });

  it('A3: judges chips by Phy-ID; the chip with a stale process and 16% HBM fails, its sibling passes', () => {
    const files: Record<string, string> = {
      ...cleanEnv([]),
      'npu-smi.before.txt': fixture('info-ascend910-a3.txt'),
      'npu-smi.after.txt': fixture('info-ascend910-a3.txt'),
      'idle-usages.after-service.txt': idleRounds([0, 1], () => 0, 2),
      'npu-usages.before.npu0.txt': usages(0, { chips: 2 }),
      'npu-usages.before.npu1.txt': usages(1, { chips: 2 }),
    };
    const v = computeGateVerdict({ files }, { devices: [2, 3] });
    assert.deepEqual(v.targets, { devices: [2, 3], npus: [1], source: 'option' });
    assert.deepEqual(codes(v, 2), []);
    assert.deepEqual(codes(v, 3), ['hbm_busy_before', 'stale_npu_context']);
    assert.deepEqual(v.devices.map((d) => [d.device, d.npu, d.chip, d.verdict]), [
      [2, 1, 0, 'pass'],
      [3, 1, 1, 'fail'],
    ]);
    const ok = computeGateVerdict({ files }, { devices: [0, 1] });
    assert.equal(ok.verdict, 'pass', JSON.stringify(ok.reasons));
  });

  it('310P: DDR Memory-Usage stands in for HBM, and Warning health fails', () => {
    const p310 = (used: number, health = 'OK') => `| NPU     Name                  | Health          | Power(W)     Temp(C)           Hugepages-Usage(page) |
| Chip    Device                | Bus-Id          | AICore(%)    Memory-Usage(MB)                        |
+===============================+=================+======================================================+
| 8       310P3                 | ${health.padEnd(16)}| NA           43                0     / 0             |
| 0       0                     | 0000:01:00.0    | 0            ${String(used).padEnd(5)}/ 44280                            |
+===============================+=================+======================================================+
`;
    const files = { ...cleanEnv([]), 'npu-smi.before.txt': p310(1263), 'npu-smi.after.txt': p310(20000), 'npu-usages.before.npu8.txt': usages(8), 'idle-usages.after-service.txt': idleRounds([8]) };
    const v = computeGateVerdict({ files }, { devices: [0] });
    assert.equal(v.verdict, 'pass', JSON.stringify(v.reasons));
    assert.deepEqual([v.devices[0].npu, v.devices[0].memory_kind, v.devices[0].memory_mb_before], [8, 'ddr', { used: 1263, total: 44280 }]);

    const busy = computeGateVerdict({ files: { ...files, 'npu-smi.before.txt': p310(30000, 'Warning') } }, { devices: [0] });
    assert.deepEqual(codes(busy), ['health_not_ok', 'hbm_busy_before']);
    assert.match(busy.reasons[1].message_en, /DDR 30000\/44280 MB \(67\.8%\)/);
  });

  it('is incomplete, naming each missing snapshot, when files are missing', () => {
    const files = cleanEnv([0, 1]);
    delete files['idle-usages.after-service.txt'];
    delete files['mem.after.txt'];
    delete files['npu-usages.before.npu1.txt'];
    const v = computeGateVerdict({ files }, { devices: [0, 1] });
    assert.equal(v.verdict, 'incomplete');
    assert.deepEqual(v.files.missing, ['npu-usages.before.npu1.txt', 'idle-usages.after-service.txt', 'mem.after.txt']);
    assert.deepEqual(codes(v), ['missing_snapshot', 'missing_snapshot', 'missing_snapshot']);
    assert.match(v.reasons[0].message_en, /npu-usages\.before\.npu1\.txt is missing/);
    assert.deepEqual(v.devices.map((d) => d.verdict), ['incomplete', 'incomplete'], 'idle samples feed every device check');
  });

  it('an empty env folder is incomplete with every required snapshot listed', () => {
    const v = computeGateVerdict({ files: {} });
    assert.equal(v.verdict, 'incomplete');
    assert.equal(v.targets.source, 'none');
    assert.ok(codes(v).includes('no_targets'));
    assert.equal(v.files.missing.length, 11);
  });

  it('an empty or garbled npu-smi capture is incomplete, not a crash', () => {
    const v = computeGateVerdict({ files: { ...cleanEnv([0]), 'npu-smi.before.txt': 'dcmi module initialize failed. ret is -8005\n' } });
    assert.equal(v.verdict, 'incomplete');
    assert.deepEqual(codes(v), ['snapshot_unparsed']);
    assert.deepEqual(v.problems.filter((p) => p.file === 'npu-smi.before.txt').map((p) => p.line), [1, 0]);
  });

  it('fails on idle AICore above the limit once the service is up, and is incomplete without samples for a card', () => {
    const files = { ...cleanEnv([0, 1]), 'idle-usages.after-service.txt': idleRounds([0], (_n, r) => (r === 1 ? 37 : 0)) };
    const v = computeGateVerdict({ files });
    assert.deepEqual(codes(v, 0), ['idle_aicore_busy']);
    assert.deepEqual(codes(v, 1), ['idle_samples_missing']);
    assert.equal(v.verdict, 'fail');
    assert.match(v.reasons[0].message_en, /idle AICore reached 37% .*samples 0, 37, 0/);
    assert.deepEqual(v.devices.map((d) => d.verdict), ['fail', 'incomplete']);
  });

  it('fails when AICore or the HBM usage rate is already high before the service starts', () => {
    const files = { ...cleanEnv([0, 1]), 'npu-smi.before.txt': a2Info([{ npu: 0, aicore: 42 }, { npu: 1 }]), 'npu-usages.before.npu1.txt': usages(1, { hbmRate: 35 }) };
    const v = computeGateVerdict({ files });
    assert.deepEqual(codes(v, 0), ['aicore_busy_before']);
    assert.deepEqual(codes(v, 1), ['hbm_rate_busy_before']);
    assert.match(v.reasons[1].message_en, /HBM usage rate 35\.0% .*npu-usages\.before\.npu1\.txt/);
  });

  it('fails when a target card is not OK before or after the run, or vanished afterwards', () => {
    const files = {
      ...cleanEnv([0, 1, 2]),
      'npu-smi.before.txt': a2Info([{ npu: 0, health: 'Alarm' }, { npu: 1 }, { npu: 2 }]),
      'npu-smi.after.txt': a2Info([{ npu: 0 }, { npu: 1, health: 'Critical' }]),
    };
    const v = computeGateVerdict({ files });
    assert.deepEqual(codes(v, 0), ['health_not_ok']);
    assert.deepEqual(codes(v, 1), ['health_not_ok']);
    assert.deepEqual(codes(v, 2), ['target_not_listed']);
    assert.match(v.reasons.find((r) => r.device === 1)!.message_en, /Health is Critical in npu-smi\.after\.txt/);
    assert.match(v.reasons.find((r) => r.device === 2)!.message_zh, /设备 2 未出现在 npu-smi\.after\.txt 中/);
  });

  it('fails a device id that npu-smi does not list', () => {
    const v = computeGateVerdict({ files: cleanEnv([0]) }, { devices: [0, 9] });
    assert.deepEqual(codes(v, 9), ['target_not_listed', 'idle_samples_missing']);
    assert.ok(v.files.missing.includes('npu-usages.before.npu9.txt'));
    assert.equal(v.verdict, 'fail');
  });

  it('fails when load or swap moved during the run; the limits are configurable', () => {
    const files = { ...cleanEnv([0]), 'load.after.txt': uptimeLine(14.2), 'mem.after.txt': freeH('1.5Gi') };
    const v = computeGateVerdict({ files });
    assert.deepEqual(codes(v), ['load_moved', 'swap_moved']);
    assert.match(v.reasons[0].message_en, /from 1\.23 to 14\.2 during the run \(limit ±8\)/);
    assert.match(v.reasons[1].message_en, /from 0 MiB to 1536 MiB/);
    assert.equal(v.devices[0].verdict, 'pass', 'host reasons are not card reasons');
    const relaxed = computeGateVerdict({ files }, { thresholds: { loadDeltaAbs: 20, swapDeltaMiB: 2048 } });
    assert.equal(relaxed.verdict, 'pass');
    // A busy host: 40 -> 52 is within half the load before.
    const busyHost = computeGateVerdict({ files: { ...cleanEnv([0]), 'load.before.txt': uptimeLine(40), 'load.after.txt': uptimeLine(52) } });
    assert.equal(busyHost.verdict, 'pass');
  });

  it('checks the optional device-node and torch_npu probes when they were captured', () => {
    const files = {
      ...cleanEnv([0]),
      'device-nodes.before.txt': "crw-rw---- 1 root root 236, 0 May 28 10:00 /dev/davinci0\nls: cannot access '/dev/hisi_hdc': No such file or directory\n",
      'torch-npu-import.before.txt': 'exit=124\n',
    };
    const v = computeGateVerdict({ files });
    assert.deepEqual(codes(v), ['device_nodes_missing', 'torch_npu_import_hung']);
    assert.match(v.reasons[0].message_en, /\/dev\/davinci_manager, \/dev\/devmm_svm, \/dev\/hisi_hdc/);
  });

  it('reports unreadable snapshots as incomplete', () => {
    const files = cleanEnv([0]);
    delete files['load.after.txt'];
    const v = computeGateVerdict({ files, unreadable: { 'load.after.txt': 'EACCES' } });
    assert.equal(v.verdict, 'incomplete');
    assert.deepEqual(codes(v), ['unreadable_snapshot']);
    assert.match(v.reasons[0].message_en, /load\.after\.txt could not be read: EACCES/);
    assert.deepEqual(v.files.missing, []);
  });

  it('uses every listed device when neither devices nor usages files say which', () => {
    const files = cleanEnv([0]);
    delete files['npu-usages.before.npu0.txt'];
    const v = computeGateVerdict({ files });
    assert.equal(v.targets.source, 'all-devices');
    assert.deepEqual(v.targets.devices, [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.equal(v.verdict, 'incomplete', 'the usages files of those cards are missing');
  });

  it('rejects nonsense thresholds', () => {
    assert.throws(() => computeGateVerdict({ files: {} }, { thresholds: { hbmBusyFraction: 10 } }), /fraction/);
    assert.throws(() => computeGateVerdict({ files: {} }, { thresholds: { idleAicorePercent: -1 } }), /non-negative/);
  });
});
