// Entry point VS Code calls inside the extension host (extensionTestsPath): runs the bundled integration
// suite (tests.js next to this file) with mocha and writes the results as JSON, to $XWF_TEST_RESULTS or
// results.json beside the bundle. Resolving passes the run; rejecting reports it failed (exit code 1).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: { message: string; stack?: string };
}

function writeResults(file: string, tests: TestResult[], durationMs: number): void {
  const count = (state: TestResult['state']) => tests.filter((t) => t.state === state).length;
  const results = {
    tier: 'integration',
    stats: { tests: tests.length, passes: count('passed'), failures: count('failed'), pending: count('pending'), durationMs },
    tests,
  };
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(tmp, file);
}

export function run(): Promise<void> {
  const resultsPath = process.env.XWF_TEST_RESULTS || path.join(__dirname, 'results.json');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  mocha.addFile(path.join(__dirname, 'tests.js'));
  const tests: TestResult[] = [];
  const started = Date.now();
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        try {
          writeResults(resultsPath, tests, Date.now() - started);
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
      runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
      runner.on('fail', (t, err: Error) =>
        tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error: { message: String(err?.message ?? err), stack: err?.stack } }),
      );
      runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending', durationMs: 0 }));
    } catch (e) {
      // A bundle that throws while loading: record it so the runner does not report an empty green run.
      tests.push({ title: 'loading the integration suite', state: 'failed', durationMs: 0, error: { message: String(e), stack: (e as Error)?.stack } });
      writeResults(resultsPath, tests, Date.now() - started);
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
