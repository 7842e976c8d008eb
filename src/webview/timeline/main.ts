// Entry of the timeline bundle: the page, or (loaded from a blob: URL of itself) the parser worker.
import './timeline.css';
import { bootTracePage } from './pageBoot';
import { TimelinePage } from './timelinePage';

bootTracePage((mount, scriptUrl) => new TimelinePage(mount, scriptUrl));
