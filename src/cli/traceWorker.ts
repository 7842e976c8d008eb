// The CLI's trace part worker: parses the byte range it is given and posts the part back (see traceFiles.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { readTracePart } from '../core/trace/traceFiles';
import { tracePartBuffers, type TracePartJob } from '../core/trace/tracePart';

void readTracePart(workerData as TracePartJob).then((part) => parentPort?.postMessage(part, tracePartBuffers(part)));
