import * as assert from 'node:assert/strict';
import { SNAPSHOT_COMMANDS, snapshotFiles, snapshotScript, snapshotSteps } from '../../../src/core/gate/snapshotCommands';

describe('precheck snapshot commands', () => {
  it('covers every env/ file formats.md lists, each written by exactly one command', () => {
    const files = SNAPSHOT_COMMANDS.map((c) => c.file);
    assert.equal(new Set(files).size, files.length);
    for (const f of ['npu-smi.before.txt', 'npu-smi.after.txt', 'npu-usages.before.npu{npu}.txt', 'idle-usages.after-service.txt', 'process.before.txt', 'process.after-service.txt', 'process.after.txt', 'mem.before.txt', 'mem.after.txt', 'load.before.txt', 'load.after.txt', 'precheck.time']) {
      assert.ok(files.includes(f), f);
    }
    assert.deepEqual(snapshotFiles([2, 5], 'required').filter((f) => f.startsWith('npu-usages')), ['npu-usages.before.npu2.txt', 'npu-usages.before.npu5.txt']);
  });

  it('expands the before phase per NPU, with pgrep never failing the step', () => {
    const steps = snapshotSteps('before', [0, 1]);
    assert.deepEqual(steps.map((s) => s.file), [
      'precheck.time',
      'npu-smi.before.txt',
      'npu-usages.before.npu0.txt',
      'npu-usages.before.npu1.txt',
      'process.before.txt',
      'mem.before.txt',
      'load.before.txt',
      'device-nodes.before.txt',
      'torch-npu-import.before.txt',
    ]);
    assert.equal(steps[2].command, 'npu-smi info -t usages -i 0');
    assert.equal(steps[4].command, "pgrep -af 'xllm|vllm|sglang|python|evalscope|msprof' || true");
    assert.deepEqual(snapshotSteps('before', [0], { optional: false }).map((s) => s.id).slice(-2), ['mem.before', 'load.before']);
  });

  it('takes three idle rounds 10 s apart, each opened by a date line, appended to one file', () => {
    const steps = snapshotSteps('after-service', [0, 3]);
    const idle = steps.filter((s) => s.file === 'idle-usages.after-service.txt');
    assert.equal(idle.length, 3 * 3);
    assert.ok(idle.every((s) => s.append));
    assert.deepEqual(idle.map((s) => s.command.replace('npu-smi info -t usages -i ', 'u')), ['date -Is', 'u0', 'u3', 'date -Is', 'u0', 'u3', 'date -Is', 'u0', 'u3']);
    assert.deepEqual(idle.map((s) => s.sleepSecondsAfter), [0, 0, 10, 0, 0, 10, 0, 0, 0]);
    assert.equal(steps[steps.length - 1].file, 'process.after-service.txt');
  });

  it('renders a bash script with the env folder quoted and appends where needed', () => {
    const script = snapshotScript('after-service', [1], "/tmp/run's env");
    assert.match(script, /^#!\/usr\/bin\/env bash\n/);
    assert.match(script, /ENV_DIR='\/tmp\/run'\\''s env'/);
    assert.match(script, /\{ npu-smi info -t usages -i 1 ; \} >> "\$ENV_DIR"\/'idle-usages\.after-service\.txt'\nsleep 10\n/);
    assert.match(script, /\} > "\$ENV_DIR"\/'process\.after-service\.txt'\n$/);
  });

  it('rejects NPU ids that are not non-negative integers', () => {
    assert.throws(() => snapshotSteps('before', [1.5]), RangeError);
    assert.throws(() => snapshotSteps('before', [-1]), RangeError);
  });
});
