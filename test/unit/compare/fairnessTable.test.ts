import * as assert from 'node:assert/strict';
import { declaredExperiment, fairnessTable } from '../../../src/core/compare/fairnessTable';
import { parseStartupCommand } from '../../../src/core/compare/startupFlags';
import { perfRun, STARTUP } from './craftedRuns';

const statusOf = (rows: readonly { field: string; status: string }[], field: string) => rows.find((r) => r.field === field)?.status;

describe('compare: fairness table', () => {
  it('finds every field that differs, with both values', () => {
    const b = perfRun({ runId: 'b' });
    const c = perfRun({
      runId: 'c',
      manifest: {
        Environment: { ASCEND_RT_VISIBLE_DEVICES: '1,0' },
        Model: { dtype: 'w8a8', tensor_parallel: '4' },
        Workload: { parallel: '64', top_p: '0.9', seed: '7' },
        Service: { prefix_cache: 'true' },
      },
    });
    const t = fairnessTable(b, c, null);
    assert.equal(t.fair, false);
    // Visible-device order is part of fairness: 0,1 is not 1,0.
    assert.equal(statusOf(t.rows, 'ASCEND_RT_VISIBLE_DEVICES'), 'different');
    assert.equal(statusOf(t.rows, 'physical_device_ids'), 'equal');
    for (const f of ['dtype', 'quantization', 'tensor_parallel', 'parallel', 'top_p', 'seed', 'prefix_cache']) assert.equal(statusOf(t.rows, f), 'different', f);
    const dtype = t.rows.find((r) => r.field === 'dtype')!;
    assert.deepEqual([dtype.baseline, dtype.current, dtype.equal, dtype.allowed], ['bf16', 'w8a8', false, false]);
    assert.equal(t.rows.find((r) => r.field === 'quantization')!.current, 'w8a8 (dtype)');
    assert.ok(t.differences.includes('top_p'));
  });

  it('treats 0 and 0.0, True and true, spacing in device lists as equal', () => {
    const b = perfRun({ manifest: { Workload: { temperature: '0' }, Service: { graph_enabled: 'True' }, Environment: { physical_device_ids: '0, 1' } } });
    const c = perfRun({ manifest: { Workload: { temperature: '0.0' }, Service: { graph_enabled: 'true' }, Environment: { physical_device_ids: '0,1' } } });
    const t = fairnessTable(b, c, null);
    assert.deepEqual(t.differences, []);
    assert.equal(t.fair, true);
  });

  it('ignores the order of startup flags and compares them as --flag value pairs', () => {
    const reordered = 'xllm --enable_graph true --max_memory_utilization 0.86 --port 18000 --block_size 128 --devices npu:0,npu:1 --model /models/Qwen3-32B';
    const t = fairnessTable(perfRun(), perfRun({ manifest: { Service: { startup_command: reordered } } }), null);
    assert.equal(statusOf(t.rows, 'startup_command'), 'equal');
    assert.deepEqual(t.differences, []);
    assert.equal(t.rows.find((r) => r.field === 'startup:block_size')!.baseline, '128');

    const changed = fairnessTable(perfRun(), perfRun({ manifest: { Service: { startup_command: reordered.replace('--block_size 128', '--block_size 256') + ' --enable_prefix_cache' } } }), null);
    assert.equal(statusOf(changed.rows, 'startup:block_size'), 'different');
    const added = changed.rows.find((r) => r.field === 'startup:enable_prefix_cache')!;
    assert.deepEqual([added.baseline, added.current, added.status], ['(absent)', 'true', 'different']);
    assert.deepEqual(changed.differences, ['--block_size', '--enable_prefix_cache']);
  });

  it('allows the declared experiment (option), in the manifest key and the startup flag that set it', () => {
    const c = perfRun({ manifest: { Service: { block_size: '256', startup_command: STARTUP.replace('--block_size 128', '--block_size 256') } } });
    const t = fairnessTable(perfRun(), c, 'block_size');
    assert.equal(statusOf(t.rows, 'block_size'), 'allowed');
    assert.equal(statusOf(t.rows, 'startup:block_size'), 'allowed');
    assert.equal(statusOf(t.rows, 'startup_command'), 'allowed');
    assert.equal(t.rows.find((r) => r.field === 'block_size')!.allowed, true);
    assert.equal(t.fair, true);
    // A second difference is still unfair.
    const two = fairnessTable(perfRun(), perfRun({ manifest: { Service: { block_size: '256' }, Workload: { number: '100' } } }), 'block_size');
    assert.deepEqual(two.differences, ['number']);
  });

  it('reads the experiment from fairness_notes, and not from prose that names no parameter', () => {
    const c = perfRun({ manifest: { Service: { graph_enabled: 'false' }, Comparison: { fairness_notes: 'Same devices and workload; experiment: graph_enabled' } } });
    assert.deepEqual(declaredExperiment(perfRun(), c), { field: 'graph_enabled', source: 'fairness_notes' });
    assert.equal(fairnessTable(perfRun(), c, 'graph_enabled').fair, true);
    const prose = perfRun({ manifest: { Comparison: { fairness_notes: 'Same devices 0-3, model, workload and startup flags; the patch is the only change.' } } });
    assert.deepEqual(declaredExperiment(perfRun(), prose), { field: null, source: 'none' });
    assert.equal(declaredExperiment(perfRun(), perfRun({ manifest: { Comparison: { fairness_notes: 'only --enable_graph varies' } } })).field, '--enable_graph');
    // The option wins over the notes.
    assert.deepEqual(declaredExperiment(perfRun(), c, 'dtype'), { field: 'dtype', source: 'option' });
  });

  it('marks required fields recorded in neither run as unknown, so fairness is not shown', () => {
    const strip = { Environment: { physical_device_ids: '', ASCEND_RT_VISIBLE_DEVICES: '' }, Model: { dtype: '' } };
    const t = fairnessTable(perfRun({ manifest: strip }), perfRun({ manifest: strip }), null);
    assert.equal(t.fair, false);
    assert.ok(t.unknown.includes('dtype'));
    assert.ok(t.unknown.some((u) => u.includes('physical_device_ids')));
    assert.equal(statusOf(t.rows, 'dtype'), 'unknown');
  });

  it('counts a startup command recorded by one run only as a difference', () => {
    const t = fairnessTable(perfRun(), perfRun({ manifest: { Service: { startup_command: '' } } }), null);
    assert.equal(statusOf(t.rows, 'startup_command'), 'different');
    assert.ok(t.differences.includes('startup_command'));
  });
});

describe('compare: startup command parsing', () => {
  it('reads --flag value, --flag=value, bare switches, negative numbers and env assignments', () => {
    const p = parseStartupCommand('ASCEND_RT_VISIBLE_DEVICES=0,1 PROFILING_MODE=dynamic xllm --a 1 --b=two --switch --neg -1 -x "q r" model.bin # comment --c');
    assert.equal(p.program, 'xllm');
    assert.deepEqual(p.env, { ASCEND_RT_VISIBLE_DEVICES: '0,1', PROFILING_MODE: 'dynamic' });
    assert.deepEqual(
      [...p.flags.values()].map((f) => [f.key, f.value]),
      [
        ['a', '1'],
        ['b', 'two'],
        ['switch', 'true'],
        ['neg', '-1'],
        ['x', 'q r'],
      ],
    );
    assert.deepEqual(p.positionals, ['model.bin']);
  });

  it('takes the service line of a script and keeps exported environment', () => {
    const p = parseStartupCommand('#!/usr/bin/env bash\nset -euo pipefail\nexport ASCEND_RT_VISIBLE_DEVICES=0,1\ncd /work && xllm \\\n  --model /m --port 1\n');
    assert.equal(p.program, 'xllm');
    assert.equal(p.flags.get('model')!.value, '/m');
    assert.equal(p.env.ASCEND_RT_VISIBLE_DEVICES, '0,1');
  });

  it('never expands variables from the environment of the reader', () => {
    assert.equal(parseStartupCommand('xllm --model $MODEL_DIR/qwen').flags.get('model')!.value, '$MODEL_DIR/qwen');
  });
});
