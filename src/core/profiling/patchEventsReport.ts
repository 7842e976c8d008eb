// JSON shape of `xwf patch-events --json` (rendered to schemas/cli-patch-events.schema.json).
import { z } from 'zod';
import type { PatchFileSymbols } from './patchSymbols';
import type { TouchedName } from './patchEventMatch';

const symbolKind = z.enum(['function', 'class', 'aclnn', 'op-registration', 'op-type', 'call']);

export const patchEventsReportSchema = z
  .object({
    patch: z.string().describe('The diff file as given'),
    trace: z.string().describe('The trace file or profiling folder as given'),
    events: z.number().int().nonnegative(),
    distinct_names: z.number().int().nonnegative(),
    files: z.array(
      z.object({
        file: z.string(),
        symbols: z.array(z.object({ name: z.string(), kind: symbolKind, line: z.number().int().nonnegative(), origin: z.enum(['hunk-header', 'added', 'removed']), scope: z.string().optional() })),
      }),
    ),
    touched: z
      .array(
        z.object({
          name: z.string(),
          count: z.number().int().positive(),
          matches: z.array(
            z.object({
              symbol: z.string(),
              symbol_kind: symbolKind,
              file: z.string(),
              line: z.number().int().nonnegative(),
              kind: z.enum(['op-type', 'aclnn-api', 'word', 'case-folded']),
            }),
          ),
        }),
      )
      .describe('Event names touched by the patch, most events first'),
    touched_events: z.number().int().nonnegative(),
  })
  .strict();

export type PatchEventsReport = z.infer<typeof patchEventsReportSchema>;

export function patchEventsReport(o: { patch: string; trace: string; events: number; distinctNames: number; files: readonly PatchFileSymbols[]; touched: readonly TouchedName[] }): PatchEventsReport {
  return {
    patch: o.patch,
    trace: o.trace,
    events: o.events,
    distinct_names: o.distinctNames,
    files: o.files.map((f) => ({ file: f.file, symbols: f.symbols.map((s) => ({ name: s.name, kind: s.kind, line: s.line, origin: s.origin, ...(s.scope ? { scope: s.scope } : {}) })) })),
    touched: o.touched.map((t) => ({
      name: t.name,
      count: t.count,
      matches: t.matches.map((m) => ({ symbol: m.symbol, symbol_kind: m.symbolKind, file: m.file, line: m.line, kind: m.kind })),
    })),
    touched_events: o.touched.reduce((n, t) => n + t.count, 0),
  };
}
