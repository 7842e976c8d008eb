import * as assert from 'node:assert/strict';
import type { Diagnostic } from '../../../src/core/diagnostics/diagnostic';
import { validateManifest } from '../../../src/core/diagnostics/validateManifest';
import { buildManifest, buildYamlManifest, lineOf } from './manifestBuilder';

export function only(list: Diagnostic[], code: string): Diagnostic[] {
  return list.filter((d) => d.code === code);
}

const md = (text: string, locale: 'en' | 'zh-cn' = 'en') => validateManifest(text, { fileName: 'manifest.md', locale });

describe('structure diagnostics (XWF1xx)', () => {
  it('a complete formal manifest reports nothing, in Markdown, YAML and with CRLF', () => {
    assert.deepEqual(md(buildManifest()), []);
    assert.deepEqual(validateManifest(buildYamlManifest(), { fileName: 'manifest.yaml' }), []);
    assert.deepEqual(md(buildManifest({}, { eol: '\r\n' })), []);
    assert.deepEqual(md('\uFEFF' + buildManifest()), []);
  });

  it('XWF101: unknown section, with a suggestion when one is close', () => {
    const text = buildManifest().replace('## Environment', '## Enviroment').replace('## Notes', '## Extras');
    const [close, far] = only(md(text), 'XWF101');
    const line = text.split('\n').indexOf('## Enviroment');
    assert.deepEqual(close.range, { start: { line, character: 3 }, end: { line, character: 13 } });
    assert.deepEqual(close.data, { fix: 'renameSection', value: 'Environment' });
    assert.match(close.message, /Did you mean 'Environment'/);
    assert.equal(far.data, undefined);
    assert.match(far.message, /Identity, Code/);
    assert.equal(close.codeDescription.href, 'docs/diagnostics.md#xwf101');
  });

  it('XWF102: unknown key, with a did-you-mean by edit distance', () => {
    const text = buildManifest().replace('- tensor_parallel: 4', '- tensor_paralel: 4').replace('- seed: 42', '- seed: 42\n- my_custom_flag: 1');
    const d = only(md(text), 'XWF102');
    assert.equal(d.length, 2);
    assert.deepEqual(d[0].data, { fix: 'renameKey', value: 'tensor_parallel' });
    const line = lineOf(text, 'tensor_paralel');
    assert.deepEqual(d[0].range, { start: { line, character: 2 }, end: { line, character: 16 } });
    assert.equal(d[1].data, undefined);
  });

  it('XWF103: a duplicate key points at the second one and names the first line', () => {
    const text = buildManifest().replace('- purpose:', '- run_id: again\n- purpose:');
    const [d] = only(md(text), 'XWF103');
    assert.equal(d.range.start.line, text.split('\n').indexOf('- run_id: again'));
    assert.match(d.message, new RegExp(`line ${lineOf(text, 'run_id') + 1}`));
    assert.deepEqual(d.data, { fix: 'deleteEntry' });
  });

  it('XWF104: a key in the wrong section, or before any section', () => {
    const moved = buildManifest({ commit: null }).replace('- level: quick', '- level: quick\n- commit: 7c41e9a');
    const [d] = only(md(moved), 'XWF104');
    assert.deepEqual(d.data, { fix: 'moveKey', section: 'Code' });
    assert.match(d.message, /belongs in section Code, not Identity/);
    const early = only(md('- run_id: x\n' + buildManifest({ run_id: null })), 'XWF104');
    assert.deepEqual(early[0].data, { fix: 'moveKey', section: 'Identity' });
    assert.match(early[0].message, /before any section/);
  });

  it('XWF105: lines in a section that are not `- key: value`', () => {
    const text = buildManifest().replace('- deviations: none', '- deviations: none\n\nRestarted twice, see log.\n');
    const [d] = only(md(text), 'XWF105');
    const line = text.split('\n').indexOf('Restarted twice, see log.');
    assert.deepEqual(d.range, { start: { line, character: 0 }, end: { line, character: 25 } });
    assert.equal(d.severity, 'warning');
  });

  it('XWF106: one diagnostic lists every missing key and whole sections, with addKeys', () => {
    let text = buildManifest({ commit: null, warmup_num: null });
    text = text.slice(0, text.indexOf('## Notes'));
    const d = only(md(text), 'XWF106');
    assert.equal(d.length, 1);
    assert.deepEqual(d[0].data, { fix: 'addKeys', keys: ['commit', 'warmup_num', 'known_risks', 'deviations', 'next_steps'] });
    assert.match(d[0].message, /\(5\): Code: commit; Workload: warmup_num; section Notes \(known_risks, deviations, next_steps\)/);
    assert.deepEqual(d[0].range, { start: { line: 0, character: 2 }, end: { line: 0, character: 14 } });
  });

  it('XWF106 stays silent when keys are present but empty', () => {
    assert.deepEqual(only(md(buildManifest({ commit: '' })), 'XWF106'), []);
  });

  it('XWF107: a repeated section', () => {
    const text = buildManifest() + '\n## Notes\n- deviations: none\n';
    const d = only(md(text), 'XWF107');
    assert.equal(d.length, 1);
    assert.equal(d[0].range.start.line, text.split('\n').lastIndexOf('## Notes'));
  });

  it('YAML: unknown sections and keys get the same codes with exact ranges', () => {
    const text = buildYamlManifest().replace('Identity:', 'identity:').replace('  dtype:', '  d_type:');
    const list = validateManifest(text, { fileName: 'run/manifest.yml' });
    const [section] = only(list, 'XWF101');
    assert.deepEqual(section.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
    assert.deepEqual(section.data, { fix: 'renameSection', value: 'Identity' });
    assert.deepEqual(only(list, 'XWF102')[0].data, { fix: 'renameKey', value: 'dtype' });
  });

  it('YAML: a syntax error is one XWF005 and nothing else about structure', () => {
    const list = validateManifest('Identity:\n  run_id: [unclosed\n', { fileName: 'manifest.yaml' });
    assert.ok(list.length >= 1);
    assert.ok(list.every((d) => d.code === 'XWF005'));
    assert.equal(list[0].severity, 'error');
  });

  it('messages come in Simplified Chinese', () => {
    const text = buildManifest({ commit: null }).replace('## Notes', '## Note');
    const zh = md(text, 'zh-cn');
    assert.match(only(zh, 'XWF101')[0].message, /未知的章节 'Note'。是否应为 'Notes'？/);
    assert.match(only(zh, 'XWF106')[0].message, /缺少模板中的字段/);
  });
});
