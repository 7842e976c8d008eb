// How a trace page's bundle starts: the same script is the page and (from a blob: URL of itself) its parser
// workers, where there is no document.
import { runTimelineWorker, type WorkerScope } from './timelineWorker';

/** Runs the parser worker in a worker scope, else starts the page once the document is there. */
export function bootTracePage(startPage: (mount: HTMLElement, scriptUrl: string) => void): void {
  if (typeof document === 'undefined') {
    runTimelineWorker(self as unknown as WorkerScope);
    return;
  }
  // currentScript is only set while this script first runs: keep its URL for the workers.
  const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src ?? '';
  const start = (): void => startPage(document.getElementById('app') ?? document.body, scriptUrl);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

/** A parser worker from the page's own bundle. */
export async function createParserWorker(scriptUrl: string, name: string): Promise<Worker> {
  // A worker loaded from a webview resource URL can stall; a blob: URL of the same bundle starts at once.
  const res = await fetch(scriptUrl);
  if (!res.ok) throw new Error(`cannot read the page script (HTTP ${res.status})`);
  const url = URL.createObjectURL(new Blob([await res.text()], { type: 'text/javascript' }));
  return new Worker(url, { name });
}

/** Bytes for progress lines: B, KiB, MiB, GiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1 << 20) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1 << 30) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  return `${(n / (1 << 30)).toFixed(2)} GiB`;
}
