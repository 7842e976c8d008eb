#!/usr/bin/env node
// `npm run package`: production build, then the .vsix with @vscode/vsce, offline.
// Everything the extension runs is bundled into dist/, so the package carries no node_modules
// (--no-dependencies); .vscodeignore is an allowlist. Prints the file's path and size.
// Usage: node scripts/package.mjs [--out <file.vsix>] [--skip-build]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 && args[outIndex + 1] ? resolve(args[outIndex + 1]) : join(root, `${pkg.name}-${pkg.version}.vsix`);

function run(cmd, argv, label) {
  return new Promise((res, rej) => {
    const child = spawn(cmd, argv, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (e) => rej(new Error(`${label}: ${e.message}`)));
    child.on('close', (code, signal) => (code === 0 ? res() : rej(new Error(`${label} failed (${signal ?? `exit code ${code}`})`))));
  });
}

async function main() {
  const started = Date.now();
  if (!args.includes('--skip-build')) await run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production'], 'production build');
  for (const f of ['dist/extension.js', 'dist/server.js', 'dist/cli.js']) {
    if (!existsSync(join(root, f))) throw new Error(`${f} is missing after the build`);
  }
  const vsce = createRequire(join(root, 'package.json')).resolve('@vscode/vsce/vsce');
  // No network and no repository field: relative README links stay relative (they resolve inside the package).
  await run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], 'vsce package');
  const size = statSync(out).size;
  console.log(`[package] ${out} (${(size / 1024).toFixed(0)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

main().catch((err) => {
  console.error(`[package] ${err.message}`);
  process.exit(1);
});
