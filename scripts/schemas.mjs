// Generates schemas/*.json from the zod schemas in src/core (the single source of truth).
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Bundles the core's schema registry and returns { fileName: jsonText }. */
export async function renderSchemas(root) {
  const out = join(root, 'out', 'gen', 'jsonSchemas.cjs');
  mkdirSync(dirname(out), { recursive: true });
  await esbuild.build({
    entryPoints: [join(root, 'src', 'core', 'schemas', 'jsonSchemas.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    logLevel: 'warning',
  });
  const require = createRequire(import.meta.url);
  delete require.cache[out];
  const { renderJsonSchemaFiles } = require(out);
  return renderJsonSchemaFiles();
}

export async function writeSchemas(root) {
  const files = await renderSchemas(root);
  mkdirSync(join(root, 'schemas'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const target = join(root, 'schemas', name);
    // Only touch files whose content changed, so watchers and git stay quiet.
    if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
  }
  return Object.keys(files);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const names = await writeSchemas(root);
  console.log(`[schemas] ${names.length} files: ${names.join(', ')}`);
}
