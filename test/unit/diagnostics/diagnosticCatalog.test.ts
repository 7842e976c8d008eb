import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DIAGNOSTIC_CODES, docsAnchor, LSP_SEVERITY, makeDiagnostic, sortDiagnostics } from '../../../src/core/diagnostics/diagnostic';
import { DIAGNOSTIC_MESSAGES, PHRASES } from '../../../src/core/diagnostics/diagnosticMessages';
import { REPO_ROOT } from '../../support/paths';

const CJK = /[\u4e00-\u9fff]/;

describe('diagnostic catalog', () => {
  const codes = Object.keys(DIAGNOSTIC_CODES);

  it('every code has English and Simplified Chinese messages', () => {
    for (const code of codes) {
      const keys = Object.keys(DIAGNOSTIC_MESSAGES).filter((k) => k === code || k.startsWith(`${code}.`));
      assert.ok(keys.length > 0, `${code} has no message`);
      for (const k of keys) {
        const m = DIAGNOSTIC_MESSAGES[k as keyof typeof DIAGNOSTIC_MESSAGES];
        assert.ok(m.en.length > 0, `${k} en`);
        // Placeholders must match so no argument is lost in translation.
        assert.deepEqual([...new Set(m.zh.match(/\{\d\}/g) ?? [])].sort(), [...new Set(m.en.match(/\{\d\}/g) ?? [])].sort(), `${k} placeholders`);
        if (!/^\{\d\}[:：] \{\d\}$|^\{\d\}：\{\d\}$/.test(m.zh)) assert.match(m.zh, CJK, `${k} zh`);
      }
    }
  });

  it('every message key belongs to a known code and every phrase has Chinese', () => {
    for (const k of Object.keys(DIAGNOSTIC_MESSAGES)) assert.ok(codes.includes(k.split('.')[0]), k);
    for (const [k, p] of Object.entries(PHRASES)) {
      assert.deepEqual(p.zh.match(/\{\d\}/g) ?? [], p.en.match(/\{\d\}/g) ?? [], k);
      assert.ok(p.zh.length > 0, k);
    }
  });

  it('docs/diagnostics.md has a section for every code at its anchor', () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'diagnostics.md'), 'utf8');
    const headings = new Set([...doc.matchAll(/^### (XWF\d{3})$/gm)].map((m) => m[1]));
    assert.deepEqual([...headings].sort(), [...codes].sort());
    assert.equal(docsAnchor('XWF301'), 'docs/diagnostics.md#xwf301');
  });

  it('builds plain LSP-shaped diagnostics and sorts them stably', () => {
    const r = (line: number, character: number) => ({ start: { line, character }, end: { line, character: character + 1 } });
    const a = makeDiagnostic('XWF202', 'warning', r(3, 4), 'a');
    const b = makeDiagnostic('XWF501', 'error', r(3, 4), 'b', { fix: 'redact', value: '<redacted>' });
    const c = makeDiagnostic('XWF106', 'warning', r(0, 2), 'c');
    assert.deepEqual(sortDiagnostics([a, b, c]).map((d) => d.code), ['XWF106', 'XWF501', 'XWF202']);
    assert.deepEqual(Object.keys(a).sort(), ['code', 'codeDescription', 'message', 'range', 'severity', 'source']);
    assert.equal(LSP_SEVERITY[b.severity], 1);
  });
});
