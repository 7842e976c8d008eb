// Runs one mocha bundle in a child process with the spec reporter on the console, and writes the results
// as JSON (the same shape test/integration/index.ts writes from inside the extension host):
//   { tier, stats: { tests, passes, failures, pending, durationMs }, tests: [{ title, state, durationMs, error? }] }
// Child usage: node test/harness/mochaTier.mjs --tier <name> --results <file.json> [--timeout <ms>] <bundle.js>...
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killGroup, onCleanup } from './proc.mjs';

const SELF = fileURLToPath(import.meta.url);

/** Writes JSON atomically (temp file in the same folder, then rename). */
export function writeJsonAtomic(file, value) {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, file);
}

/** Results of a tier that could not run at all: one failed entry that says why. */
export function crashedResults(tier, message) {
  return {
    tier,
    stats: { tests: 1, passes: 0, failures: 1, pending: 0, durationMs: 0 },
    tests: [{ title: `${tier} tier could not run`, state: 'failed', durationMs: 0, error: { message } }],
  };
}

/**
 * Runs `files` with mocha in a child process; resolves with the results (a crash or a missing results
 * file becomes one failed entry, so a broken tier can never look green).
 */
export function runMochaTier({ tier, files, resultsPath, timeoutMs = 20_000, env = {}, killAfterMs = 15 * 60_000 }) {
  rmSync(resultsPath, { force: true });
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) return Promise.resolve(crashedResults(tier, `test bundle not built: ${missing.join(', ')}`));
  return new Promise((res) => {
    const child = spawn(process.execPath, [SELF, '--tier', tier, '--results', resultsPath, '--timeout', String(timeoutMs), ...files], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    const off = onCleanup(() => killGroup(child.pid));
    const timer = setTimeout(() => {
      console.error(`[harness] ${tier}: no result after ${killAfterMs / 60_000} minutes, stopping it`);
      killGroup(child.pid);
    }, killAfterMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      off();
      killGroup(child.pid); // anything the tests left running in the group
      let results;
      try {
        results = JSON.parse(readFileSync(resultsPath, 'utf8'));
      } catch {
        results = crashedResults(tier, `mocha exited (${signal ?? `code ${code}`}) without writing ${resultsPath}`);
      }
      res(results);
    });
  });
}

/** Collects mocha runner events into the results shape. */
export function collectResults(runner, tier) {
  const tests = [];
  const started = Date.now();
  runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
  runner.on('fail', (t, err) =>
    tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error: { message: String(err?.message ?? err), stack: err?.stack } }),
  );
  runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending', durationMs: 0 }));
  return () => ({
    tier,
    stats: {
      tests: tests.length,
      passes: tests.filter((t) => t.state === 'passed').length,
      failures: tests.filter((t) => t.state === 'failed').length,
      pending: tests.filter((t) => t.state === 'pending').length,
      durationMs: Date.now() - started,
    },
    tests,
  });
}

async function childMain(argv) {
  const files = [];
  let tier = 'mocha';
  let resultsPath = null;
  let timeout = 20_000;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--tier') tier = argv[++i];
    else if (argv[i] === '--results') resultsPath = resolve(argv[++i]);
    else if (argv[i] === '--timeout') timeout = Number(argv[++i]);
    else files.push(resolve(argv[i]));
  }
  if (!resultsPath || files.length === 0) {
    console.error('usage: node test/harness/mochaTier.mjs --tier <name> --results <file.json> [--timeout <ms>] <bundle.js>...');
    process.exit(2);
  }
  const { default: Mocha } = await import('mocha');
  // XWF_TEST_GREP narrows a tier to matching tests while working on them (never set in CI).
  const mocha = new Mocha({ reporter: 'spec', timeout, color: process.stdout.isTTY === true, ...(process.env.XWF_TEST_GREP ? { grep: process.env.XWF_TEST_GREP } : {}) });
  for (const f of files) mocha.addFile(f);
  await mocha.loadFilesAsync();
  await new Promise((res) => {
    const runner = mocha.run(() => res());
    const results = collectResults(runner, tier);
    runner.on('end', () => writeJsonAtomic(resultsPath, results()));
  });
  // Leftover handles (servers, timers) in a test must not hang the tier.
  process.exit(0);
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  childMain(process.argv.slice(2)).catch((err) => {
    console.error(err?.stack ?? err);
    process.exit(1);
  });
}
