// Entry of the timeline bundle. The same file runs twice: as the page script, and (loaded from a blob:
// URL of itself) as the parser worker, where there is no document.
import './timeline.css';
import { runTimelineWorker, type WorkerScope } from './timelineWorker';
import { TimelinePage } from './timelinePage';

if (typeof document === 'undefined') {
  runTimelineWorker(self as unknown as WorkerScope);
} else {
  // currentScript is only set while this script first runs: keep its URL for the worker.
  const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src ?? '';
  const start = (): void => {
    const mount = document.getElementById('app') ?? document.body;
    new TimelinePage(mount, scriptUrl);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
