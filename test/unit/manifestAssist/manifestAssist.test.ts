import * as assert from 'node:assert/strict';
import { parseMarkdownManifest } from '../../../src/core/manifest/markdownManifest';
import { manifestCompletions } from '../../../src/core/manifest/manifestCompletion';
import { applyEdits, planFieldEdit } from '../../../src/core/manifest/manifestEdits';
import { manifestHover } from '../../../src/core/manifest/manifestHover';
import { manifestFolding, manifestOutline } from '../../../src/core/manifest/manifestOutline';

const MANIFEST = ['# Run Manifest', '', '## Identity', '', '- run_id: r1', '- level: quick', '', '## Workload', '', '- parallel: 32', '- warmup_num:', ''].join('\n');

describe('manifest editing assistance', () => {
  it('completes keys of the current section, missing ones first in template order', () => {
    const text = MANIFEST.replace('- level: quick', '- level: quick\n- ');
    const doc = parseMarkdownManifest(text);
    const items = manifestCompletions(doc, { line: 6, character: 2 }, { locale: 'en' });
    const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => i.label);
    assert.deepEqual(sorted.slice(0, 4), ['date', 'operator_or_agent', 'purpose', 'conclusion_status']);
    assert.ok(sorted.indexOf('run_id') > sorted.indexOf('conclusion_status'), 'present keys come last');
    assert.equal(items.find((i) => i.label === 'date')!.insertText, 'date: ');
  });

  it('completes enum values after the colon and section names after ##', () => {
    const doc = parseMarkdownManifest(MANIFEST.replace('- level: quick', '- level: q'));
    const values = manifestCompletions(doc, { line: 5, character: 10 }, { locale: 'en' });
    assert.deepEqual(values.map((v) => v.label), ['smoke', 'quick', 'full']);
    assert.deepEqual(values[0].replace, { start: { line: 5, character: 9 }, end: { line: 5, character: 10 } });
    const withHeading = parseMarkdownManifest(MANIFEST + '## Mo');
    const sections = manifestCompletions(withHeading, { line: 11, character: 5 }, { locale: 'en' });
    const missingFirst = [...sections].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((s) => s.label);
    assert.equal(missingFirst[0], 'Code');
    assert.ok(missingFirst.indexOf('Identity') > missingFirst.indexOf('Notes'));
  });

  it('offers values used by other runs and paths inside the run root', () => {
    const text = '## Model\n\n- model_name: \n- model_path: \n';
    const doc = parseMarkdownManifest(text);
    const models = manifestCompletions(doc, { line: 2, character: 14 }, { locale: 'en', workspaceValues: { model_name: ['Qwen3-32B', 'DeepSeek-V3'] } });
    assert.deepEqual(models.map((m) => m.label), ['Qwen3-32B', 'DeepSeek-V3']);
    const paths = manifestCompletions(doc, { line: 3, character: 14 }, { locale: 'en', runEntries: ['env/', 'metrics.json'] });
    assert.deepEqual(paths.map((p) => [p.label, p.kind]), [['env', 'path'], ['metrics.json', 'path']]);
  });

  it('explains a key on hover in English and Chinese', () => {
    const doc = parseMarkdownManifest(MANIFEST);
    const en = manifestHover(doc, { line: 10, character: 4 }, 'en');
    assert.match(en!.markdown, /\*\*warmup_num\*\* · Workload/);
    assert.match(en!.markdown, /Type: integer/);
    const zh = manifestHover(doc, { line: 5, character: 3 }, 'zh-cn');
    assert.match(zh!.markdown, /证据级别/);
    assert.match(zh!.markdown, /`smoke`, `quick`, `full`/);
    assert.equal(manifestHover(doc, { line: 1, character: 0 }, 'en'), null);
  });

  it('outlines and folds by section', () => {
    const doc = parseMarkdownManifest(MANIFEST);
    const outline = manifestOutline(doc);
    assert.deepEqual(outline.map((s) => [s.name, s.children.map((c) => c.name)]), [
      ['Identity', ['run_id', 'level']],
      ['Workload', ['parallel', 'warmup_num']],
    ]);
    assert.deepEqual(manifestFolding(doc).map((f) => f.startLine), [2, 7]);
  });

  it('sets an existing value, fills an empty one and inserts missing keys in template order', () => {
    const doc = parseMarkdownManifest(MANIFEST);
    assert.match(applyEdits(MANIFEST, [planFieldEdit(doc, 'Identity', 'level', 'full')]), /- level: full\n/);
    assert.match(applyEdits(MANIFEST, [planFieldEdit(doc, 'Workload', 'warmup_num', '8')]), /- warmup_num: 8\n/);
    const withDate = applyEdits(MANIFEST, [planFieldEdit(doc, 'Identity', 'date', '2026-11-01')]);
    assert.match(withDate, /- run_id: r1\n- date: 2026-11-01\n- level: quick/);
    const withCode = applyEdits(MANIFEST, [planFieldEdit(doc, 'Code', 'commit', 'abc1234')]);
    assert.match(withCode, /- level: quick\n\n## Code\n\n- commit: abc1234\n\n## Workload/);
    const crlf = MANIFEST.replace(/\n/g, '\r\n');
    const crlfOut = applyEdits(crlf, [planFieldEdit(parseMarkdownManifest(crlf), 'Identity', 'date', '2026-11-01')]);
    assert.ok(!/[^\r]\n/.test(crlfOut), 'keeps CRLF line endings');
    assert.match(applyEdits(MANIFEST, [planFieldEdit(doc, 'Identity', 'purpose', 'two\nlines')]), /- purpose: two lines\n/);
    // A key that comes before every present key of its section goes on the line above the first of them.
    assert.match(applyEdits(MANIFEST, [planFieldEdit(doc, 'Workload', 'dataset', 'random')]), /## Workload\n\n- dataset: random\n- parallel: 32\n/);
  });
});
