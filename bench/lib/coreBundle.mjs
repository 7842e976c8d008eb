// Bundles the src/core modules a bench needs into one CommonJS file under out/bench/, so no TypeScript runs at bench time.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Builds `out/bench/<name>.js` re-exporting `exports` (`{ 'src/core/x.ts': ['a', 'b'] }`) and loads it.
 * The same esbuild options as the product bundles (node, cjs, node20), unminified for readable profiles.
 */
export async function loadCore(name, exports) {
  const contents = Object.entries(exports)
    .map(([file, names]) => `export { ${names.join(', ')} } from './${file.replace(/\.ts$/, '')}';`)
    .join('\n');
  const outfile = join(REPO_ROOT, 'out', 'bench', `${name}.js`);
  await esbuild.build({
    absWorkingDir: REPO_ROOT,
    stdin: { contents, resolveDir: REPO_ROOT, sourcefile: `bench-${name}.ts`, loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  const require = createRequire(import.meta.url);
  return require(outfile);
}

/** Bundles the language server exactly as scripts/build.mjs does, into out/bench/server.js (dist/ is left alone). */
export async function buildServer() {
  const outfile = join(REPO_ROOT, 'out', 'bench', 'server.js');
  await esbuild.build({
    absWorkingDir: REPO_ROOT,
    entryPoints: ['src/server/server.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outfile;
}
