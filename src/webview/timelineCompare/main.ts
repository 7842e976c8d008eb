// Entry of the timeline comparison bundle. The same file runs three times: as the page script, and (loaded
// from a blob: URL of itself) as the parser worker of each trace, where there is no document.
import '../timeline/timeline.css';
import './timelineCompare.css';
import { runTimelineWorker, type WorkerScope } from '../timeline/timelineWorker';
import { CompareTimelinesPage } from './comparePage';

if (typeof document === 'undefined') {
  runTimelineWorker(self as unknown as WorkerScope);
} else {
  // currentScript is only set while this script first runs: keep its URL for the workers.
  const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src ?? '';
  const start = (): void => {
    const mount = document.getElementById('app') ?? document.body;
    new CompareTimelinesPage(mount, scriptUrl);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
