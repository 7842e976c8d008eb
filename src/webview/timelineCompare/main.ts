// Entry of the timeline comparison bundle: the page, or (loaded from a blob: URL of itself) the parser worker
// of each trace.
import '../timeline/timeline.css';
import './timelineCompare.css';
import { bootTracePage } from '../timeline/pageBoot';
import { CompareTimelinesPage } from './comparePage';

bootTracePage((mount, scriptUrl) => new CompareTimelinesPage(mount, scriptUrl));
