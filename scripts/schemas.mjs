// Writes the files derived from src/core's tables (schemas/*.json, snippets/manifest.code-snippets.json).
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Bundles the core's generator and returns { relativePath: text }. */
export async function renderGenerated(root) {
  const out = join(root, 'out', 'gen', 'generatedFiles.cjs');
  mkdirSync(dirname(out), { recursive: true });
  await esbuild.build({
    entryPoints: [join(root, 'src', 'core', 'generatedFiles.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    logLevel: 'warning',
  });
  const require = createRequire(import.meta.url);
  delete require.cache[out];
  return require(out).renderGeneratedFiles();
}

export async function writeSchemas(root) {
  const files = await renderGenerated(root);
  for (const [rel, text] of Object.entries(files)) {
    const target = join(root, rel);
    mkdirSync(dirname(target), { recursive: true });
    // Only touch files whose content changed, so watchers and git stay quiet.
    if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
  }
  return Object.keys(files);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const names = await writeSchemas(root);
  console.log(`[generated] ${names.length} files`);
}
