// The page's side of the host protocol: typed sends, guarded receives, request/response by id, and the
// persisted state (the trace identity only).
import { isHostToWebview, type ArgsMessage, type CursorMessage, type HostToWebview, type InitMessage, type OpenSymbolResultMessage, type PatchMessage, type SaveResultMessage, type SymbolHint, type TraceIdentity, type WebviewToHost } from '../../shared/timelineProtocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

type Pending = { resolve: (m: ArgsMessage | SaveResultMessage | OpenSymbolResultMessage) => void };

export class HostBridge {
  private readonly api: VsCodeApi;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private initHandler: ((m: InitMessage) => void) | null = null;
  /** The latest patch and cursor messages, kept until the page listens (they may arrive while the trace loads). */
  private patchHandler: ((m: PatchMessage | CursorMessage) => void) | null = null;
  private lastPatch: PatchMessage | null = null;
  private lastCursor: CursorMessage | null = null;

  constructor() {
    this.api = acquireVsCodeApi();
    window.addEventListener('message', (e: MessageEvent) => this.receive(e.data));
  }

  /** Starts the handshake: the host answers `ready` with `init` (again after every reload). */
  start(onInit: (m: InitMessage) => void): void {
    this.initHandler = onInit;
    this.send({ type: 'ready' });
  }

  /** Receives the current patch and cursor symbol (the latest of each at once, then every change). */
  onPatch(handler: (m: PatchMessage | CursorMessage) => void): void {
    this.patchHandler = handler;
    if (this.lastPatch) handler(this.lastPatch);
    if (this.lastCursor) handler(this.lastCursor);
  }

  openSymbol(name: string, hints: readonly SymbolHint[]): Promise<OpenSymbolResultMessage> {
    const requestId = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(requestId, { resolve: resolve as Pending['resolve'] });
      this.send({ type: 'openSymbol', requestId, name, hints });
    });
  }

  send(m: WebviewToHost): void {
    this.api.postMessage(m);
  }

  saveIdentity(identity: TraceIdentity): void {
    this.api.setState({ identity });
  }

  readArgs(source: number, offset: number, length: number): Promise<ArgsMessage> {
    const requestId = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(requestId, { resolve: resolve as Pending['resolve'] });
      this.send({ type: 'readArgs', requestId, source, offset, length });
    });
  }

  saveAnalysis(previous: string, next: string): Promise<SaveResultMessage> {
    const requestId = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(requestId, { resolve: resolve as Pending['resolve'] });
      this.send({ type: 'saveAnalysis', requestId, boundary: { previous, next } });
    });
  }

  private receive(data: unknown): void {
    if (!isHostToWebview(data)) return; // anything else (other extensions' frames, malformed data) is ignored
    const m: HostToWebview = data;
    if (m.type === 'init') {
      this.initHandler?.(m);
      return;
    }
    if (m.type === 'patch' || m.type === 'cursor') {
      if (m.type === 'patch') this.lastPatch = m;
      else this.lastCursor = m;
      this.patchHandler?.(m);
      return;
    }
    const p = this.pending.get(m.requestId);
    if (!p) return;
    this.pending.delete(m.requestId);
    p.resolve(m);
  }
}
