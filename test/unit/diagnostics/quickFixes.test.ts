import * as assert from 'node:assert/strict';
import { planQuickFix } from '../../../src/core/diagnostics/quickFixes';
import { validateManifest } from '../../../src/core/diagnostics/validateManifest';
import { applyEdits } from '../../../src/core/manifest/manifestEdits';
import { parseMarkdownManifest } from '../../../src/core/manifest/markdownManifest';

function fixAll(text: string, code: string): string {
  const diagnostics = validateManifest(text, { fileName: 'runs/perf/r/manifest.md' });
  const d = diagnostics.find((x) => x.code === code);
  assert.ok(d, `${code} reported: ${diagnostics.map((x) => x.code).join(',')}`);
  assert.ok(d.data, `${code} carries fix data`);
  const fix = planQuickFix(parseMarkdownManifest(text), d.range, d.data, 'en');
  assert.ok(fix && fix.kind === 'edit', `${code} has an edit fix`);
  return applyEdits(text, fix.edits);
}

describe('quick fixes from diagnostic data', () => {
  const base = ['# Run Manifest', '', '## Identity', '', '- run_id: r', '- level: quik', '- conclusion_status: pass', ''].join('\n');

  it('fixes an enum typo to the closest value', () => {
    assert.match(fixAll(base, 'XWF201'), /- level: quick\n/);
  });

  it('adds missing sections and keys in template order', () => {
    const fixed = fixAll(base, 'XWF106');
    const sections = [...fixed.matchAll(/^## (\w+)/gm)].map((m) => m[1]);
    assert.deepEqual(sections, ['Identity', 'Code', 'Environment', 'Model', 'Service', 'Workload', 'Artifacts', 'Comparison', 'Notes']);
    assert.match(fixed, /- run_id: r\n- date:\n- operator_or_agent:\n- purpose:\n- level: quik/);
    assert.ok(!validateManifest(fixed, { fileName: 'runs/perf/r/manifest.md' }).some((d) => d.code === 'XWF106'));
  });

  it('renames an unknown key to its closest known name', () => {
    assert.match(fixAll(base.replace('- run_id: r', '- run_idd: r'), 'XWF102'), /- run_id: r\n/);
  });

  it('offers the saveDiff command for a dirty worktree and leaves the text alone', () => {
    const text = base.replace('- level: quik', '- level: quick') + '\n## Code\n\n- git_status_short: M a.cpp\n';
    const d = validateManifest(text, { fileName: 'runs/perf/r/manifest.md', context: { entries: ['manifest.md'] } }).find((x) => x.code === 'XWF302');
    assert.ok(d?.data);
    const fix = planQuickFix(parseMarkdownManifest(text), d.range, d.data, 'zh-cn');
    assert.equal(fix?.kind, 'command');
    assert.match(fix!.title, /diff/);
  });
});
