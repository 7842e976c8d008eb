import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readGateFolder } from '../../../src/core/gate/gateFolder';
import { computeGateVerdict } from '../../../src/core/gate/gateVerdict';
import { parseUptime } from '../../../src/core/gate/loadSnapshot';
import { MIB, parseFreeOutput } from '../../../src/core/gate/memorySnapshot';
import { parseNpuSmiInfo } from '../../../src/core/gate/npuSmiInfo';
import { parseNpuSmiUsages } from '../../../src/core/gate/npuSmiUsages';
import { snapshotSteps, type SnapshotPhase } from '../../../src/core/gate/snapshotCommands';
import { REPO_ROOT } from '../../support/paths';
import { makeTempDir } from '../../support/tempDir';

const BIN = path.join(REPO_ROOT, 'test', 'standins', 'bin');

describe('stand-in npu-smi, free and uptime', () => {
  let dir: string;
  let cleanup: () => void;
  let stateFile: string;
  beforeEach(() => {
    ({ dir, cleanup } = makeTempDir());
    stateFile = path.join(dir, 'state.json');
  });
  afterEach(() => cleanup());

  const setState = (state: object) => writeFileSync(stateFile, JSON.stringify(state));
  const run = (tool: string, args: string[], state = true) =>
    spawnSync(process.execPath, [path.join(BIN, tool), ...args], { encoding: 'utf8', env: { ...process.env, XWF_STANDIN_STATE: state ? stateFile : '' } });

  it('prints 8 idle healthy 910B2 cards by default, in the shape the parser reads without a problem', () => {
    const r = run('npu-smi', ['info'], false);
    assert.equal(r.status, 0, r.stderr);
    const info = parseNpuSmiInfo(r.stdout);
    assert.deepEqual(info.problems, []);
    assert.deepEqual(info.chips.map((c) => c.deviceId), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.ok(info.chips.every((c) => c.health === 'OK' && c.name === '910B2' && c.aicorePercent === 0 && c.hbmMb?.used === 3100 && c.hbmMb.total === 65536));
    assert.deepEqual(info.processes, []);
    assert.deepEqual(info.npusWithoutProcesses, [0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('round-trips an A3 state: chips, Phy-ID, "-" power, HBM, AICore, health and container PIDs', () => {
    setState({
      layout: 'a3',
      npuCount: 2,
      containerPidColumn: true,
      npus: { '1': { health: 'Alarm', chips: { '1': { hbmUsedMb: 10568, aicore: 12, processes: [{ pid: 990711, name: 'python', memoryMb: 7746, containerPid: 88 }] } } } },
    });
    const info = parseNpuSmiInfo(run('npu-smi', ['info']).stdout);
    assert.deepEqual(info.problems, []);
    assert.deepEqual(
      info.chips.map((c) => [c.npuId, c.chipId, c.deviceId, c.health, c.powerW === null, c.hbmMb?.used, c.aicorePercent]),
      [
        [0, 0, 0, 'OK', false, 3100, 0],
        [0, 1, 1, 'OK', true, 3100, 0],
        [1, 0, 2, 'Alarm', false, 3100, 0],
        [1, 1, 3, 'Alarm', true, 10568, 12],
      ],
    );
    assert.deepEqual(info.processes.map((p) => [p.npuId, p.chipId, p.pid, p.name, p.memoryMb, p.containerPid]), [[1, 1, 990711, 'python', 7746, 88]]);
    assert.deepEqual(info.npusWithoutProcesses, [0]);

    const u = parseNpuSmiUsages(run('npu-smi', ['info', '-t', 'usages', '-i', '1']).stdout);
    assert.deepEqual(u.problems, []);
    assert.deepEqual(u.records.map((r) => [r.npuId, r.chipId, r.hbmCapacityMb, r.hbmUsagePercent, r.aicorePercent]), [
      [1, 0, 65536, 5, 0],
      [1, 1, 65536, 16, 12],
    ]);
    const one = parseNpuSmiUsages(run('npu-smi', ['info', '-t', 'usages', '-i', '1', '-c', '1']).stdout);
    assert.deepEqual(one.records.map((r) => r.chipId), [1]);
  });

  it('round-trips a 310P state: Device column, NA power, DDR memory only', () => {
    setState({ layout: '310p', npuIds: [224], npus: { '224': { memoryUsedMb: 20000 } } });
    const info = parseNpuSmiInfo(run('npu-smi', ['info']).stdout);
    assert.deepEqual(info.problems, []);
    assert.deepEqual(info.chips.map((c) => [c.npuId, c.deviceId, c.name, c.powerW, c.memoryMb, c.hbmMb]), [[224, 0, '310P3', null, { used: 20000, total: 44280 }, null]]);
    const u = parseNpuSmiUsages(run('npu-smi', ['info', '-t', 'usages', '-i', '224']).stdout);
    assert.deepEqual(u.records.map((r) => [r.memoryUsagePercent, r.hbmUsagePercent]), [[45, null]]);
  });

  it('fails like a tool: unknown card id, bad arguments, unreadable state', () => {
    const bad = run('npu-smi', ['info', '-t', 'usages', '-i', '9'], false);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /card id 9 does not exist/);
    assert.equal(run('npu-smi', ['smi'], false).status, 1);
    writeFileSync(stateFile, '{not json');
    const broken = run('npu-smi', ['info']);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /bad JSON/);
  });

  it('free and uptime print the state in the shapes the parsers read', () => {
    setState({ load: [3.5, 2, 1], swapUsedMiB: 512 });
    const load = parseUptime(run('uptime', []).stdout);
    assert.deepEqual([load.load1, load.load5, load.load15], [3.5, 2, 1]);
    const mem = parseFreeOutput(run('free', ['-h']).stdout);
    assert.deepEqual(mem.problems, []);
    assert.equal(mem.swap?.bytes.used, 512 * MIB);
    assert.equal(parseFreeOutput(run('free', []).stdout).swap?.bytes.used, 512 * MIB);
  });

  describe('a whole precheck through the snapshot steps', () => {
    let live: ChildProcess | null = null;
    afterEach(() => {
      live?.kill();
      live = null;
    });

    /** Runs a phase's steps with bash, the stand-ins first on PATH; pauses between idle rounds are skipped. */
    function runPhase(phase: SnapshotPhase, npus: number[], envDir: string) {
      const env = { ...process.env, XWF_STANDIN_STATE: stateFile, PATH: [BIN, path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter) };
      for (const step of snapshotSteps(phase, npus, { optional: false })) {
        const out = execFileSync('bash', ['-c', step.command], { env, encoding: 'utf8' });
        (step.append ? appendFileSync : writeFileSync)(path.join(envDir, step.file), out);
      }
    }
    function freePid(): number {
      for (let pid = 3_999_999; pid > 3_000_000; pid--) {
        try {
          process.kill(pid, 0);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ESRCH') return pid;
        }
      }
      throw new Error('no free pid');
    }

    it('passes on idle stand-in cards, then fails busy ones with the right reasons', async () => {
      const clean = path.join(dir, 'clean');
      setState({});
      mkdirSync(clean);
      for (const phase of ['before', 'after-service', 'after'] as const) runPhase(phase, [0, 1], clean);
      const v = computeGateVerdict(await readGateFolder(clean), { devices: [0, 1] });
      assert.deepEqual(v.reasons, []);
      assert.equal(v.verdict, 'pass');
      assert.deepEqual(v.devices.map((d) => d.idle_aicore_percent), [[0, 0, 0], [0, 0, 0]]);
      assert.match(v.host.precheck_time ?? '', /^\d{4}-\d{2}-\d{2}T/);

      // A live foreign job on card 0, a stale context and 30 GB HBM on card 1, load jumping after the run.
      live = spawn('sleep', ['30'], { argv0: 'python-standin-job', stdio: 'ignore' });
      const stale = freePid();
      const busy = path.join(dir, 'busy');
      mkdirSync(busy);
      setState({
        npus: {
          '0': { processes: [{ pid: live.pid, name: 'python', memoryMb: 2000 }] },
          '1': { hbmUsedMb: 30000, processes: [{ pid: stale, name: 'python', memoryMb: 26000 }] },
        },
      });
      runPhase('before', [0, 1], busy);
      setState({ npus: { '1': { aicore: 40 } } });
      runPhase('after-service', [0, 1], busy);
      setState({ load: [25, 10, 5] });
      runPhase('after', [0, 1], busy);
      const b = computeGateVerdict(await readGateFolder(busy), { devices: [0, 1] });
      assert.equal(b.verdict, 'fail');
      assert.deepEqual(b.reasons.map((r) => [r.code, r.device ?? null]), [
        ['npu_process_before', 0],
        ['hbm_busy_before', 1],
        ['stale_npu_context', 1],
        ['idle_aicore_busy', 1],
        ['load_moved', null],
      ]);
      assert.equal(b.devices[0].processes_before[0].visible_to_ps, true);
      assert.equal(b.devices[1].processes_before[0].visible_to_ps, false);
    });
  });
});
