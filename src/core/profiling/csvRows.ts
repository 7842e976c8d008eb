// Streaming RFC 4180 CSV reader: text arrives in chunks (files can be large), rows come out as string arrays.

export type CsvRowHandler = (fields: string[], line: number) => void;

export class CsvRowReader {
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  /** A quote was the last char of a chunk inside a quoted field: closing or the first of `""`. */
  private quotePending = false;
  private lastWasCr = false;
  private line = 1;
  private rowLine = 1;
  private started = false;

  constructor(private readonly onRow: CsvRowHandler) {}

  push(text: string): void {
    let i = 0;
    const n = text.length;
    if (this.quotePending) {
      this.quotePending = false;
      if (n > 0 && text.charCodeAt(0) === 0x22) {
        this.field += '"';
        i = 1;
      } else this.inQuotes = false;
    }
    let segStart = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.inQuotes) {
        this.lastWasCr = false;
        if (c === 0x22) {
          this.field += text.slice(segStart, i);
          if (i + 1 === n) {
            this.quotePending = true;
            return;
          }
          if (text.charCodeAt(i + 1) === 0x22) {
            this.field += '"';
            i += 2;
          } else {
            this.inQuotes = false;
            i++;
          }
          segStart = i;
          continue;
        }
        if (c === 0x0a) this.line++;
        i++;
        continue;
      }
      if (c === 0x2c) {
        this.field += text.slice(segStart, i);
        this.fields.push(this.field);
        this.field = '';
        this.started = true;
        segStart = ++i;
        continue;
      }
      if (c === 0x0a && this.lastWasCr) {
        // Second half of CRLF: the row already ended at the CR.
        this.lastWasCr = false;
        segStart = ++i;
        continue;
      }
      if (c === 0x0a || c === 0x0d) {
        this.field += text.slice(segStart, i);
        this.endRow();
        this.line++;
        this.rowLine = this.line;
        this.lastWasCr = c === 0x0d;
        segStart = ++i;
        continue;
      }
      this.lastWasCr = false;
      if (c === 0x22 && i === segStart && this.field === '') {
        this.inQuotes = true;
        this.started = true;
        segStart = ++i;
        continue;
      }
      this.started = true;
      i++;
    }
    this.field += text.slice(segStart, n);
  }

  end(): void {
    if (this.quotePending) this.quotePending = false;
    if (this.started || this.field !== '' || this.fields.length) this.endRow();
  }

  private endRow(): void {
    if (!this.started && this.field === '' && this.fields.length === 0) return; // blank line
    this.fields.push(this.field);
    this.onRow(this.fields, this.rowLine);
    this.fields = [];
    this.field = '';
    this.started = false;
  }
}

/** All rows of a CSV text. */
export function parseCsvText(text: string): { fields: string[]; line: number }[] {
  const rows: { fields: string[]; line: number }[] = [];
  const r = new CsvRowReader((fields, line) => rows.push({ fields, line }));
  r.push(text);
  r.end();
  return rows;
}
