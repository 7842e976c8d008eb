// What the Remote Hosts view knows about each host: the last reachability probe (this session) and the last gate
// verdict (kept in workspace state, from a gate check or a run's gate phase).
import * as vscode from 'vscode';
import type { Reachability } from './hostReachability';

export interface LastGate {
  readonly verdict: string;
  readonly reasons: readonly string[];
  readonly at: string;
  /** The run whose gate phase produced it, or null for a gate check. */
  readonly runId: string | null;
}

const GATE_KEY = 'xllm.remote.lastGate';

export class HostStatusStore implements vscode.Disposable {
  private readonly reach = new Map<string, Reachability | 'checking'>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly memento: vscode.Memento) {}

  reachability(host: string): Reachability | 'checking' | undefined {
    return this.reach.get(host);
  }

  setReachability(host: string, value: Reachability | 'checking'): void {
    this.reach.set(host, value);
    this.emitter.fire();
  }

  lastGate(host: string): LastGate | undefined {
    return this.memento.get<Record<string, LastGate>>(GATE_KEY, {})[host];
  }

  async setLastGate(host: string, gate: LastGate): Promise<void> {
    const all = { ...this.memento.get<Record<string, LastGate>>(GATE_KEY, {}), [host]: gate };
    await this.memento.update(GATE_KEY, all);
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
