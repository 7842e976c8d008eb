// Parser of `npu-smi info` box tables: chips (two rows per chip), the process table, and what it could not read.
import { excerpt, gluePairs, isPlaceholder, parseId, parseMaybeNumber, parsePair, splitLines, type SnapshotProblem, type UsedTotal } from './snapshotText';

/** One chip (one logical device); A3 boards show two per NPU, A2 and 310P one. */
export interface NpuChip {
  readonly npuId: number;
  readonly chipId: number;
  /** `Phy-ID` (A3) or `Device` (310P) column, when printed. */
  readonly phyId: number | null;
  /** The id the gate and `physical_device_ids` use: phy id, else NPU id when every NPU has one chip, else table order. */
  readonly deviceId: number;
  readonly name: string | null;
  readonly health: string | null;
  /** Null for `-` (second A3 chip) and `NA` (310P). */
  readonly powerW: number | null;
  readonly tempC: number | null;
  readonly hugepages: UsedTotal | null;
  readonly busId: string | null;
  readonly aicorePercent: number | null;
  /** `Memory-Usage(MB)`: DDR; the only device memory on 310P. */
  readonly memoryMb: UsedTotal | null;
  /** `HBM-Usage(MB)`; null on boards without HBM. */
  readonly hbmMb: UsedTotal | null;
  /** Values under columns this parser does not know, by header name. */
  readonly extra: Readonly<Record<string, string>>;
  /** 1-based line of the chip's first row. */
  readonly line: number;
}

export interface NpuProcess {
  readonly npuId: number;
  /** Null when the table has no chip column. */
  readonly chipId: number | null;
  readonly pid: number;
  readonly name: string;
  readonly memoryMb: number | null;
  /** `Process id in container` (newer drivers); null when absent or `NA`. */
  readonly containerPid: number | null;
  readonly line: number;
}

export interface NpuSmiInfo {
  readonly version: string | null;
  readonly chips: readonly NpuChip[];
  readonly processes: readonly NpuProcess[];
  /** NPUs reported by `No running processes found in NPU <n>`. */
  readonly npusWithoutProcesses: readonly number[];
  /** Header names this parser does not know (their values land in `extra`). */
  readonly unknownColumns: readonly string[];
  readonly problems: readonly SnapshotProblem[];
}

type Field =
  | 'npu' | 'name' | 'health' | 'power' | 'temp' | 'hugepages' | 'chip' | 'phy' | 'bus' | 'aicore' | 'memory' | 'hbm'
  | 'pid' | 'processName' | 'processMemory' | 'containerPid';

/** Header phrases, lower-cased; multi-word ones are matched first. */
const HEADER_PHRASES: ReadonlyArray<readonly [string, Field]> = [
  ['process id in container', 'containerPid'],
  ['process memory(mb)', 'processMemory'],
  ['process name', 'processName'],
  ['process id', 'pid'],
  ['npu util(%)', 'aicore'],
  ['npu id', 'npu'],
  ['npu', 'npu'],
  ['name', 'name'],
  ['health', 'health'],
  ['power(w)', 'power'],
  ['temp(c)', 'temp'],
  ['hugepages-usage(page)', 'hugepages'],
  ['chip', 'chip'],
  ['phy-id', 'phy'],
  ['device', 'phy'],
  ['bus-id', 'bus'],
  ['aicore(%)', 'aicore'],
  ['memory-usage(mb)', 'memory'],
  ['hbm-usage(mb)', 'hbm'],
];
const PHRASE_MAP = new Map(HEADER_PHRASES);
const MAX_PHRASE_WORDS = 4;

/** A header cell's columns: a known field, or an unknown header name kept verbatim. */
type Column = { readonly field: Field } | { readonly unknown: string };
type HeaderRow = readonly (readonly Column[])[];
type Values = Map<Field, string>;
/** Where each value came from, so a problem names the row it is on. */
type ValueLines = Map<Field, number>;

function headerColumns(cell: string): Column[] {
  const words = cell.split(/\s+/).filter(Boolean);
  const out: Column[] = [];
  for (let i = 0; i < words.length; ) {
    let matched = false;
    for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 1; n--) {
      const field = PHRASE_MAP.get(words.slice(i, i + n).join(' ').toLowerCase());
      if (field) {
        out.push({ field });
        i += n;
        matched = true;
        break;
      }
    }
    if (!matched) out.push({ unknown: words[i++] });
  }
  return out;
}

/** Splits `| a | b |` into trimmed cells; borders on either side are optional. */
function cells(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|')) body = body.slice(0, -1);
  return body.split('|').map((c) => c.trim());
}

/** Box borders (`+----+`, `+====+`, some docs draw `|` joints); two plain tests keep it linear. */
function isBorder(line: string): boolean {
  return /^[-=+| ]+$/.test(line) && /[-=]{3}/.test(line);
}
const NO_PROCESS = /No running processes found in NPU\s+(\d+)/i;

function isDeviceHeader(row: readonly string[]): boolean {
  return row.some((c) => /\bHealth\b/i.test(c));
}
function isDeviceHeaderContinuation(row: readonly string[]): boolean {
  return row.some((c) => /Bus-Id|AICore\(%\)|NPU Util|HBM-Usage|Memory-Usage/i.test(c));
}
function isProcessHeader(row: readonly string[]): boolean {
  return row.some((c) => /Process (id|name)/i.test(c));
}

export function parseNpuSmiInfo(text: string): NpuSmiInfo {
  const problems: SnapshotProblem[] = [];
  const unknownColumns: string[] = [];
  const rawChips: Array<{ values: Values; lines: ValueLines; extra: Map<string, string>; line: number }> = [];
  const processes: NpuProcess[] = [];
  const npusWithoutProcesses: number[] = [];
  let version: string | null = null;

  let section: 'none' | 'devices' | 'processes' = 'none';
  let deviceHeader: HeaderRow[] = [];
  let processHeader: HeaderRow = [];
  let lastWasDeviceHeader = false;
  // Rows of the current device block merge into one chip until every header row has been matched.
  let pending: { values: Values; lines: ValueLines; extra: Map<string, string>; line: number; rows: number } | null = null;

  const noteUnknown = (name: string) => {
    if (!unknownColumns.includes(name)) unknownColumns.push(name);
  };
  const flushPending = (lineNo: number) => {
    if (!pending) return;
    if (pending.rows < deviceHeader.length) problems.push({ line: pending.line, message: `chip rows end early near line ${lineNo}: only ${pending.rows} of ${deviceHeader.length} rows` });
    rawChips.push(pending);
    pending = null;
  };

  /** Maps a data row's cells onto one header row; extra cells and columns are reported. */
  const readRow = (row: readonly string[], header: HeaderRow, lineNo: number, values: Values, extra: Map<string, string>, lines?: ValueLines) => {
    if (row.length > header.length && row.slice(header.length).some((c) => c !== '')) {
      problems.push({ line: lineNo, message: `more cells than the header has: ${excerpt(row.slice(header.length).join(' | '))}` });
    }
    header.forEach((cols, i) => {
      const cell = row[i] ?? '';
      if (!cols.length) {
        if (cell !== '') problems.push({ line: lineNo, message: `value under no header: ${excerpt(cell)}` });
        return;
      }
      let tokens: string[];
      if (cols.length === 1) tokens = cell === '' ? [] : [cell];
      else {
        tokens = gluePairs(cell).split(/\s+/).filter(Boolean);
        if (tokens.length > cols.length) tokens = [...tokens.slice(0, cols.length - 1), tokens.slice(cols.length - 1).join(' ')];
      }
      cols.forEach((col, j) => {
        const v = tokens[j];
        if (v === undefined) return;
        if ('field' in col) {
          values.set(col.field, v);
          lines?.set(col.field, lineNo);
        }
        else extra.set(col.unknown, v);
      });
    });
  };

  const lines = splitLines(text);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index];
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '') continue;
    if (isBorder(line)) {
      if (section === 'devices') flushPending(lineNo);
      continue;
    }
    if (!line.startsWith('|')) {
      problems.push({ line: lineNo, message: `outside the table: ${excerpt(line)}` });
      continue;
    }
    const row = cells(line);
    if (row.every((c) => c === '')) continue;
    const joined = row.join(' ');
    const noProc = NO_PROCESS.exec(joined);
    if (noProc) {
      if (section === 'devices') flushPending(lineNo);
      npusWithoutProcesses.push(Number(noProc[1]));
      lastWasDeviceHeader = false;
      continue;
    }
    if (isDeviceHeader(row)) {
      if (section === 'devices') flushPending(lineNo);
      section = 'devices';
      deviceHeader = [row.map(headerColumns)];
      lastWasDeviceHeader = true;
      continue;
    }
    if (lastWasDeviceHeader && isDeviceHeaderContinuation(row)) {
      deviceHeader.push(row.map(headerColumns));
      continue;
    }
    lastWasDeviceHeader = false;
    if (isProcessHeader(row)) {
      if (section === 'devices') flushPending(lineNo);
      section = 'processes';
      processHeader = row.map(headerColumns);
      continue;
    }
    if (section === 'none') {
      const v = /Version:\s*(\S+)/i.exec(joined) ?? /npu-smi\s+(\S+)/i.exec(joined);
      if (v) version = v[1];
      else problems.push({ line: lineNo, message: `row before any table header: ${excerpt(line)}` });
      continue;
    }
    if (section === 'devices') {
      if (!pending) pending = { values: new Map(), lines: new Map(), extra: new Map(), line: lineNo, rows: 0 };
      readRow(row, deviceHeader[pending.rows % deviceHeader.length], lineNo, pending.values, pending.extra, pending.lines);
      pending.rows++;
      if (pending.rows >= deviceHeader.length) flushPending(lineNo);
      continue;
    }
    const values: Values = new Map();
    const extra = new Map<string, string>();
    readRow(row, processHeader, lineNo, values, extra);
    const npuId = parseId(values.get('npu') ?? '');
    const pid = parseId(values.get('pid') ?? '');
    if (npuId === null || pid === null) {
      problems.push({ line: lineNo, message: `process row without NPU id or PID: ${excerpt(line)}` });
      continue;
    }
    const chipText = values.get('chip');
    const container = values.get('containerPid');
    processes.push({
      npuId,
      chipId: chipText === undefined ? null : parseId(chipText),
      pid,
      name: values.get('processName') ?? '',
      memoryMb: parseMaybeNumber(values.get('processMemory') ?? ''),
      containerPid: container === undefined ? null : parseId(container),
      line: lineNo,
    });
  }
  if (section === 'devices') flushPending(lines.length);

  for (const header of [...deviceHeader, processHeader]) for (const cols of header) for (const c of cols) if ('unknown' in c) noteUnknown(c.unknown);

  const chips = buildChips(rawChips, problems);
  if (!chips.length) problems.push({ line: 0, message: 'no NPU rows found' });
  return { version, chips, processes, npusWithoutProcesses, unknownColumns, problems };
}

function buildChips(raw: ReadonlyArray<{ values: Values; lines: ValueLines; extra: Map<string, string>; line: number }>, problems: SnapshotProblem[]): NpuChip[] {
  const partial: Array<Omit<NpuChip, 'deviceId'>> = [];
  for (const { values, lines, extra, line } of raw) {
    const npuId = parseId(values.get('npu') ?? '');
    if (npuId === null) {
      problems.push({ line, message: `chip rows without an NPU id (${JSON.stringify(values.get('npu') ?? '')})` });
      continue;
    }
    const num = (field: Field): number | null => {
      const t = values.get(field);
      if (t === undefined) return null;
      const n = parseMaybeNumber(t);
      if (n === null && !isPlaceholder(t)) problems.push({ line: lines.get(field) ?? line, message: `${field} is not a number: ${excerpt(t, 30)}` });
      return n;
    };
    const pair = (field: Field): UsedTotal | null => {
      const t = values.get(field);
      if (t === undefined) return null;
      const p = parsePair(t);
      if (!p && !isPlaceholder(t)) problems.push({ line: lines.get(field) ?? line, message: `${field} is not a used/total pair: ${excerpt(t, 30)}` });
      return p;
    };
    partial.push({
      npuId,
      chipId: parseId(values.get('chip') ?? '') ?? 0,
      phyId: parseId(values.get('phy') ?? ''),
      name: values.get('name') ?? null,
      health: values.get('health') ?? null,
      powerW: num('power'),
      tempC: num('temp'),
      hugepages: pair('hugepages'),
      busId: values.get('bus') ?? null,
      aicorePercent: num('aicore'),
      memoryMb: pair('memory'),
      hbmMb: pair('hbm'),
      extra: Object.fromEntries(extra),
      line,
    });
  }
  const npuCounts = new Map<number, number>();
  for (const c of partial) npuCounts.set(c.npuId, (npuCounts.get(c.npuId) ?? 0) + 1);
  const allPhy = partial.every((c) => c.phyId !== null);
  const oneChipEach = [...npuCounts.values()].every((n) => n === 1);
  return partial.map((c, i) => ({ ...c, deviceId: allPhy ? (c.phyId as number) : oneChipEach ? c.npuId : i }));
}

/** The device memory the gate watches: HBM, or DDR `Memory-Usage` on boards without HBM (310P). */
export function deviceMemory(chip: NpuChip): { readonly kind: 'hbm' | 'ddr'; readonly mb: UsedTotal } | null {
  if (chip.hbmMb && chip.hbmMb.total > 0) return { kind: 'hbm', mb: chip.hbmMb };
  if (chip.memoryMb && chip.memoryMb.total > 0) return { kind: 'ddr', mb: chip.memoryMb };
  return null;
}

/** Processes the table lists on a chip; rows without a chip column belong to every chip of their NPU. */
export function processesOnChip(info: NpuSmiInfo, chip: NpuChip): NpuProcess[] {
  return info.processes.filter((p) => p.npuId === chip.npuId && (p.chipId === null || p.chipId === chip.chipId));
}

export function isHealthy(health: string | null): boolean {
  return health !== null && health.trim().toUpperCase() === 'OK';
}
