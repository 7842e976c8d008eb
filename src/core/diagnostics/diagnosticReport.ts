// The JSON rows `xwf validate --json` prints (1-based lines and columns, like compilers), shared with its schema file.
import { z } from 'zod';
import type { Diagnostic } from './diagnostic';

export const diagnosticRowSchema = z.object({
  file: z.string().describe('Path of the checked file, relative to the working directory when inside it.'),
  line: z.number().int().min(1),
  column: z.number().int().min(1).describe('1-based, in UTF-16 code units.'),
  endLine: z.number().int().min(1),
  endColumn: z.number().int().min(1),
  severity: z.enum(['error', 'warning', 'information', 'hint']),
  code: z.string().regex(/^XWF\d{3}$/).describe('Stable code; explained in docs/diagnostics.md.'),
  message: z.string(),
});
export type DiagnosticRow = z.infer<typeof diagnosticRowSchema>;

export const validateReportSchema = z.array(diagnosticRowSchema).describe('Findings of xwf validate, in file then document order.');

export function toDiagnosticRows(file: string, diagnostics: readonly Diagnostic[]): DiagnosticRow[] {
  return diagnostics.map((d) => ({
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
  }));
}
