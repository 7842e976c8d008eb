import * as assert from 'node:assert/strict';
import { suggestValue } from '../../../src/core/diagnostics/typeRules';
import { validateManifest } from '../../../src/core/diagnostics/validateManifest';
import { buildManifest, lineOf, type Overrides } from './manifestBuilder';
import { only } from './structureRules.test';

const check = (overrides: Overrides) => {
  const text = buildManifest(overrides);
  return { text, list: validateManifest(text, { fileName: 'manifest.md' }) };
};

describe('type diagnostics (XWF2xx)', () => {
  const cases: [code: string, key: string, bad: string, fix: string | undefined, good: string][] = [
    ['XWF201', 'level', 'quik', 'quick', 'full'],
    ['XWF201', 'conclusion_status', 'passed', 'pass', 'inconclusive'],
    ['XWF201', 'framework', 'tensorrt', undefined, 'vllm-ascend'],
    ['XWF202', 'tensor_parallel', '4.0', '4', '8'],
    ['XWF202', 'max_tokens_per_batch', '20,480', '20480', '20480'],
    ['XWF202', 'number', 'many', undefined, '256'],
    ['XWF203', 'max_memory_utilization', '0,86', '0.86', '0.9'],
    ['XWF204', 'graph_enabled', 'enabled', 'true', 'false'],
    ['XWF204', 'stream', '关闭', 'false', 'yes'],
    ['XWF205', 'commit', 'abc1234 (dirty)', 'abc1234', 'ABC1234'],
    ['XWF206', 'api_url', '127.0.0.1:8000/v1', 'http://127.0.0.1:8000/v1', 'https://h/v1'],
    ['XWF206', 'api_url', 'ftp://h/x', undefined, 'http://localhost:8000/v1'],
    ['XWF207', 'physical_device_ids', '4-7', '4,5,6,7', '4, 5, 6, 7'],
    ['XWF207', 'ASCEND_RT_VISIBLE_DEVICES', '[4 5 6 7]', '4,5,6,7', '4,5,6,7'],
    ['XWF208', 'date', '2026/05/31', '2026-05-31', '2026-05-31 10:15'],
    ['XWF208', 'date', 'yesterday', undefined, '2026-05-31T10:15:30Z'],
  ];
  for (const [code, key, bad, fix, good] of cases) {
    it(`${code} ${key}: '${bad}' fires${fix ? ` with fix '${fix}'` : ''}; '${good}' is silent`, () => {
      const { text, list } = check({ [key]: bad });
      const d = only(list, code);
      assert.equal(d.length, 1, JSON.stringify(list));
      const line = lineOf(text, key);
      const start = text.split('\n')[line].indexOf(': ') + 2;
      assert.deepEqual(d[0].range, { start: { line, character: start }, end: { line, character: start + bad.length } });
      assert.deepEqual(d[0].data, fix === undefined ? undefined : { fix: 'replaceValue', value: fix });
      assert.equal(d[0].severity, code === 'XWF201' ? 'error' : 'warning');
      assert.deepEqual(
        check({ [key]: good }).list.filter((x) => x.code.startsWith('XWF2')),
        [],
      );
    });
  }

  it('XWF201 message lists the allowed values and the closest one', () => {
    const [d] = only(check({ level: 'quik' }).list, 'XWF201');
    assert.equal(d.message, "'quik' is not a valid level: use one of smoke | quick | full. Did you mean 'quick'?");
  });

  it('XWF209: values out of range', () => {
    for (const [key, bad] of [['top_p', '1.5'], ['tensor_parallel', '0'], ['temperature', '-0.1'], ['HCCL_IF_BASE_PORT', '70000'], ['warmup_num', '-1']]) {
      const d = only(check({ [key]: bad }).list, 'XWF209');
      assert.equal(d.length, 1, key);
      assert.match(d[0].message, new RegExp(`^${key} = ${bad.replace('.', '\\.')} is out of range`));
    }
    assert.deepEqual(only(check({ top_p: '0.95', temperature: '0.0' }).list, 'XWF209'), []);
  });

  it('XWF210: visible devices and physical ids disagree in count', () => {
    const d = only(check({ ASCEND_RT_VISIBLE_DEVICES: '0,1,2,3,4,5,6,7' }).list, 'XWF210');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /lists 8 device\(s\) but physical_device_ids lists 4/);
  });

  it('a placeholder or empty value is not a type error', () => {
    const { list } = check({ level: 'smoke | quick | full', tensor_parallel: '', commit: 'N/A' });
    assert.deepEqual(list.filter((d) => d.code.startsWith('XWF2')), []);
  });

  it('only offers a suggestion that is itself valid', () => {
    assert.equal(suggestValue('integer', '1,2'), undefined);
    assert.equal(suggestValue('deviceList', '7-3'), undefined);
    assert.equal(suggestValue('date', '2026/13/45'), undefined);
    assert.equal(suggestValue('enum', 'smok', ['smoke', 'quick', 'full']), 'smoke');
  });
});
