// E2E tier: `npm run package`, install the .vsix with the VS Code server's own CLI into a fresh extensions
// folder, start the server with it, generate the sample workspace, then run out/test/e2e.js with mocha; the
// tests drive the workbench in headless Chromium (playwright-core) and save screenshots in test-results/.
// Usage: node test/harness/runE2e.mjs [--vsix <file>]   (after node scripts/build.mjs --tests)
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions, freshProfileDir } from './browser.mjs';
import { crashedResults, runMochaTier } from './mochaTier.mjs';
import { run } from './proc.mjs';
import { tempSampleWorkspace } from './sampleWorkspace.mjs';
import { REPO_ROOT, installedExtensions, startServer, workbenchUrl } from './vscodeServer.mjs';

const DEFAULT_RESULTS = join(REPO_ROOT, 'test-results', 'e2e.json');

/** Builds the .vsix with `npm run package` (scripts/package.mjs); resolves with its path. */
export async function packageExtension(log = (m) => console.log(m)) {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  const vsix = join(REPO_ROOT, `${pkg.name}-${pkg.version}.vsix`);
  rmSync(vsix, { force: true });
  log('[harness] e2e: packaging the extension');
  await run(process.execPath, [join(REPO_ROOT, 'scripts', 'package.mjs')], { cwd: REPO_ROOT, quiet: true, label: 'npm run package' });
  if (!existsSync(vsix)) throw new Error(`npm run package did not write ${vsix}`);
  return { vsix, id: `${pkg.publisher}.${pkg.name}`, version: pkg.version };
}

/** Runs the tier; resolves with the results (never rejects: a broken tier is one failed entry). */
export async function runE2e({ vsix, resultsPath = DEFAULT_RESULTS, log = (m) => console.log(m) } = {}) {
  rmSync(resultsPath, { force: true });
  const bundle = join(REPO_ROOT, 'out', 'test', 'e2e.js');
  if (!existsSync(bundle)) return crashedResults('e2e', `${bundle} is missing: run node scripts/build.mjs --tests`);
  let server;
  let workspace;
  let profile;
  try {
    const packaged = vsix ? { vsix: resolve(vsix), id: null } : await packageExtension(log);
    workspace = await tempSampleWorkspace('xwf-e2e-');
    server = await startServer({ label: 'e2e', install: [packaged.vsix], log });
    const installed = installedExtensions(server);
    if (packaged.id && !installed.includes(`${packaged.id}-${packaged.version}`)) {
      throw new Error(`the server did not install ${packaged.id}-${packaged.version} (it has: ${installed.join(', ') || 'nothing'})`);
    }
    profile = freshProfileDir();
    log(`[harness] e2e: ${packaged.vsix} installed; sample workspace with ${workspace.runs.length} runs`);
    return await runMochaTier({
      tier: 'e2e',
      files: [bundle],
      resultsPath,
      timeoutMs: 120_000,
      env: {
        XWF_E2E_URL: workbenchUrl(server, workspace.folder),
        XWF_E2E_WORKSPACE: workspace.folder,
        XWF_CHROMIUM: JSON.stringify(chromiumLaunchOptions(profile.dir)),
        XWF_E2E_SCREENSHOTS: join(REPO_ROOT, 'test-results'),
      },
    });
  } catch (err) {
    return crashedResults('e2e', err?.message ?? String(err));
  } finally {
    await server?.stop();
    profile?.remove();
    workspace?.remove();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--vsix');
  const results = await runE2e({ vsix: i > 0 ? process.argv[i + 1] : undefined });
  if (results.tests.length === 1 && results.tests[0].error) console.error(results.tests[0].error.message);
  console.log(`e2e: ${results.stats.passes} passed, ${results.stats.failures} failed`);
  process.exit(results.stats.failures > 0 || results.stats.pending > 0 ? 1 : 0);
}
