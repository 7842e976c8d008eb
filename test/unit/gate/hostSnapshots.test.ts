import * as assert from 'node:assert/strict';
import { parseDeviceNodes } from '../../../src/core/gate/deviceNodes';
import { parseUptime } from '../../../src/core/gate/loadSnapshot';
import { MIB, parseFreeOutput, parseMemoryAmount } from '../../../src/core/gate/memorySnapshot';
import { parsePrecheckTime } from '../../../src/core/gate/precheckTime';
import { parseProcessList, visiblePids } from '../../../src/core/gate/processList';
import { parseTorchNpuImport } from '../../../src/core/gate/torchNpuImport';

describe('host snapshot parsers', () => {
  it('reads pgrep -af lines with their command lines', () => {
    const list = parseProcessList('124528 python3.8 -m vllm.entrypoints.openai.api_server --port 8000\n  990711 /usr/bin/python run.py\n\n');
    assert.deepEqual(list.problems, []);
    assert.deepEqual(list.processes.map((p) => [p.pid, p.command, p.line]), [
      [124528, 'python3.8 -m vllm.entrypoints.openai.api_server --port 8000', 1],
      [990711, '/usr/bin/python run.py', 2],
    ]);
    assert.deepEqual([...visiblePids(list)], [124528, 990711]);
  });

  it('reads ps -ef output through its PID column and reports stray lines', () => {
    const list = parseProcessList('UID        PID  PPID  C STIME TTY          TIME CMD\nroot      4242     1  0 10:00 ?        00:00:01 python serve.py\nwarning: something\n');
    assert.deepEqual(list.processes.map((p) => [p.pid, p.command]), [[4242, 'python serve.py']]);
    assert.deepEqual(list.problems.map((p) => p.line), [3]);
  });

  it('an empty pgrep capture is an empty list, not a problem', () => {
    assert.deepEqual(parseProcessList(''), { processes: [], problems: [] });
  });

  it('reads free -h amounts in bytes: Ti, Gi, Mi, 0B, legacy G and comma decimals', () => {
    assert.equal(parseMemoryAmount('0B'), 0);
    assert.equal(parseMemoryAmount('1.5Ti'), 1.5 * 1024 ** 4);
    assert.equal(parseMemoryAmount('96G'), 96 * 1024 ** 3);
    assert.equal(parseMemoryAmount('512Mi'), 512 * MIB);
    assert.equal(parseMemoryAmount('1,2Gi'), 1.2 * 1024 ** 3);
    assert.equal(parseMemoryAmount('2048'), 2048 * 1024, 'plain free prints KiB');
    assert.equal(parseMemoryAmount('lots'), null);
    const m = parseFreeOutput(
      '               total        used        free      shared  buff/cache   available\nMem:           1.5Ti        96Gi       1.3Ti       1.2Gi        98Gi       1.4Ti\nSwap:          8.0Gi       1.5Gi       6.5Gi\n',
    );
    assert.deepEqual(m.problems, []);
    assert.equal(m.mem?.bytes.used, 96 * 1024 ** 3);
    assert.equal(m.mem?.bytes['buff/cache'], 98 * 1024 ** 3);
    assert.equal(m.swap?.bytes.used, 1.5 * 1024 ** 3);
    assert.equal(m.swap?.bytes.total, 8 * 1024 ** 3);
  });

  it('reads the Chinese-locale free rows and old free with a -/+ buffers row', () => {
    const zh = parseFreeOutput('              总计         已用        空闲      共享    缓冲/缓存    可用\n内存：        62Gi        10Gi        40Gi       1.0Gi        12Gi        51Gi\n交换：       2.0Gi       100Mi       1.9Gi\n');
    assert.equal(zh.swap?.bytes.used, 100 * MIB, 'columns fall back to the usual order when the header is localised');
    const old = parseFreeOutput('             total       used       free     shared    buffers     cached\nMem:      65808100   10443112   55364988          0     301604    5412960\n-/+ buffers/cache:    4728548   61079552\nSwap:      2097148          0    2097148\n');
    assert.deepEqual(old.problems, []);
    assert.equal(old.swap?.bytes.total, 2097148 * 1024);
  });

  it('reports a free capture without Mem or Swap rows', () => {
    const m = parseFreeOutput('free: command not found\n');
    assert.equal(m.mem, null);
    assert.ok(m.problems.some((p) => /no Mem or Swap/.test(p.message)));
  });

  it('reads uptime load averages in the Linux, comma-decimal and macOS spellings', () => {
    const a = parseUptime(' 10:11:12 up 12 days,  3:04,  2 users,  load average: 1.23, 1.10, 0.98\n');
    assert.deepEqual([a.load1, a.load5, a.load15, a.up, a.users], [1.23, 1.1, 0.98, '12 days,  3:04', 2]);
    const b = parseUptime(' 10:11:12 up 3 min,  1 user,  load average: 1,23, 1,10, 0,98\n');
    assert.deepEqual([b.load1, b.load5, b.load15, b.users], [1.23, 1.1, 0.98, 1]);
    const c = parseUptime('10:11  up 2 days,  1:02, 3 users, load averages: 2.5 1.9 1.7\n');
    assert.deepEqual([c.load1, c.load5, c.load15], [2.5, 1.9, 1.7]);
    const d = parseUptime('uptime: not found\n');
    assert.equal(d.load1, null);
    assert.equal(d.problems.length, 1);
  });

  it('reads precheck.time from date -Is and rejects other text', () => {
    const t = parsePrecheckTime('2026-05-28T10:11:12+08:00\n');
    assert.equal(t.epochMs, Date.UTC(2026, 4, 28, 2, 11, 12));
    assert.equal(parsePrecheckTime('2026-05-28T10:11:12+0800').epochMs, Date.UTC(2026, 4, 28, 2, 11, 12));
    const bad = parsePrecheckTime('Thu May 28 10:11:12 CST 2026\n');
    assert.equal(bad.epochMs, null);
    assert.equal(bad.text, 'Thu May 28 10:11:12 CST 2026');
    assert.equal(bad.problems.length, 1);
    assert.equal(parsePrecheckTime('').text, null);
  });

  it('reads the device-node listing and names what is missing', () => {
    const ok = parseDeviceNodes(
      'crw-rw---- 1 HwHiAiUser HwHiAiUser 236, 0 May 28 10:00 /dev/davinci0\ncrw-rw---- 1 HwHiAiUser HwHiAiUser 236, 1 May 28 10:00 /dev/davinci1\ncrw-rw---- 1 root root 237, 0 May 28 10:00 /dev/davinci_manager\ncrw-rw---- 1 root root 238, 0 May 28 10:00 /dev/devmm_svm\ncrw-rw---- 1 root root 239, 0 May 28 10:00 /dev/hisi_hdc\n',
    );
    assert.deepEqual(ok.missing, []);
    assert.deepEqual(ok.davinci, [0, 1]);
    const bad = parseDeviceNodes("ls: cannot access '/dev/davinci*': No such file or directory\ncrw-rw---- 1 root root 237, 0 May 28 10:00 /dev/davinci_manager\nls: cannot access '/dev/hisi_hdc': No such file or directory\n");
    assert.deepEqual(bad.missing, ['/dev/davinci<N>', '/dev/devmm_svm', '/dev/hisi_hdc']);
  });

  it('reads the torch_npu import probe: ok, failed, hung', () => {
    assert.deepEqual(parseTorchNpuImport('torch 2.1.0 torch_npu 2.1.0.post10\nexit=0\n'), { exitCode: 0, hung: false, ok: true, lastLine: 'torch 2.1.0 torch_npu 2.1.0.post10' });
    const failed = parseTorchNpuImport("Traceback (most recent call last):\nModuleNotFoundError: No module named 'torch_npu'\nexit=1\n");
    assert.deepEqual([failed.exitCode, failed.ok, failed.lastLine], [1, false, "ModuleNotFoundError: No module named 'torch_npu'"]);
    assert.equal(parseTorchNpuImport('exit=124\n').hung, true);
    assert.equal(parseTorchNpuImport('partial output').exitCode, null);
  });
});
