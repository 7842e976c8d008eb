import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isHostToWebview, isTimelineViewState, isTraceIdentity, isWebviewToHost, MAX_ARGS_BYTES, type HostToWebview, type WebviewToHost } from '../../../src/shared/timelineProtocol';
import { isFromWorker, isToWorker } from '../../../src/webview/timeline/workerProtocol';

const init: HostToWebview = {
  type: 'init',
  identity: { files: ['/p/run/PROF_1/mindstudio_profiler_output/msprof_1.json'], runRoot: '/p/run' },
  title: 'run',
  sources: [{ label: 'PROF_1/mindstudio_profiler_output/msprof_1.json', url: 'https://file+.vscode-resource/x.json', bytes: 1234 }],
  locale: 'zh-cn',
  canSave: true,
  boundary: { previous: 'ArgMaxV2', next: '^GraphLaunch' },
};

describe('timeline protocol guards', () => {
  it('accepts every well-formed message in both directions', () => {
    const toPage: HostToWebview[] = [init, { type: 'args', requestId: 3, text: '{"a": 1}' }, { type: 'args', requestId: 4, error: 'gone' }, { type: 'saveResult', requestId: 5, status: 'saved', files: ['analysis.json'] }];
    for (const m of toPage) assert.ok(isHostToWebview(m), JSON.stringify(m));
    const toHost: WebviewToHost[] = [
      { type: 'ready' },
      { type: 'readArgs', requestId: 1, source: 0, offset: 1024, length: 80 },
      { type: 'saveAnalysis', requestId: 2, boundary: { previous: 'a', next: 'b' } },
      { type: 'openSource', source: 1, line: 7 },
      { type: 'loaded', events: 10, slices: 8, ms: 12.5, problems: [] },
    ];
    for (const m of toHost) assert.ok(isWebviewToHost(m), JSON.stringify(m));
  });

  it('rejects messages of the wrong direction, shape or size', () => {
    assert.equal(isWebviewToHost(init), false);
    assert.equal(isHostToWebview({ type: 'ready' }), false);
    assert.equal(isWebviewToHost({ type: 'readArgs', requestId: 1, source: 0, offset: 0, length: MAX_ARGS_BYTES + 1 }), false);
    assert.equal(isWebviewToHost({ type: 'readArgs', requestId: 1, source: -1, offset: 0, length: 10 }), false);
    assert.equal(isWebviewToHost({ type: 'readArgs', requestId: 1, source: 0, offset: 0.5, length: 10 }), false);
    assert.equal(isWebviewToHost({ type: 'openSource', source: 0, line: 0 }), false);
    assert.equal(isHostToWebview({ type: 'args', requestId: 1 }), false);
    assert.equal(isHostToWebview({ type: 'args', requestId: 1, text: 'x', error: 'y' }), false);
    assert.equal(isHostToWebview({ ...init, locale: 'fr' }), false);
    assert.equal(isHostToWebview({ ...init, identity: { files: [] } }), false);
    assert.equal(isHostToWebview({ ...init, sources: [{ label: 'x', url: 'y', bytes: -2 }] }), false);
    assert.equal(isWebviewToHost({ type: 'saveAnalysis', requestId: 1, boundary: { previous: 'x'.repeat(1001), next: 'y' } }), false);
  });

  it('never throws and never accepts arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const a = isHostToWebview(v);
        const b = isWebviewToHost(v);
        if (a || b) assert.equal(typeof (v as { type: unknown }).type, 'string');
      }),
      { numRuns: 500 },
    );
  });

  it('restores only a state holding a trace identity', () => {
    assert.ok(isTimelineViewState({ identity: { files: ['/a/msprof_1.json'] } }));
    assert.ok(isTraceIdentity({ files: ['/a/b.json'], runRoot: '/a' }));
    assert.equal(isTimelineViewState({ identity: { files: [1] } }), false);
    assert.equal(isTimelineViewState({ files: ['/a'] }), false);
    assert.equal(isTimelineViewState(undefined), false);
  });

  it('checks page-worker messages by type', () => {
    assert.ok(isToWorker({ type: 'finish', boundary: { previous: 'a', next: 'b' } }));
    assert.ok(isFromWorker({ type: 'progress', bytes: 1, events: 1 }));
    assert.equal(isToWorker({ type: 'progress' }), false);
    assert.equal(isFromWorker(null), false);
  });
});
