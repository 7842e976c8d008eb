// The xwf command line as esbuild builds it, for the product (dist/) and the benches (out/bench/): ES
// modules split per command in <root>/cli/, started by <root>/cli.js, so `xwf analyze` compiles only what
// analyze needs (start-up is part of every call: one 1.7 MB bundle cost 50-80 ms before any work).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SHIM = [
  '#!/usr/bin/env node',
  '// xwf: the command line lives in ./cli/ as ES modules loaded on demand.',
  "'use strict';",
  "import('./cli/cli.mjs').catch((e) => {",
  "  process.stderr.write('xwf: cannot start: ' + (e && e.stack ? e.stack : e) + '\\n');",
  '  process.exitCode = 70;',
  '});',
  '',
].join('\n');

/** esbuild options for the CLI modules under outRoot/cli, on top of `base` (platform, target, minify...). */
export function cliBuildOptions(base, outRoot) {
  return {
    ...base,
    format: 'esm',
    splitting: true,
    entryPoints: { cli: 'src/cli/bin.ts', traceWorker: 'src/cli/traceWorker.ts' },
    outdir: join(outRoot, 'cli'),
    outExtension: { '.js': '.mjs' },
    // Bundled CommonJS dependencies call require(); ES modules have none of their own.
    // __xwfCliUrl: where the CLI's modules are (bin.ts starts traceWorker.mjs from there).
    banner: { js: "import { createRequire as __xwfCreateRequire } from 'node:module'; const require = __xwfCreateRequire(import.meta.url); globalThis.__xwfCliUrl ??= import.meta.url;" },
  };
}

/** Clears outRoot/cli (chunk names carry content hashes) and writes the outRoot/cli.js starter. */
export function prepareCliOutput(outRoot) {
  rmSync(join(outRoot, 'cli'), { recursive: true, force: true });
  mkdirSync(outRoot, { recursive: true });
  writeFileSync(join(outRoot, 'cli.js'), SHIM, { mode: 0o755 });
  return join(outRoot, 'cli.js');
}
