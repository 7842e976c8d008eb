// Streaming trace files into the worker: whatever pieces the network delivers and whichever reader the
// browser offers, the worker's columns equal one pass over the file, with a handful of reused buffers.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { writeSyntheticTrace } from '../../../src/core/trace/syntheticTrace';
import type { TraceColumns } from '../../../src/core/trace/traceColumns';
import { TraceBuilder, type TraceSourceParser } from '../../../src/core/trace/traceParser';
import { ChunkPool, streamSources, type LoaderLink } from '../../../src/webview/timeline/traceLoader';
import type { ToWorker } from '../../../src/webview/timeline/workerProtocol';
import { makeTempDir } from '../../support/tempDir';

/** A body that hands out the bytes in the given piece sizes (cycled), as a byte stream (BYOB) or a plain one. */
function body(bytes: Uint8Array, pieces: readonly number[], byob: boolean, failAfter = Infinity): ReadableStream<Uint8Array> {
  let at = 0;
  let k = 0;
  const pull = (c: ReadableStreamDefaultController<Uint8Array> | ReadableByteStreamController): void => {
    if (at >= failAfter) {
      c.error(new Error('connection reset'));
      return;
    }
    if (at >= bytes.length) {
      c.close();
      // A byte stream closes a pending BYOB read only once it is answered (browsers' fetch bodies do this).
      if ('byobRequest' in c) c.byobRequest?.respond(0);
      return;
    }
    const n = Math.min(pieces.length ? pieces[k++ % pieces.length] : bytes.length, failAfter - at);
    c.enqueue(bytes.slice(at, at + n));
    at += n;
  };
  return byob ? new ReadableStream({ type: 'bytes', pull }) : new ReadableStream<Uint8Array>({ pull });
}

/** The worker's side of the loader, in process: parses each chunk and hands its buffer straight back. */
function fakeWorker(files: readonly string[], pool: ChunkPool) {
  const builder = new TraceBuilder();
  const parsers: TraceSourceParser[] = files.map((f) => builder.addSource(f));
  let consumed = 0;
  const link: LoaderLink = {
    pool,
    post(m: ToWorker) {
      if (m.type === 'chunk') {
        const length = m.length ?? m.bytes.byteLength;
        parsers[m.source].push(new Uint8Array(m.bytes, 0, length));
        consumed += length;
        pool.release(m.bytes);
      } else if (m.type === 'end') parsers[m.source].end();
    },
    consumed: (bytes) => {
      assert.ok(consumed >= bytes, 'the loader waits only for bytes already posted');
      return Promise.resolve();
    },
  };
  return { link, finish: (): TraceColumns => builder.finish(), consumed: () => consumed };
}

function onePass(files: readonly string[], contents: readonly Uint8Array[]): TraceColumns {
  const b = new TraceBuilder();
  files.forEach((f, i) => {
    const p = b.addSource(f);
    p.push(contents[i]);
    p.end();
  });
  return b.finish();
}

const snapshot = (t: TraceColumns) => ({
  count: t.count,
  baseUs: t.baseUs,
  startNs: Array.from(t.startNs),
  durNs: Array.from(t.durNs),
  lane: Array.from(t.lane),
  name: Array.from(t.name),
  flow: Array.from(t.flow),
  source: Array.from(t.source),
  argsOffset: Array.from(t.argsOffset),
  argsLength: Array.from(t.argsLength),
  strings: t.strings,
  flowIds: t.flowIds,
  lanes: t.lanes,
  counters: Array.from(t.counters.value),
  sources: t.sources,
});

describe('trace loader: streaming sources into the worker', () => {
  const realFetch = globalThis.fetch;
  let files: Record<string, Uint8Array>;
  const tmp = makeTempDir('xwf-trace-loader-');

  before(async () => {
    const a = path.join(tmp.dir, 'msprof_slice_0_1.json');
    const b = path.join(tmp.dir, 'msprof_slice_1_1.json');
    await writeSyntheticTrace(a, { seed: 5, devices: 2, decodeSteps: 3, kernelsPerStep: 6 });
    await writeSyntheticTrace(b, { seed: 6, devices: 1, decodeSteps: 2, kernelsPerStep: 5 });
    // A second file with a record that stresses the scanner: escapes, braces and multi-byte text in strings.
    const text = readFileSync(b, 'utf8').trimEnd().replace(/\]$/, '');
    const extra = ',\n{"name": "q\\"uo}te{ 算子 \\u00e9", "ph": "X", "pid": 9, "tid": 9, "ts": "1736408883000001.5", "dur": 3, "args": {"s": "] } [ {"}}\n]\n';
    files = { '/a': new Uint8Array(readFileSync(a)), '/b': new TextEncoder().encode(text + extra) };
  });
  after(() => {
    globalThis.fetch = realFetch;
    tmp.cleanup();
  });

  function serve(pieces: readonly number[], byob: boolean, failAfter?: number): void {
    globalThis.fetch = (async (url: string) => {
      const bytes = files[url];
      if (!bytes) return { ok: false, status: 404, statusText: 'Not Found', body: null };
      return { ok: true, status: 200, statusText: 'OK', body: body(bytes, pieces, byob, failAfter) };
    }) as unknown as typeof fetch;
  }

  const sources = [
    { label: 'msprof_slice_0_1.json', url: '/a', bytes: -1 },
    { label: 'msprof_slice_1_1.json', url: '/b', bytes: -1 },
  ];

  it('gives the columns of one pass whatever the network pieces and chunk size, with either reader (property)', async () => {
    const reference = snapshot(onePass(sources.map((s) => s.label), [files['/a'], files['/b']]));
    assert.ok(reference.count > 100);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 9000 }), { maxLength: 12 }), fc.boolean(), fc.integer({ min: 64, max: 20000 }), async (pieces, byob, chunk) => {
        serve(pieces, byob);
        const w = fakeWorker(
          sources.map((s) => s.label),
          new ChunkPool(chunk),
        );
        const errors = await streamSources(sources, w.link, () => undefined);
        assert.deepEqual(errors, []);
        assert.equal(w.consumed(), files['/a'].length + files['/b'].length);
        assert.deepEqual(snapshot(w.finish()), reference);
      }),
      { numRuns: 60 },
    );
  });

  it('reuses a few chunk buffers for a file hundreds of chunks long', async () => {
    for (const byob of [true, false]) {
      serve([777, 4096, 13], byob);
      const pool = new ChunkPool(256);
      const w = fakeWorker(['msprof_slice_0_1.json'], pool);
      await streamSources([sources[0]], w.link, () => undefined);
      assert.ok(files['/a'].length / 256 > 100);
      assert.ok(pool.allocated <= 2, `${pool.allocated} buffers`);
      assert.equal(w.consumed(), files['/a'].length);
    }
  });

  it('keeps no idle chunk buffer once the load is over, nor one handed back late', async () => {
    serve([777, 4096, 13], true);
    const pool = new ChunkPool(256);
    const w = fakeWorker(['msprof_slice_0_1.json'], pool);
    await streamSources([sources[0]], w.link, () => undefined);
    assert.equal(pool.available, 0);
    pool.release(new ArrayBuffer(256));
    assert.equal(pool.available, 0);
    // The next load keeps reusing buffers again.
    const again = pool.take();
    pool.release(again);
    assert.equal(pool.available, 1);
  });

  it('ends a source that fails mid-way with its error and keeps the bytes read before (copying reader)', async () => {
    serve([1000], false, 5000);
    const w = fakeWorker(['msprof_slice_0_1.json'], new ChunkPool(4096));
    const errors = await streamSources([sources[0]], w.link, () => undefined);
    assert.deepEqual(errors, [{ source: 0, message: 'connection reset' }]);
    assert.equal(w.consumed(), 5000);
    const t = w.finish();
    assert.equal(t.sources[0].complete, false);
    assert.equal(t.sources[0].error?.code, 'truncated');
  });

  it('reports an HTTP error for one source and still loads the next', async () => {
    serve([], true);
    const w = fakeWorker(['missing.json', 'msprof_slice_1_1.json'], new ChunkPool(8192));
    const errors = await streamSources([{ label: 'missing.json', url: '/missing', bytes: -1 }, sources[1]], w.link, () => undefined);
    assert.deepEqual(errors, [{ source: 0, message: 'HTTP 404 Not Found' }]);
    const t = w.finish();
    assert.equal(t.sources[0].error?.code, 'empty');
    assert.equal(t.sources[1].complete, true);
  });

  it('uses the response requested early for the first source', async () => {
    serve([], true);
    let fetched = 0;
    const inner = globalThis.fetch;
    globalThis.fetch = ((url: string) => {
      fetched++;
      return inner(url);
    }) as typeof fetch;
    const w = fakeWorker(['msprof_slice_0_1.json'], new ChunkPool(8192));
    const early = inner('/a');
    await streamSources([sources[0]], { ...w.link, firstResponse: early }, () => undefined);
    assert.equal(fetched, 0);
    assert.equal(w.consumed(), files['/a'].length);
  });
});
