// Installs the project's npm dependencies when they are missing or no longer match package-lock.json.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './proc.mjs';
import { REPO_ROOT } from './vscodeServer.mjs';

/** Whether node_modules holds exactly what package-lock.json pins (npm's hidden lockfile records it). */
export function nodeModulesMatchLock(root = REPO_ROOT) {
  const lockPath = join(root, 'package-lock.json');
  const hiddenPath = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(join(root, 'node_modules'))) return { ok: false, why: 'node_modules is missing' };
  if (!existsSync(lockPath)) return { ok: true };
  if (!existsSync(hiddenPath)) return { ok: false, why: 'node_modules was not installed by npm 7 or later' };
  const lock = JSON.parse(readFileSync(lockPath, 'utf8')).packages ?? {};
  const hidden = JSON.parse(readFileSync(hiddenPath, 'utf8')).packages ?? {};
  for (const [key, entry] of Object.entries(lock)) {
    if (key === '' || entry.link) continue;
    const have = hidden[key];
    if (!have) {
      if (entry.optional || entry.devOptional) continue; // e.g. other platforms' binaries
      return { ok: false, why: `${key} is not installed` };
    }
    if (have.version !== entry.version) return { ok: false, why: `${key} is ${have.version}, package-lock.json pins ${entry.version}` };
  }
  return { ok: true };
}

/** npm ci on a fresh clone; npm install when node_modules exists but drifted from the lock. */
export async function ensureNodeModules(log = (m) => console.log(m), root = REPO_ROOT) {
  const state = nodeModulesMatchLock(root);
  if (state.ok) return;
  const fresh = !existsSync(join(root, 'node_modules'));
  const args = fresh ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  log(`[harness] ${state.why}: npm ${args[0]}`);
  await run('npm', args, { cwd: root, label: `npm ${args[0]}` });
}
