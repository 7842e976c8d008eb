// Child processes of the test harness: run a command to completion, and stop what we started on any way out
// (normal end, failure, Ctrl-C), so no VS Code server or browser outlives a test run.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const cleanups = new Set();
let hooked = false;

/** Registers a synchronous last-resort cleanup (kill by PID); returns a function that unregisters it. */
export function onCleanup(fn) {
  if (!hooked) {
    hooked = true;
    process.on('exit', runCleanups);
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
      process.on(signal, () => {
        console.error(`\n[harness] ${signal}: stopping the processes this run started`);
        runCleanups();
        process.exit(code);
      });
    }
  }
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

function runCleanups() {
  for (const fn of [...cleanups]) {
    cleanups.delete(fn);
    try {
      fn();
    } catch {
      // already gone
    }
  }
}

/** Kills a whole process group (the leader was spawned detached), falling back to the single PID. */
export function killGroup(pid, signal = 'SIGKILL') {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // not running
    }
  }
}

/**
 * Runs a command; resolves with its output when it exits 0, rejects with the command, exit code and
 * (when quiet) the tail of its output otherwise. `quiet` captures output instead of streaming it.
 */
export function run(cmd, args, { cwd, env, quiet = false, label = `${cmd} ${args.join(' ')}` } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: env ?? process.env,
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-200_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const off = onCleanup(() => killGroup(child.pid));
    child.on('error', (err) => {
      off();
      reject(new Error(`${label}: cannot start ${cmd}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      off();
      if (code === 0) resolve(output);
      else {
        const tail = quiet ? `\n${output.split('\n').slice(-40).join('\n')}` : '';
        reject(new Error(`${label} failed (${signal ? `signal ${signal}` : `exit code ${code}`})${tail}`));
      }
    });
  });
}

/** Runs a command and resolves with its exit code (never rejects on a non-zero exit). */
export function exitCodeOf(cmd, args, options = {}) {
  return run(cmd, args, options).then(
    () => 0,
    (err) => {
      const m = /exit code (\d+)/.exec(err.message);
      return m ? Number(m[1]) : 1;
    },
  );
}

/** Absolute path of an executable found on PATH, or null. */
export function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Seconds since `started`, one decimal. */
export function secondsSince(started) {
  return `${((Date.now() - started) / 1000).toFixed(1)}s`;
}
