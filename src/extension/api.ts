// What activate() returns: a small, stable surface for tests and other extensions.
import type { RunRoot } from '../core/runs/runRoot';
import type { ServerState } from './languageClient';
import type { RemoteApi } from './remote/remoteFace';

export interface XllmApi extends RemoteApi {
  readonly version: string;
  whenRunsLoaded(): Promise<void>;
  runs(): readonly RunRoot[];
  whenServerReady(): Promise<void>;
  serverState(): ServerState;
}
