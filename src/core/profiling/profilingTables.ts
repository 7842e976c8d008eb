// The msprof / torch_npu CSV exports as typed rows: one column table per export, matched by header name.
import { CsvRowReader } from './csvRows';
import { bindColumns, cellModelId, cellNumber, cellText, type ColumnSpecs } from './csvColumns';
import { problem, type Problem } from './profilingMessages';

const col = (required: boolean, ...names: string[]) => ({ names, required });

export const TABLE_SPECS = {
  op_statistic: {
    device: col(false, 'Device_id', 'Device ID', 'Rank ID'),
    opType: col(true, 'OP Type', 'Op Type', 'Type'),
    coreType: col(false, 'Core Type', 'Accelerator Core', 'Task Type'),
    count: col(true, 'Count', 'Calls'),
    totalUs: col(true, 'Total Time(us)', 'Total Time (us)', 'Total Duration(us)'),
    minUs: col(false, 'Min Time(us)', 'Min Time (us)'),
    avgUs: col(false, 'Avg Time(us)', 'Avg Time (us)', 'Average Time(us)'),
    maxUs: col(false, 'Max Time(us)', 'Max Time (us)'),
    ratio: col(false, 'Ratio(%)', 'Ratio (%)'),
  },
  op_summary: {
    device: col(false, 'Device_id', 'Device ID'),
    stepId: col(false, 'Step Id', 'Step ID'),
    modelId: col(false, 'Model ID', 'Model Id'),
    taskId: col(false, 'Task ID', 'Task Id'),
    streamId: col(false, 'Stream ID', 'Stream Id'),
    opName: col(false, 'Op Name', 'Name', 'OP Name'),
    opType: col(true, 'OP Type', 'Op Type', 'Type'),
    taskType: col(false, 'Task Type'),
    coreType: col(false, 'Accelerator Core', 'Core Type'),
    start: col(false, 'Task Start Time(us)', 'Start Time(us)', 'Task Start Time (us)'),
    durUs: col(true, 'Task Duration(us)', 'Duration(us)', 'Task Duration (us)'),
    waitUs: col(false, 'Task Wait Time(us)', 'Wait Time(us)', 'Task Wait Time (us)'),
    blockNum: col(false, 'Block Num', 'Block Dim'),
  },
  task_time: {
    device: col(false, 'Device_id', 'Device ID'),
    kernelName: col(true, 'kernel_name', 'Kernel Name'),
    kernelType: col(false, 'kernel_type', 'Kernel Type'),
    streamId: col(true, 'stream_id', 'Stream ID'),
    taskId: col(false, 'task_id', 'Task ID'),
    taskUs: col(true, 'task_time(us)', 'Task Time(us)', 'task_time'),
    start: col(true, 'task_start(us)', 'Task Start(us)', 'task_start'),
    stop: col(false, 'task_stop(us)', 'Task Stop(us)', 'task_stop'),
  },
  communication_statistic: {
    device: col(false, 'Device_id', 'Device ID', 'Rank ID'),
    opType: col(true, 'OP Type', 'Op Type', 'OP Name'),
    count: col(true, 'Count'),
    totalUs: col(true, 'Total Time(us)', 'Total Time (us)'),
    minUs: col(false, 'Min Time(us)'),
    avgUs: col(false, 'Avg Time(us)'),
    maxUs: col(false, 'Max Time(us)'),
    ratio: col(false, 'Ratio(%)'),
  },
  api_statistic: {
    device: col(false, 'Device_id', 'Device ID'),
    level: col(false, 'Level'),
    apiName: col(true, 'API Name', 'Api Name', 'Name'),
    timeUs: col(true, 'Time(us)', 'Total Time(us)'),
    count: col(true, 'Count'),
    avgUs: col(false, 'Avg(us)', 'Avg Time(us)'),
    minUs: col(false, 'Min(us)', 'Min Time(us)'),
    maxUs: col(false, 'Max(us)', 'Max Time(us)'),
    variance: col(false, 'Variance'),
  },
  step_trace_time: {
    device: col(false, 'Device_id', 'Device ID', 'Rank ID', 'Rank'),
    step: col(false, 'Step', 'Step Id'),
    computing: col(true, 'Computing'),
    commNotOverlapped: col(true, 'Communication(Not Overlapped)', 'Communication (Not Overlapped)'),
    overlapped: col(false, 'Overlapped'),
    communication: col(false, 'Communication'),
    free: col(true, 'Free'),
    stage: col(false, 'Stage'),
    bubble: col(false, 'Bubble'),
  },
} as const satisfies Record<string, ColumnSpecs<string>>;

export type TableKind = keyof typeof TABLE_SPECS;

/** An absolute µs timestamp split so that no precision is lost: integer µs + ns within it. */
export interface SplitMicros {
  readonly us: number;
  readonly ns: number;
}

/** Reads "1736408883704643.212\t" exactly (Number() would round to 0.25 µs). */
export function splitMicros(text: string | null): SplitMicros | null {
  if (text === null) return null;
  const m = /^(\d+)(?:\.(\d{1,9}))?$/.exec(text);
  if (!m) return null;
  const frac = (m[2] ?? '').padEnd(3, '0');
  return { us: Number(m[1]), ns: Number(frac.slice(0, 3)) + (frac.length > 3 ? Number(`0.${frac.slice(3)}`) : 0) };
}

export interface OpStatisticRow {
  device: number | null;
  opType: string | null;
  coreType: string | null;
  count: number | null;
  totalUs: number | null;
  minUs: number | null;
  avgUs: number | null;
  maxUs: number | null;
  ratio: number | null;
}
export interface OpSummaryRow {
  device: number | null;
  stepId: number | null;
  modelId: number | null;
  taskId: number | null;
  streamId: number | null;
  opName: string | null;
  opType: string | null;
  taskType: string | null;
  coreType: string | null;
  start: SplitMicros | null;
  durUs: number | null;
  waitUs: number | null;
  blockNum: number | null;
}
export interface TaskTimeRow {
  device: number | null;
  kernelName: string | null;
  kernelType: string | null;
  streamId: number | null;
  taskId: number | null;
  taskUs: number | null;
  start: SplitMicros | null;
  stop: SplitMicros | null;
}
export interface CommStatisticRow {
  device: number | null;
  opType: string | null;
  count: number | null;
  totalUs: number | null;
  minUs: number | null;
  avgUs: number | null;
  maxUs: number | null;
  ratio: number | null;
}
export interface ApiStatisticRow {
  device: number | null;
  level: string | null;
  apiName: string | null;
  timeUs: number | null;
  count: number | null;
  avgUs: number | null;
  minUs: number | null;
  maxUs: number | null;
  variance: number | null;
}
export interface StepTraceRow {
  device: number | null;
  step: string | null;
  computing: number | null;
  commNotOverlapped: number | null;
  overlapped: number | null;
  communication: number | null;
  free: number | null;
  stage: number | null;
  bubble: number | null;
}

export interface TableRows {
  op_statistic: OpStatisticRow;
  op_summary: OpSummaryRow;
  task_time: TaskTimeRow;
  communication_statistic: CommStatisticRow;
  api_statistic: ApiStatisticRow;
  step_trace_time: StepTraceRow;
}

type Index<K extends TableKind> = Record<keyof (typeof TABLE_SPECS)[K], number>;
type Fields = readonly string[];

const MAPPERS: { [K in TableKind]: (f: Fields, i: Index<K>) => TableRows[K] } = {
  op_statistic: (f, i) => ({
    device: cellNumber(f, i.device),
    opType: cellText(f, i.opType),
    coreType: cellText(f, i.coreType),
    count: cellNumber(f, i.count),
    totalUs: cellNumber(f, i.totalUs),
    minUs: cellNumber(f, i.minUs),
    avgUs: cellNumber(f, i.avgUs),
    maxUs: cellNumber(f, i.maxUs),
    ratio: cellNumber(f, i.ratio),
  }),
  op_summary: (f, i) => ({
    device: cellNumber(f, i.device),
    stepId: cellNumber(f, i.stepId),
    modelId: cellModelId(f, i.modelId),
    taskId: cellNumber(f, i.taskId),
    streamId: cellNumber(f, i.streamId),
    opName: cellText(f, i.opName),
    opType: cellText(f, i.opType),
    taskType: cellText(f, i.taskType),
    coreType: cellText(f, i.coreType),
    start: splitMicros(cellText(f, i.start)),
    durUs: cellNumber(f, i.durUs),
    waitUs: cellNumber(f, i.waitUs),
    blockNum: cellNumber(f, i.blockNum),
  }),
  task_time: (f, i) => ({
    device: cellNumber(f, i.device),
    kernelName: cellText(f, i.kernelName),
    kernelType: cellText(f, i.kernelType),
    streamId: cellNumber(f, i.streamId),
    taskId: cellNumber(f, i.taskId),
    taskUs: cellNumber(f, i.taskUs),
    start: splitMicros(cellText(f, i.start)),
    stop: splitMicros(cellText(f, i.stop)),
  }),
  communication_statistic: (f, i) => ({
    device: cellNumber(f, i.device),
    opType: cellText(f, i.opType),
    count: cellNumber(f, i.count),
    totalUs: cellNumber(f, i.totalUs),
    minUs: cellNumber(f, i.minUs),
    avgUs: cellNumber(f, i.avgUs),
    maxUs: cellNumber(f, i.maxUs),
    ratio: cellNumber(f, i.ratio),
  }),
  api_statistic: (f, i) => ({
    device: cellNumber(f, i.device),
    level: cellText(f, i.level),
    apiName: cellText(f, i.apiName),
    timeUs: cellNumber(f, i.timeUs),
    count: cellNumber(f, i.count),
    avgUs: cellNumber(f, i.avgUs),
    minUs: cellNumber(f, i.minUs),
    maxUs: cellNumber(f, i.maxUs),
    variance: cellNumber(f, i.variance),
  }),
  step_trace_time: (f, i) => ({
    device: cellNumber(f, i.device),
    step: cellText(f, i.step),
    computing: cellNumber(f, i.computing),
    commNotOverlapped: cellNumber(f, i.commNotOverlapped),
    overlapped: cellNumber(f, i.overlapped),
    communication: cellNumber(f, i.communication),
    free: cellNumber(f, i.free),
    stage: cellNumber(f, i.stage),
    bubble: cellNumber(f, i.bubble),
  }),
};

export interface TableResult<K extends TableKind> {
  readonly kind: K;
  readonly file: string;
  readonly rows: TableRows[K][];
  /** Missing required columns (their fields are null in every row). */
  readonly problems: Problem[];
}

/** Incremental reader of one export: push text chunks, then end(). Rows lacking a required column stay, with nulls. */
export class TableReader<K extends TableKind> {
  private index: Index<K> | null = null;
  private readonly rows: TableRows[K][] = [];
  private readonly problems: Problem[] = [];
  private readonly csv: CsvRowReader;

  constructor(
    readonly kind: K,
    readonly file: string,
    private readonly defaultDevice: number | null = null,
  ) {
    this.csv = new CsvRowReader((fields) => this.row(fields));
  }

  push(text: string): void {
    this.csv.push(text);
  }

  end(): TableResult<K> {
    this.csv.end();
    if (!this.index) this.problems.push(problem('csvEmpty', this.file));
    return { kind: this.kind, file: this.file, rows: this.rows, problems: this.problems };
  }

  private row(fields: string[]): void {
    if (!this.index) {
      const bound = bindColumns(this.file, fields, TABLE_SPECS[this.kind] as ColumnSpecs<string>);
      this.index = bound.index as Index<K>;
      this.problems.push(...bound.problems);
      return;
    }
    if (fields.length === 1 && fields[0].trim() === '') return;
    const r = MAPPERS[this.kind](fields, this.index);
    if (r.device === null && this.defaultDevice !== null) r.device = this.defaultDevice;
    this.rows.push(r);
  }
}

/** Reads one whole export given as text. */
export function readTable<K extends TableKind>(kind: K, file: string, text: string, defaultDevice: number | null = null): TableResult<K> {
  const r = new TableReader(kind, file, defaultDevice);
  r.push(text);
  return r.end();
}

/** Which export a file name is (`op_summary_slice_1_2026...csv`, torch_npu `kernel_details.csv`), or null. */
export function tableKindOfFile(name: string): TableKind | null {
  const base = name.toLowerCase();
  if (!base.endsWith('.csv')) return null;
  if (/^op_statistic(_|\.)/.test(base)) return 'op_statistic';
  if (/^(op_summary|kernel_details)(_|\.)/.test(base)) return 'op_summary';
  if (/^task_time(_|\.)/.test(base)) return 'task_time';
  if (/^communication_statistic(_|\.)/.test(base)) return 'communication_statistic';
  if (/^api_statistic(_|\.)/.test(base)) return 'api_statistic';
  if (/^step_trace_time(_|\.)/.test(base)) return 'step_trace_time';
  return null;
}
