// The `xwf` executable's entry: runs the command line (main.ts only exports it, so tests can call it).
import { workerPartRunner } from '../core/trace/partWorkerRunner';
import { setDefaultPartRunner } from '../core/trace/traceFiles';
import { processIO, runCli } from './main';

// Large traces are read as two parts at once, the second on a worker thread (the build puts
// traceWorker.mjs beside this module; its banner records this module's URL). XWF_TRACE_THREADS=1 turns it
// off; XWF_TRACE_SPLIT_BYTES changes the size from which a file is split; XWF_TRACE_DEBUG=1 reports parts.
const here = (globalThis as { __xwfCliUrl?: string }).__xwfCliUrl;
if (here && process.env.XWF_TRACE_THREADS !== '1') {
  const split = Number(process.env.XWF_TRACE_SPLIT_BYTES);
  const run = workerPartRunner(new URL('./traceWorker.mjs', here));
  const debug = process.env.XWF_TRACE_DEBUG === '1';
  setDefaultPartRunner(
    debug ? (job, signal) => run(job, signal).then((p) => (process.stderr.write(`xwf: trace part from byte ${job.start} parsed on a worker thread (${p.count} rows)\n`), p)) : run,
    Number.isFinite(split) && split > 0 ? split : undefined,
  );
}

// `xwf ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
runCli(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`xwf: internal error: ${e.stack ?? e.message}\n`);
    process.exitCode = 70;
  },
);
