import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateArtifactJson } from '../../../src/core/diagnostics/artifactJson';
import { validateManifest, validateManifestBytes } from '../../../src/core/diagnostics/validateManifest';
import { buildManifest } from './manifestBuilder';

const opts = { fileName: 'manifest.md' };

describe('bad input gets one clear diagnostic', () => {
  it('XWF001: a 50 MB manifest is refused without parsing, as text or bytes', () => {
    const text = 'x'.repeat(50 * 1024 * 1024);
    const list = validateManifest(text, opts);
    assert.deepEqual(list.map((d) => [d.code, d.severity]), [['XWF001', 'error']]);
    assert.match(list[0].message, /52428800/);
    assert.deepEqual(validateManifestBytes(Buffer.from(text), opts).map((d) => d.code), ['XWF001']);
  });

  it('XWF002: binary content', () => {
    const bytes = Buffer.concat([Buffer.from('## Identity\n- run_id: a\n'), Buffer.from([0, 1, 2, 255, 0])]);
    const list = validateManifestBytes(bytes, opts);
    assert.deepEqual(list.map((d) => d.code), ['XWF002']);
    assert.equal(list[0].range.start.line, 2);
    assert.deepEqual(validateManifest('a\u0000b', opts).map((d) => d.code), ['XWF002']);
  });

  it('XWF004: GBK-encoded text is recognised and named, in both languages', () => {
    const bytes = Buffer.concat([Buffer.from('## Identity\n- run_id: r1\n- purpose: '), Buffer.from([0xb2, 0xe2, 0xca, 0xd4, 0xcd, 0xcc, 0xc2, 0xc2]), Buffer.from('\n')]);
    const [d] = validateManifestBytes(bytes, opts);
    assert.equal(d.code, 'XWF004');
    assert.equal(d.range.start.line, 2);
    assert.match(d.message, /GBK\/GB18030-encoded, not UTF-8 \(first non-UTF-8 byte on line 3\)/);
    assert.match(validateManifestBytes(bytes, { ...opts, locale: 'zh-cn' })[0].message, /GBK\/GB18030 编码而非 UTF-8（第 3 行起）/);
  });

  it('XWF003: invalid UTF-8 bytes, and replacement characters in decoded text', () => {
    const [d] = validateManifestBytes(Buffer.from([0x23, 0x20, 0x41, 0x0a, 0x80, 0x80, 0x0a]), opts);
    assert.equal(d.code, 'XWF003');
    assert.match(d.message, /offset 4 \(line 2\)/);
    const text = buildManifest({ purpose: 'caf\uFFFD' });
    const warn = validateManifest(text, opts).filter((x) => x.code === 'XWF003');
    assert.equal(warn.length, 1);
    assert.equal(warn[0].severity, 'warning');
  });

  it('decodes a UTF-8 BOM and UTF-16 files', () => {
    assert.deepEqual(validateManifestBytes(Buffer.from('\uFEFF' + buildManifest(), 'utf8'), opts), []);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(buildManifest(), 'utf16le')]);
    assert.deepEqual(validateManifestBytes(utf16, opts), []);
  });

  it('XWF006: YAML alias bombs and deep nesting, quickly and once', () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(',')}]`)].join('\n');
    assert.deepEqual(validateManifest(bomb, { fileName: 'manifest.yaml' }).map((d) => d.code), ['XWF006']);
    const deep = 'Identity: ' + '['.repeat(200_000);
    const list = validateManifest(deep, { fileName: 'manifest.yml' });
    assert.deepEqual(list.map((d) => d.code), ['XWF006']);
    assert.match(list[0].message, /deeper than 64 levels/);
  });

  it('never throws on random text, as Markdown, YAML or any artifact JSON', () => {
    const text = fc.oneof(fc.string({ maxLength: 300, unit: 'binary' }), fc.string({ maxLength: 300, unit: 'grapheme' }), fc.json());
    fc.assert(
      fc.property(text, fc.constantFrom('manifest.md', 'manifest.yaml'), (t, fileName) => {
        for (const d of validateManifest(t, { fileName })) assert.ok(d.code.startsWith('XWF') && d.message.length > 0);
        for (const kind of ['metrics', 'score', 'request_config', 'analysis', 'config'] as const) validateArtifactJson(kind, t);
      }),
      { numRuns: 200 },
    );
  });
});
