// Node reader of a capture's outputs: the trace loads once, each CSV kind only when an analysis asks for it
// (op_summary is large and not needed when op_statistic exists).
import { createReadStream } from 'node:fs';
import { loadTraceFiles } from '../trace/traceFiles';
import type { TraceColumns } from '../trace/traceColumns';
import type { ProfilingOutput } from './profilingOutputs';
import { problem } from './profilingMessages';
import { TableReader, type TableKind, type TableResult } from './profilingTables';

/** What the report needs from a capture; implemented over files here and over blobs in a worker. */
export interface ProfilingSource {
  readonly outputs: readonly ProfilingOutput[];
  trace(): Promise<TraceColumns | null>;
  table<K extends TableKind>(kind: K): Promise<TableResult<K>[]>;
  /** Whether at least one file of that kind exists (without reading it). */
  has(kind: TableKind): boolean;
}

async function readTableFile<K extends TableKind>(kind: K, file: string, device: number | null): Promise<TableResult<K>> {
  const reader = new TableReader(kind, file, device);
  try {
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) reader.push(chunk as string);
  } catch (e) {
    const r = reader.end();
    return { ...r, problems: [...r.problems, problem('csvUnreadable', file, (e as Error).message)] };
  }
  return reader.end();
}

export class FileProfilingSource implements ProfilingSource {
  private tracePromise: Promise<TraceColumns | null> | undefined;
  private readonly tables = new Map<TableKind, Promise<TableResult<TableKind>[]>>();

  constructor(readonly outputs: readonly ProfilingOutput[]) {}

  get traceFiles(): string[] {
    return this.outputs.flatMap((o) => o.traceFiles);
  }

  trace(): Promise<TraceColumns | null> {
    const files = this.traceFiles;
    this.tracePromise ??= files.length ? loadTraceFiles(files) : Promise.resolve(null);
    return this.tracePromise;
  }

  has(kind: TableKind): boolean {
    return this.outputs.some((o) => (o.tables[kind]?.length ?? 0) > 0);
  }

  table<K extends TableKind>(kind: K): Promise<TableResult<K>[]> {
    let p = this.tables.get(kind);
    if (!p) {
      p = (async () => {
        const out: TableResult<K>[] = [];
        for (const o of this.outputs) for (const f of o.tables[kind] ?? []) out.push(await readTableFile(kind, f, o.rank));
        return out;
      })();
      this.tables.set(kind, p);
    }
    return p as Promise<TableResult<K>[]>;
  }
}
