// Parser of `npu-smi info -t usages -i N`: `key : value` records, one per chip ending at `Chip ID`,
// possibly several captures appended to one file with `date -Is` lines between rounds.
import { excerpt, parseId, parseMaybeNumber, splitLines, type SnapshotProblem } from './snapshotText';

export interface UsageRecord {
  /** From the `NPU ID` line above the record; null when the capture lacks it. */
  readonly npuId: number | null;
  /** From the closing `Chip ID` line; null when the record was cut short. */
  readonly chipId: number | null;
  /** Index of the sampling round (0 when the file holds one capture). */
  readonly sample: number;
  /** The `date -Is` line that opened the round, when there was one. */
  readonly sampleTime: string | null;
  /** Every `key : value` of the record, keys as printed. */
  readonly values: Readonly<Record<string, string>>;
  readonly hbmCapacityMb: number | null;
  readonly hbmUsagePercent: number | null;
  readonly aicorePercent: number | null;
  /** `Memory Usage Rate(%)` or, on SoCs that say so, `DDR Usage Rate(%)`. */
  readonly memoryUsagePercent: number | null;
  readonly line: number;
}

export interface NpuUsages {
  readonly records: readonly UsageRecord[];
  /** Sampling rounds seen (timestamp lines); empty for a single capture. */
  readonly sampleTimes: readonly string[];
  readonly problems: readonly SnapshotProblem[];
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const KEY_VALUE = /^([^:]+?)\s*:\s*(.*)$/;
/** Keys real usages records carry end in a unit: `(%)`, `(MB)`, `(page)`. */
const USAGE_KEY = /\((%|MB|page)\)$/i;

/** Keys compared without case and spacing, so `AICore Usage Rate (%)` matches `Aicore Usage Rate(%)`. */
function normKey(key: string): string {
  return key.toLowerCase().replace(/\s+/g, '');
}

function pick(values: ReadonlyMap<string, string>, ...keys: string[]): number | null {
  for (const w of keys.map(normKey)) {
    for (const [k, v] of values) if (normKey(k) === w) return parseMaybeNumber(v);
  }
  return null;
}

export function parseNpuSmiUsages(text: string): NpuUsages {
  const records: UsageRecord[] = [];
  const problems: SnapshotProblem[] = [];
  const sampleTimes: string[] = [];
  let npuId: number | null = null;
  let values = new Map<string, string>();
  let recordLine = 0;

  const emit = (chipId: number | null, line: number) => {
    records.push({
      npuId,
      chipId,
      sample: Math.max(0, sampleTimes.length - 1),
      sampleTime: sampleTimes.length ? sampleTimes[sampleTimes.length - 1] : null,
      values: Object.fromEntries(values),
      hbmCapacityMb: pick(values, 'HBM Capacity(MB)'),
      hbmUsagePercent: pick(values, 'HBM Usage Rate(%)'),
      aicorePercent: pick(values, 'Aicore Usage Rate(%)', 'NPU Utilization(%)'),
      memoryUsagePercent: pick(values, 'Memory Usage Rate(%)', 'DDR Usage Rate(%)'),
      line: recordLine || line,
    });
    values = new Map();
    recordLine = 0;
  };
  const flushOpen = (line: number) => {
    if (!values.size) return;
    if ([...values.keys()].some((k) => USAGE_KEY.test(k))) {
      problems.push({ line: recordLine, message: 'record ends without a Chip ID line' });
      emit(null, line);
    } else {
      // `bash: npu-smi: command not found` has a colon too: not a record.
      problems.push({ line: recordLine, message: `not a usages record: ${excerpt([...values].map(([k, v]) => `${k}: ${v}`).join('; '))}` });
      values = new Map();
      recordLine = 0;
    }
  };

  splitLines(text).forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '') return;
    if (TIMESTAMP.test(line)) {
      flushOpen(lineNo);
      sampleTimes.push(line);
      npuId = null;
      return;
    }
    const kv = KEY_VALUE.exec(line);
    if (!kv) {
      problems.push({ line: lineNo, message: `not a key : value line: ${excerpt(line)}` });
      return;
    }
    const [, key, value] = kv;
    const k = normKey(key);
    if (k === 'npuid') {
      flushOpen(lineNo);
      npuId = parseId(value);
      if (npuId === null) problems.push({ line: lineNo, message: `NPU ID is not a number: ${excerpt(value, 30)}` });
      return;
    }
    if (k === 'chipcount') return;
    if (k === 'chipid') {
      const chip = parseId(value);
      if (chip === null) problems.push({ line: lineNo, message: `Chip ID is not a number: ${excerpt(value, 30)}` });
      emit(chip, lineNo);
      return;
    }
    if (!recordLine) recordLine = lineNo;
    values.set(key, value);
  });
  flushOpen(splitLines(text).length);
  if (!records.length) problems.push({ line: 0, message: 'no usage records found' });
  return { records, sampleTimes, problems };
}
