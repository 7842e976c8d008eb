import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { normalizeLocale } from '../../src/core/i18n/locale';
import { REPO_ROOT } from '../support/paths';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('localization', () => {
  it('maps VS Code and POSIX language tags', () => {
    assert.equal(normalizeLocale('zh-cn'), 'zh-cn');
    assert.equal(normalizeLocale('zh_CN.UTF-8'), 'zh-cn');
    assert.equal(normalizeLocale('zh-Hans'), 'zh-cn');
    assert.equal(normalizeLocale('en-US'), 'en');
    assert.equal(normalizeLocale(undefined), 'en');
  });

  it('translates every vscode.l10n.t string of the extension into Simplified Chinese', () => {
    const bundle = JSON.parse(readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const used = new Set<string>();
    for (const file of sources(path.join(REPO_ROOT, 'src', 'extension'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1]);
    }
    const missing = [...used].filter((s) => !(s in bundle));
    assert.deepEqual(missing, []);
    assert.ok(used.size > 5);
  });

  it('has a Chinese text for every package.nls key', () => {
    const en = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const zh = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    const manifest = readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8');
    for (const m of manifest.matchAll(/"%([\w.]+)%"/g)) assert.ok(m[1] in en, `package.json uses %${m[1]}% without a text`);
  });
});
