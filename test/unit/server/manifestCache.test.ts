import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ManifestCache } from '../../../src/server/manifestCache';

describe('language server manifest selection', () => {
  it('treats manifest.md/yaml in any folder and files matching xllm.manifests.globs as manifests', () => {
    const cache = new ManifestCache();
    assert.equal(cache.isManifest('file:///ws/runs/perf/r1/manifest.md'), true);
    assert.equal(cache.isManifest('file:///ws/notes/run-plan.md'), false);
    cache.setGlobs(['notes/*-plan.md', 'experiment.yaml']);
    assert.equal(cache.isManifest('file:///ws/notes/run-plan.md'), true);
    assert.equal(cache.isManifest('file:///ws/a/b/experiment.yaml'), true);
    assert.equal(cache.isManifest('file:///ws/notes/readme.md'), false);
  });

  it('parses once per document version', () => {
    const cache = new ManifestCache();
    const v1 = TextDocument.create('file:///ws/runs/perf/r/manifest.md', 'markdown', 1, '## Identity\n\n- run_id: r\n');
    const first = cache.get(v1);
    assert.equal(cache.get(v1), first);
    // update() edits the same document object and bumps its version.
    TextDocument.update(v1, [{ text: '## Identity\n\n- run_id: r2\n' }], 2);
    const second = cache.get(v1);
    assert.notEqual(second, first);
    assert.equal(second.entries[0].text, 'r2');
  });
});
