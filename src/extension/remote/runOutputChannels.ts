// One output channel per remote run, named for the run, reused when the run is reattached or fetched again.
import * as vscode from 'vscode';
import type { RunSink } from './remoteRunSession';

export class RunOutputChannels implements vscode.Disposable {
  private readonly channels = new Map<string, vscode.OutputChannel>();

  channel(runId: string): vscode.OutputChannel {
    let c = this.channels.get(runId);
    if (!c) {
      c = vscode.window.createOutputChannel(vscode.l10n.t('xLLM Remote: {0}', runId || '?'));
      this.channels.set(runId, c);
    }
    return c;
  }

  /** A sink writing into the run's channel, shown once (without taking the focus). */
  sink(runId: string, show = true): RunSink & { readonly channel: vscode.OutputChannel } {
    const channel = this.channel(runId);
    if (show) channel.show(true);
    return { channel, line: (text) => channel.appendLine(text) };
  }

  dispose(): void {
    for (const c of this.channels.values()) c.dispose();
    this.channels.clear();
  }
}
