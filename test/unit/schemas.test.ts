import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { renderJsonSchemaFiles } from '../../src/core/schemas/jsonSchemas';
import { renderGeneratedFiles } from '../../src/core/generatedFiles';
import { manifestSchema } from '../../src/core/schemas/manifestSchema';
import { MANIFEST_KEYS, SECTION_NAMES } from '../../src/core/manifest/manifestSpec';
import { REPO_ROOT } from '../support/paths';

describe('schemas', () => {
  it('committed schemas/*.json and snippets match the core tables (run `npm run build` to refresh)', () => {
    const rendered = renderJsonSchemaFiles();
    const committed = readdirSync(path.join(REPO_ROOT, 'schemas')).filter((f) => f.endsWith('.json'));
    assert.deepEqual(committed.sort(), Object.keys(rendered).sort());
    for (const [file, text] of Object.entries(renderGeneratedFiles())) {
      assert.equal(readFileSync(path.join(REPO_ROOT, file), 'utf8'), text, `${file} is stale`);
    }
  });

  it('the manifest schema has all nine sections and every template key with its exact name', () => {
    const json = JSON.parse(renderJsonSchemaFiles()['manifest.schema.json']) as { properties: Record<string, { anyOf?: { properties?: Record<string, unknown> }[] }> };
    assert.deepEqual(Object.keys(json.properties), [...SECTION_NAMES]);
    for (const spec of MANIFEST_KEYS) {
      const section = json.properties[spec.section].anyOf?.find((a) => a.properties)?.properties ?? {};
      assert.ok(spec.key in section, `${spec.section}.${spec.key}`);
    }
    for (const key of ['NPU model', 'CANN version', 'ASCEND_RT_VISIBLE_DEVICES', 'LD_LIBRARY_PATH additions']) assert.ok(MANIFEST_KEYS.some((k) => k.key === key));
  });

  it('the manifest schema accepts natural types and rejects wrong ones', () => {
    const ok = manifestSchema.safeParse({
      Identity: { run_id: 'r1', level: 'full', conclusion_status: 'pass', date: '2026-11-01' },
      Code: { framework: 'xllm', commit: 'a1b2c3d4e5f6' },
      Environment: { physical_device_ids: [0, 1, 2, 3], 'NPU model': '910B2C' },
      Workload: { warmup_num: 8, temperature: 0, stream: true },
      Service: { api_url: 'http://127.0.0.1:18000/v1' },
    });
    assert.equal(ok.success, true, JSON.stringify(ok.error?.issues));
    const bad = manifestSchema.safeParse({ Identity: { level: 'fast' }, Workload: { warmup_num: 1.5 }, Extra: {} });
    assert.equal(bad.success, false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    assert.ok(paths.includes('Identity.level'));
    assert.ok(paths.includes('Workload.warmup_num'));
  });
});

describe('schema associations', () => {
  it('package.json contributes exactly the JSON and YAML schema associations the server defers to', async () => {
    const { JSON_VALIDATION, YAML_VALIDATION, coveredByJsonValidation, coveredByYamlValidation } = await import('../../src/core/schemas/editorSchemaAssociations');
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation: unknown; yamlValidation: unknown } };
    assert.deepEqual(pkg.contributes.jsonValidation, JSON_VALIDATION);
    assert.deepEqual(pkg.contributes.yamlValidation, YAML_VALIDATION);
    assert.equal(coveredByJsonValidation('/ws/runs/perf/r1/metrics.json'), true);
    assert.equal(coveredByJsonValidation('/ws/other/metrics.json'), false);
    assert.equal(coveredByJsonValidation('/ws/config.json'), true);
    assert.equal(coveredByYamlValidation('/ws/runs/perf/r1/manifest.yaml'), true);
    assert.equal(coveredByYamlValidation('/ws/runs/perf/r1/manifest.md'), false);
  });
});
