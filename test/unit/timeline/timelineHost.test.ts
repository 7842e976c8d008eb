// Host-side pieces that need no editor: what a timeline opens, args reads, the CSP of the page, saving.
import * as assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { writeSyntheticProfTree } from '../../../src/core/trace/syntheticTrace';
import { outputsOf, runMetaOf, saveAnalysis } from '../../../src/extension/timeline/analysisSave';
import { findRunRoot, readArgsText, resolveTraceIdentity, sameIdentity, timelineTitle, TraceTargetError, traceLabel, TRACE_FILE_NAME, withSiblingSlices } from '../../../src/extension/timeline/traceTargets';
import { renderWebviewHtml } from '../../../src/extension/webview/webviewHtml';
import { makeTempDir, writeTree } from '../../support/tempDir';

describe('timeline host: trace targets', () => {
  const tmp = makeTempDir('xwf-timeline-host-');
  let runRoot: string;
  let traceFile: string;

  before(async () => {
    runRoot = path.join(tmp.dir, 'profiling', 'decode-run');
    writeTree(runRoot, { 'manifest.md': '## Identity\n\n- run_id: decode-run-7\n\n## Code\n\n- framework: xllm\n\n## Workload\n\n- dataset: random\n' });
    ({ traceFile } = await writeSyntheticProfTree(runRoot, { seed: 11, devices: 2, decodeSteps: 12, stamp: '20261101103000' }));
    writeTree(tmp.dir, {
      'sliced/msprof_slice_10_20260523.json': '[]',
      'sliced/msprof_slice_2_20260523.json': '[]',
      'sliced/msprof_slice_0_20260523.json': '[]',
      'sliced/msprof_slice_0_20260524.json': '[]',
      'torch/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json': '[]',
      'torch/rank0_ascend_pt/profiler_info_0.json': '{}',
      'empty/notes.txt': 'x',
    });
  });
  after(() => tmp.cleanup());

  it('recognises the trace files the custom editor opens', () => {
    for (const n of ['msprof_20260523203844.json', 'msprof_slice_0_20260523203844.json', 'trace_view.json', 'msprof_0_1_2.json']) assert.ok(TRACE_FILE_NAME.test(n), n);
    for (const n of ['msprof.json.tmp', 'op_summary_1.csv', 'analysis.json']) assert.equal(TRACE_FILE_NAME.test(n), false, n);
  });

  it('opens a profiling run root with its trace files and remembers the run root', async () => {
    const id = await resolveTraceIdentity(runRoot);
    assert.deepEqual(id, { files: [traceFile], runRoot });
    assert.equal(traceLabel(traceFile, id), path.relative(runRoot, traceFile).split(path.sep).join('/'));
    assert.equal(timelineTitle(id), 'decode-run');
    const fromFolder = await resolveTraceIdentity(path.dirname(traceFile));
    assert.deepEqual(fromFolder, { files: [traceFile], runRoot });
    const fromFile = await resolveTraceIdentity(traceFile);
    assert.deepEqual(fromFile, { files: [traceFile], runRoot });
    assert.ok(sameIdentity(id, { files: [path.join(path.dirname(traceFile), '.', path.basename(traceFile))] }));
  });

  it('loads every slice of a sliced export, in slice order, and torch_npu folders', async () => {
    const dir = path.join(tmp.dir, 'sliced');
    const files = await withSiblingSlices(path.join(dir, 'msprof_slice_2_20260523.json'));
    assert.deepEqual(files.map((f) => path.basename(f)), ['msprof_slice_0_20260523.json', 'msprof_slice_2_20260523.json', 'msprof_slice_10_20260523.json']);
    const torch = await resolveTraceIdentity(path.join(tmp.dir, 'torch'));
    assert.deepEqual(torch.files.map((f) => path.basename(f)), ['trace_view.json']);
    assert.equal(torch.runRoot, undefined);
    assert.equal(await findRunRoot(path.join(tmp.dir, 'sliced', 'x.json')), undefined);
  });

  it('explains where there is nothing to open', async () => {
    await assert.rejects(resolveTraceIdentity(path.join(tmp.dir, 'empty')), (e: Error) => e instanceof TraceTargetError && /no trace file/.test(e.message));
    await assert.rejects(resolveTraceIdentity(path.join(tmp.dir, 'missing')), (e: Error) => e instanceof TraceTargetError && /no such file/.test(e.message));
  });

  it('reads args by byte range and refuses reads past the end or over the limit', async () => {
    const text = readFileSync(traceFile, 'utf8');
    const at = text.indexOf('{"Model Id"');
    const end = text.indexOf('}', at) + 1;
    const offset = Buffer.byteLength(text.slice(0, at));
    const args = await readArgsText(traceFile, offset, Buffer.byteLength(text.slice(at, end)), 1 << 20);
    assert.deepEqual(JSON.parse(args)['Model Id'], '4294967295');
    const size = statSync(traceFile).size;
    await assert.rejects(readArgsText(traceFile, size - 2, 10, 1 << 20), /past the end/);
    await assert.rejects(readArgsText(traceFile, 0, 2 << 20, 1 << 20), /limit/);
  });

  it('saves the analysis artifacts into the run root and asks before replacing them', async () => {
    assert.deepEqual(await runMetaOf(runRoot), { run_id: 'decode-run-7', framework: 'xllm', workload: 'random' });
    const outputs = await outputsOf({ files: [traceFile] });
    assert.equal(outputs.length, 1);
    assert.ok(outputs[0].tables.op_statistic?.length);
    const id = { files: [traceFile], runRoot };
    const asked: string[][] = [];
    const first = await saveAnalysis(id, { previous: 'ArgMaxV2', next: '^GraphLaunch' }, async (f) => (asked.push(f), false));
    assert.equal(first.status, 'saved');
    assert.equal(asked.length, 0);
    const analysis = JSON.parse(readFileSync(path.join(runRoot, 'analysis.json'), 'utf8'));
    assert.equal(analysis.run_id, 'decode-run-7');
    assert.equal(analysis.status, 'OK');
    assert.equal(analysis.gap_summary.pair_count, 22);
    writeFileSync(path.join(runRoot, 'five_tables.md'), 'hand-written notes\n');
    const declined = await saveAnalysis(id, { previous: 'ArgMaxV2', next: '^GraphLaunch' }, async (f) => (asked.push(f), false));
    assert.equal(declined.status, 'cancelled');
    assert.ok(asked[0].includes('analysis.json') && asked[0].includes('five_tables.md'));
    assert.equal(readFileSync(path.join(runRoot, 'five_tables.md'), 'utf8'), 'hand-written notes\n');
    const replaced = await saveAnalysis(id, { previous: 'ArgMaxV2', next: '^GraphLaunch' }, async () => true);
    assert.equal(replaced.status, 'saved');
    assert.notEqual(readFileSync(path.join(runRoot, 'five_tables.md'), 'utf8'), 'hand-written notes\n');
    const bad = await saveAnalysis(id, { previous: '(', next: 'x' }, async () => true);
    assert.equal(bad.status, 'failed');
    assert.equal((await saveAnalysis({ files: [traceFile] }, { previous: 'a', next: 'b' }, async () => true)).status, 'failed');
  });
});

describe('timeline host: page CSP', () => {
  it('allows scripts by nonce only, workers from blob: and fetches from the webview origin', () => {
    const webview = { cspSource: 'https://res.example', asWebviewUri: (u: { path: string }) => `https://res.example${u.path}` } as unknown as vscode.Webview;
    const html = renderWebviewHtml(webview, {
      title: 't<x>',
      script: { path: '/dist/webview/timeline.js' } as unknown as vscode.Uri,
      styles: [{ path: '/dist/webview/timeline.css' } as unknown as vscode.Uri],
      allowFetch: true,
      allowWorkers: true,
      lang: 'en',
    });
    const csp = /content="([^"]+)"/.exec(html)![1];
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
    assert.equal(directives.get('default-src'), "'none'");
    assert.equal(directives.get('script-src'), `'nonce-${nonce}'`);
    assert.equal(directives.get('worker-src'), 'blob:');
    assert.equal(directives.get('connect-src'), 'https://res.example');
    assert.equal(directives.get('style-src'), `https://res.example 'nonce-${nonce}'`);
    assert.equal(directives.get('img-src'), 'https://res.example data:');
    assert.ok(html.includes(`<script nonce="${nonce}" src="https://res.example/dist/webview/timeline.js">`));
    assert.ok(html.includes('<title>t&lt;x&gt;</title>'));
    assert.ok(nonce.length >= 16);
  });
});
