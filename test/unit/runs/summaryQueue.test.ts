import * as assert from 'node:assert/strict';
import { SummaryQueue } from '../../../src/core/runs/summaryQueue';

interface Item {
  readonly id: number;
}

/** A queue whose work is finished by hand, recording the order items started in and the most in flight. */
function harness(limit: number) {
  const started: number[] = [];
  const pending = new Map<number, { resolve: (v: string) => void; reject: (e: Error) => void }>();
  let maxActive = 0;
  const results: number[] = [];
  const queue = new SummaryQueue<Item, string>(
    (item) =>
      new Promise<string>((resolve, reject) => {
        started.push(item.id);
        pending.set(item.id, { resolve, reject });
        maxActive = Math.max(maxActive, pending.size);
      }),
    (item) => results.push(item.id),
    limit,
  );
  const settle = async (id: number, fail = false) => {
    const p = pending.get(id)!;
    pending.delete(id);
    if (fail) p.reject(new Error('unreadable'));
    else p.resolve(`summary ${id}`);
    await new Promise((r) => setImmediate(r));
  };
  return { queue, started, pending, results, settle, maxActive: () => maxActive };
}

describe('summary queue', () => {
  const items = Array.from({ length: 10 }, (_, id) => ({ id }));

  it('never runs more than its limit at once and works on every item once', async () => {
    const h = harness(3);
    h.queue.setAll(items);
    assert.deepEqual(h.started, [0, 1, 2]);
    while (h.pending.size) await h.settle([...h.pending.keys()][0]);
    assert.deepEqual(h.started, items.map((i) => i.id));
    assert.equal(h.maxActive(), 3);
    assert.equal(h.queue.result(items[4]), 'summary 4');
    h.queue.setAll(items);
    assert.equal(h.started.length, 10, 'finished items are not worked on again');
  });

  it('serves visible items first, in the order they are shown, then the rest', async () => {
    const h = harness(2);
    h.queue.setAll(items);
    h.queue.showVisible([items[7], items[8]]);
    h.queue.showVisible([items[5]]);
    assert.deepEqual(h.started, [0, 1]);
    await h.settle(0);
    await h.settle(1);
    await h.settle(7);
    assert.deepEqual(h.started, [0, 1, 7, 8, 5]);
    while (h.pending.size) await h.settle([...h.pending.keys()][0]);
    assert.deepEqual([...h.started].sort((a, b) => a - b), items.map((i) => i.id));
    assert.equal(h.queue.running, 0);
  });

  it('leaves a failed item without a result and tries it again when asked again', async () => {
    const h = harness(1);
    h.queue.setAll([items[0]]);
    await h.settle(0, true);
    assert.equal(h.queue.result(items[0]), undefined);
    assert.deepEqual(h.results, []);
    h.queue.setAll([items[0]]);
    assert.deepEqual(h.started, [0, 0]);
    await h.settle(0);
    assert.equal(h.queue.result(items[0]), 'summary 0');
  });
});
