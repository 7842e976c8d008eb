import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isCursorSymbol, isHostToWebview, isPatchSymbol, isWebviewToHost, MAX_PATCH_SYMBOLS, type HostToWebview, type WebviewToHost } from '../../../src/shared/timelineProtocol';
import { cursorHighlight, nameTotals, patchHighlight, slicesOfName } from '../../../src/webview/timeline/patchHighlights';
import type { PatchSymbol } from '../../../src/core/profiling/patchSymbols';

const symbol: PatchSymbol = { name: 'aclnnMuls', kind: 'function', file: 'ops/npu_ops.js', line: 2, origin: 'hunk-header' };

describe('timeline protocol: the patch beside the timeline', () => {
  it('accepts the patch, cursor and open-symbol messages', () => {
    const toPage: HostToWebview[] = [
      { type: 'patch', state: 'ready', repo: 'xllm', base: 'main @ 1a2b3c4d', files: 2, symbols: [symbol, { name: 'ArgMaxV2', kind: 'op-type', file: 'a.cpp', line: 0, origin: 'added', scope: 'X' }] },
      { type: 'patch', state: 'none', files: 0, symbols: [] },
      { type: 'patch', state: 'error', files: 0, symbols: [], message: 'git diff failed' },
      { type: 'cursor', symbol: { name: 'forward', kind: 'function', file: 'models/qwen3.py', line: 52, scope: 'Qwen3Attention' } },
      { type: 'cursor', symbol: null },
      { type: 'openSymbolResult', requestId: 4, status: 'opened', target: 'ops/npu_ops.js:2' },
      { type: 'openSymbolResult', requestId: 5, status: 'none', message: 'aclnnMuls' },
    ];
    for (const m of toPage) assert.ok(isHostToWebview(m), JSON.stringify(m));
    const toHost: WebviewToHost[] = [
      { type: 'openSymbol', requestId: 1, name: 'aclnnMuls_MulAiCore_Mul', hints: [{ symbol: 'aclnnMuls', file: 'ops/npu_ops.js', line: 2 }] },
      { type: 'openSymbol', requestId: 2, name: 'GraphLaunch', hints: [] },
    ];
    for (const m of toHost) assert.ok(isWebviewToHost(m), JSON.stringify(m));
  });

  it('rejects malformed, oversized and wrong-direction patch messages', () => {
    const ok = { type: 'patch', state: 'ready', files: 1, symbols: [symbol] };
    assert.equal(isWebviewToHost(ok), false);
    assert.equal(isHostToWebview({ ...ok, state: 'dirty' }), false);
    assert.equal(isHostToWebview({ ...ok, files: -1 }), false);
    assert.equal(isHostToWebview({ ...ok, symbols: [{ ...symbol, kind: 'variable' }] }), false);
    assert.equal(isHostToWebview({ ...ok, symbols: [{ ...symbol, origin: 'context' }] }), false);
    assert.equal(isHostToWebview({ ...ok, symbols: [{ ...symbol, name: '' }] }), false);
    assert.equal(isHostToWebview({ ...ok, symbols: [{ ...symbol, name: 'x'.repeat(5000) }] }), false);
    assert.equal(isHostToWebview({ ...ok, symbols: new Array(MAX_PATCH_SYMBOLS + 1).fill(symbol) }), false);
    assert.equal(isHostToWebview({ type: 'cursor' }), false);
    assert.equal(isHostToWebview({ type: 'cursor', symbol: { name: 'f', kind: 'op-type', file: 'a', line: 1 } }), false);
    assert.equal(isHostToWebview({ type: 'cursor', symbol: { name: 'f', kind: 'function', file: 'a', line: 0 } }), false);
    assert.equal(isHostToWebview({ type: 'openSymbolResult', requestId: 1, status: 'maybe' }), false);
    assert.equal(isWebviewToHost({ type: 'openSymbol', requestId: 1, name: '', hints: [] }), false);
    assert.equal(isWebviewToHost({ type: 'openSymbol', requestId: 1, name: 'x' }), false);
    assert.equal(isWebviewToHost({ type: 'openSymbol', requestId: 1, name: 'x', hints: [{ symbol: 'x', file: 'a', line: -1 }] }), false);
    assert.equal(isWebviewToHost({ type: 'openSymbol', requestId: 1, name: 'x', hints: new Array(65).fill({ symbol: 'x', file: 'a', line: 1 }) }), false);
    assert.equal(isHostToWebview({ type: 'openSymbol', requestId: 1, name: 'x', hints: [] }), false);
    assert.ok(isPatchSymbol(symbol));
    assert.equal(isCursorSymbol({ name: 'f', kind: 'class', file: 'a.py', line: 3, scope: '' }), false);
  });

  it('guards never throw on arbitrary patch-shaped values', () => {
    fc.assert(
      fc.property(fc.record({ type: fc.constantFrom('patch', 'cursor', 'openSymbol', 'openSymbolResult'), state: fc.anything(), symbols: fc.anything(), symbol: fc.anything(), hints: fc.anything(), name: fc.anything(), requestId: fc.anything(), files: fc.anything() }, { requiredKeys: ['type'] }), (v) => {
        isHostToWebview(v);
        isWebviewToHost(v);
      }),
      { numRuns: 500 },
    );
  });
});

describe('patch and cursor highlights of the drawn slices', () => {
  // names: 0 '' | 1 aclnnMuls | 2 AscendCL@aclnnMuls | 3 aclnnMuls_MulAiCore_Mul | 4 aclnnInplaceMuls_MulAiCore_Mul | 5 qwen3.py(52): forward | 6 other.py(3): forward | 7 counter only
  const names = ['', 'aclnnMuls', 'AscendCL@aclnnMuls', 'aclnnMuls_MulAiCore_Mul', 'aclnnInplaceMuls_MulAiCore_Mul', 'qwen3.py(52): forward', 'other.py(3): forward', 'aclnnMuls'];
  const sliceNames = [1, 3, 2, 3, 4, 5, 6, 3, 1];
  const starts = [50, 10, 20, 5, 7, 1, 2, 30, 40];
  const model = {
    names,
    slices: {
      name: Uint32Array.from(sliceNames),
      start: Float64Array.from(starts),
      dur: Float64Array.from(sliceNames.map((n) => n * 100)),
      row: new Uint32Array(sliceNames.length),
      track: new Uint32Array(sliceNames.length),
    },
  };
  const totals = nameTotals(model);

  it('counts slices and time per name, once', () => {
    assert.deepEqual([...totals.count], [0, 2, 1, 3, 1, 1, 1, 0]);
    assert.deepEqual([...totals.totalNs], [0, 200, 200, 900, 400, 500, 600, 0]);
  });

  it('flags the names the patch touches, heaviest first, with their matches', () => {
    const h = patchHighlight(model, totals, [symbol]);
    assert.deepEqual(
      h.rows.map((r) => [r.name, r.count, r.totalNs]),
      [
        ['aclnnMuls_MulAiCore_Mul', 3, 900],
        ['aclnnMuls', 2, 200],
        ['AscendCL@aclnnMuls', 1, 200],
      ],
    );
    assert.equal(h.slices, 6);
    assert.deepEqual([...h.flags], [0, 1, 1, 1, 0, 0, 0, 0]);
    assert.equal(h.rows[0].matches[0].symbol, 'aclnnMuls');
    assert.equal(patchHighlight(model, totals, []).rows.length, 0);
  });

  it('highlights the cursor function by the same rules: a bare forward only with its file in the name', () => {
    const h = cursorHighlight(model, totals, { name: 'forward', kind: 'function', file: 'models/qwen3.py', line: 52 });
    assert.deepEqual(
      h.rows.map((r) => r.name),
      ['qwen3.py(52): forward'],
    );
    assert.equal(h.slices, 1);
  });

  it('lists the slices of a name in start order', () => {
    assert.deepEqual([...slicesOfName(model, 3)], [3, 1, 7]);
    assert.deepEqual([...slicesOfName(model, 7)], []);
  });
});
