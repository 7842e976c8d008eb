// The comparison page's side of the host protocol: typed sends, guarded receives, request/response by id,
// and the persisted state (the two trace identities only).
import {
  isHostToCompareTimelines,
  type CompareArgsMessage,
  type CompareInitMessage,
  type CompareSide,
  type CompareTablesMessage,
  type CompareTimelinesToHost,
  type CompareTimelinesViewState,
  type HostToCompareTimelines,
} from '../../shared/timelineCompareProtocol';
import type { GapBoundary } from '../../shared/timelineProtocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

type Reply = CompareArgsMessage | CompareTablesMessage;

export class CompareBridge {
  private readonly api: VsCodeApi;
  private readonly pending = new Map<number, (m: Reply) => void>();
  private nextId = 1;
  private initHandler: ((m: CompareInitMessage) => void) | null = null;

  constructor() {
    this.api = acquireVsCodeApi();
    window.addEventListener('message', (e: MessageEvent) => this.receive(e.data));
  }

  /** Starts the handshake: the host answers `ready` with `init` (again after every reload). */
  start(onInit: (m: CompareInitMessage) => void): void {
    this.initHandler = onInit;
    this.send({ type: 'ready' });
  }

  send(m: CompareTimelinesToHost): void {
    this.api.postMessage(m);
  }

  saveState(state: CompareTimelinesViewState): void {
    this.api.setState({ baseline: state.baseline, current: state.current });
  }

  readArgs(side: CompareSide, source: number, offset: number, length: number): Promise<CompareArgsMessage> {
    return this.request((requestId) => ({ type: 'readArgs', requestId, side, source, offset, length })) as Promise<CompareArgsMessage>;
  }

  compare(boundary: GapBoundary): Promise<CompareTablesMessage> {
    return this.request((requestId) => ({ type: 'compare', requestId, boundary })) as Promise<CompareTablesMessage>;
  }

  private request(make: (requestId: number) => CompareTimelinesToHost): Promise<Reply> {
    const requestId = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(requestId, resolve);
      this.send(make(requestId));
    });
  }

  private receive(data: unknown): void {
    if (!isHostToCompareTimelines(data)) return; // anything else (other frames, malformed data) is ignored
    const m: HostToCompareTimelines = data;
    if (m.type === 'init') {
      this.initHandler?.(m);
      return;
    }
    const resolve = this.pending.get(m.requestId);
    if (!resolve) return;
    this.pending.delete(m.requestId);
    resolve(m);
  }
}
