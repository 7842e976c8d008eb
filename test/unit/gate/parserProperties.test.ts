import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeGateVerdict } from '../../../src/core/gate/gateVerdict';
import { parseUptime } from '../../../src/core/gate/loadSnapshot';
import { parseFreeOutput } from '../../../src/core/gate/memorySnapshot';
import { parseNpuSmiInfo } from '../../../src/core/gate/npuSmiInfo';
import { parseNpuSmiUsages } from '../../../src/core/gate/npuSmiUsages';
import { parsePrecheckTime } from '../../../src/core/gate/precheckTime';
import { parseProcessList } from '../../../src/core/gate/processList';
import { parseDeviceNodes } from '../../../src/core/gate/deviceNodes';
import { parseTorchNpuImport } from '../../../src/core/gate/torchNpuImport';
import { a2Info, cleanEnv, idleRounds } from './envFixtures';

/** Lines built from the pieces real outputs use, so random text reaches deep parser states. */
const piece = fc.constantFrom(
  '|', '+', '-', '=', ' ', '/', ':', '\n', '\r\n', 'NPU', 'Name', 'Health', 'Chip', 'Phy-ID', 'Device', 'Bus-Id', 'AICore(%)',
  'HBM-Usage(MB)', 'Memory-Usage(MB)', 'Power(W)', 'Process id', 'Process name', 'Process id in container', 'No running processes found in NPU 3',
  'OK', 'NA', '0', '65536', '10568/ 65536', '0000:5A:00.0', 'Chip ID', 'NPU ID', 'HBM Usage Rate(%)', '2026-05-28T10:11:12+08:00',
  'Mem:', 'Swap:', '1.5Gi', 'load average:', '__proto__', 'constructor',
);
const tableish = fc.array(piece, { maxLength: 120 }).map((xs) => xs.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 }), tableish);

/** Real texts with random lines deleted, duplicated or replaced. */
function mutated(base: string) {
  const lines = base.split('\n');
  return fc
    .array(fc.tuple(fc.nat(lines.length), fc.constantFrom('drop', 'dup', 'junk'), fc.string({ maxLength: 30 })), { maxLength: 6 })
    .map((edits) => {
      const out = [...lines];
      for (const [i, kind, junk] of edits) {
        const at = Math.min(i, out.length - 1);
        if (at < 0) break;
        if (kind === 'drop') out.splice(at, 1);
        else if (kind === 'dup') out.splice(at, 0, out[at]);
        else out[at] = junk;
      }
      return out.join('\n');
    });
}

describe('snapshot parsers on arbitrary input', () => {
  it('never throw, and every problem names a line inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, mutated(a2Info([{ npu: 0 }, { npu: 1, health: 'Alarm' }], [{ npu: 0, pid: 7 }])), mutated(idleRounds([0, 1]))), (text) => {
        const lineCount = text.split(/\r?\n|\r/).length;
        for (const r of [parseNpuSmiInfo(text), parseNpuSmiUsages(text), parseProcessList(text), parseFreeOutput(text), parseUptime(text), parsePrecheckTime(text)]) {
          for (const p of r.problems) assert.ok(p.line >= 0 && p.line <= lineCount, `line ${p.line} of ${lineCount}`);
        }
        parseDeviceNodes(text);
        parseTorchNpuImport(text);
        const info = parseNpuSmiInfo(text);
        for (const c of info.chips) assert.ok(Number.isInteger(c.npuId) && c.npuId >= 0);
      }),
      { numRuns: 400 },
    );
  });

  it('the gate never throws and always gives one of its three verdicts', () => {
    const names = Object.keys(cleanEnv([0, 1]));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), anyText, { maxKeys: names.length }), fc.option(fc.array(fc.nat(16), { maxLength: 4 })), (overrides, devices) => {
        const v = computeGateVerdict({ files: { ...cleanEnv([0, 1]), ...overrides } }, { devices: devices ?? undefined });
        assert.ok(['pass', 'fail', 'incomplete'].includes(v.verdict));
        if (v.verdict === 'pass') assert.equal(v.reasons.length, 0);
        for (const r of v.reasons) assert.ok(r.message_en.length > 0 && r.message_zh.length > 0 && !/\{\d\}/.test(r.message_en + r.message_zh));
      }),
      { numRuns: 200 },
    );
  });
});
