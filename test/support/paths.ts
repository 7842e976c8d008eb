// Locations tests share; test bundles live in out/test/, so the repository is two levels up.
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Real captures and tool outputs kept beside the repository (read by tests, never by the product). */
export const SHARED_FIXTURES = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures');
