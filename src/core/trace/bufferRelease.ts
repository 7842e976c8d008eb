// Gives a dead ArrayBuffer's memory back now instead of at the next garbage collection: a worker that
// goes idle after a load may not collect for a long time, and tens of MB of dead buffers then stay.
// Detaching (ArrayBuffer.prototype.transfer(0), Chromium 114+) frees the backing store at once.

type Transferable0 = ArrayBufferLike & { transfer?: (length?: number) => ArrayBuffer };

/** Frees the buffer behind each view or buffer (no-op where the runtime cannot detach, or for shared memory). */
export function releaseBuffers(...items: (ArrayBufferView | ArrayBufferLike | null | undefined)[]): void {
  for (const it of items) {
    if (!it) continue;
    const b = (ArrayBuffer.isView(it) ? it.buffer : it) as Transferable0;
    if (!(b instanceof ArrayBuffer) || b.byteLength === 0 || typeof b.transfer !== 'function') continue;
    try {
      b.transfer(0);
    } catch {
      /* not detachable (e.g. a Wasm memory): left to the collector */
    }
  }
}
