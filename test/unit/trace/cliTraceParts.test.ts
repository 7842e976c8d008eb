import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { writeSyntheticTrace } from '../../../src/core/trace/syntheticTrace';
import { REPO_ROOT } from '../../support/paths';

// The built CLI reads a large trace as two parts, the second on a real worker thread: its report must be
// the one a single pass gives.
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const run = promisify(execFile);

describe('xwf analyze: a trace read on two threads', () => {
  let dir: string;
  before(() => {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: build first (node scripts/build.mjs)');
    dir = mkdtempSync(path.join(os.tmpdir(), 'xwf-cli-parts-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the single-pass report, and the second part came from the worker', async () => {
    const file = path.join(dir, 'msprof_1.json');
    await writeSyntheticTrace(file, { seed: 11, devices: 2, decodeSteps: 200 });
    const env = { ...process.env, XWF_LANG: 'en' };
    const single = await run(process.execPath, [CLI, 'analyze', file, '--json'], { env: { ...env, XWF_TRACE_THREADS: '1' } });
    const split = await run(process.execPath, [CLI, 'analyze', file, '--json'], { env: { ...env, XWF_TRACE_SPLIT_BYTES: '1', XWF_TRACE_DEBUG: '1' } });
    assert.match(split.stderr, /trace part from byte \d+ parsed on a worker thread \(\d+ rows\)/);
    assert.doesNotMatch(single.stderr, /worker thread/);
    const a = JSON.parse(single.stdout) as { events: number };
    assert.ok(a.events > 15_000, `a trace of some size (${a.events} events)`);
    assert.deepEqual(JSON.parse(split.stdout), a);
  });
});
