// `xwf collect <folder>`: every benchmark result under a folder, normalized and ranked; `--write` fills metrics.json.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../core/fs/atomicWrite';
import type { Locale } from '../../core/i18n/locale';
import type { BenchmarkRecord } from '../../core/metrics/benchmarkRecord';
import { collectMetrics, FolderNotFoundError, type CollectResult } from '../../core/metrics/metricsCollector';
import { buildMetricsJson } from '../../core/metrics/metricsJson';
import { planMetricsWrite } from '../../core/metrics/metricsWritePlan';
import { runManifestValues } from '../../core/metrics/runManifestValues';
import { discoverRuns } from '../../core/runs/runDiscovery';
import { EXIT, EnvironmentError, UsageError, writeJson, type CliCommand, type CliIO, type ExitCode } from '../command';

function threshold(raw: unknown, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || !raw.trim() || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number of milliseconds`);
  return n;
}

const fmt = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(digits));

function printTable(io: CliIO, records: readonly BenchmarkRecord[], withSla: boolean): void {
  const zh = io.locale === 'zh-cn';
  const head = zh
    ? ['#', '工具', '版本', '并发', '成功/总数', '失败', 'TTFT均值', 'TTFT p99', 'TPOT均值', 'TPOT p99', 'ITL均值', '输出tok/s', '请求/s', ...(withSla ? ['SLA'] : []), '文件']
    : ['#', 'tool', 'version', 'conc', 'ok/total', 'failed', 'TTFT avg', 'TTFT p99', 'TPOT avg', 'TPOT p99', 'ITL avg', 'out tok/s', 'req/s', ...(withSla ? ['SLA'] : []), 'file'];
  const rows = records.map((r, i) => [
    String(i + 1),
    r.source.tool,
    r.source.version ?? '-',
    r.concurrency === null && r.request_rate ? `${fmt(r.request_rate)}/s` : fmt(r.concurrency),
    `${fmt(r.success)}/${fmt(r.total)}`,
    fmt(r.failed),
    fmt(r.ttft_ms),
    fmt(r.percentiles.ttft_ms?.p99),
    fmt(r.tpot_ms),
    fmt(r.percentiles.tpot_ms?.p99),
    fmt(r.itl_ms),
    fmt(r.output_tps),
    fmt(r.request_throughput, 4),
    ...(withSla ? [r.sla?.pass ? 'pass' : 'FAIL'] : []),
    r.source.index === undefined ? r.source.file : `${r.source.file}#${r.source.index}`,
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ') + '\n';
  io.out(line(head));
  for (const row of rows) io.out(line(row));
  if (withSla) {
    for (const [i, r] of records.entries()) if (r.sla && !r.sla.pass) io.out(`  #${i + 1}: ${r.sla.reasons.join('; ')}\n`);
  }
}

function printProblems(io: CliIO, result: CollectResult): void {
  for (const p of result.problems) io.err(`${p.file}: ${p.severity === 'error' ? (io.locale === 'zh-cn' ? '错误' : 'error') : io.locale === 'zh-cn' ? '警告' : 'warning'}: ${p.message}\n`);
}

const show = (v: unknown) => (v === undefined ? 'null' : JSON.stringify(v));

async function writeMetrics(io: CliIO, folder: string, options: { slaTtftMs?: number; slaTpotMs?: number; keepEdits: boolean; locale: Locale }): Promise<ExitCode> {
  const zh = io.locale === 'zh-cn';
  const discovery = await discoverRuns(folder);
  const perf = discovery.runs.filter((r) => r.kind === 'perf');
  if (!perf.length) {
    io.err(zh ? `${folder} 中没有性能运行根目录（runs/perf/<run_id>/）：未写入 metrics.json\n` : `no perf run roots (runs/perf/<run_id>/) in ${folder}: no metrics.json written\n`);
    return EXIT.ok;
  }
  let refused = 0;
  for (const run of perf) {
    const target = path.join(run.root, 'metrics.json');
    const shown = path.relative(folder, target).split(path.sep).join('/');
    const result = await collectMetrics(run.root, { slaTtftMs: options.slaTtftMs, slaTpotMs: options.slaTpotMs, locale: options.locale });
    if (!result.records.length) {
      io.err(zh ? `${shown}：运行中没有压测结果，未写入\n` : `${shown}: no benchmark result in this run, not written\n`);
      continue;
    }
    const next = buildMetricsJson(result.records, await runManifestValues(run));
    const existing = await fs.readFile(target, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw new EnvironmentError(`${target}: ${e.message}`);
    });
    const plan = planMetricsWrite(existing, next);
    switch (plan.action) {
      case 'unchanged':
        io.err(zh ? `${shown}：未变化\n` : `${shown}: unchanged\n`);
        break;
      case 'create':
      case 'update':
        await writeFileAtomic(target, plan.text);
        io.err(zh ? `${shown}：已写入（${result.records.length} 个压测）\n` : `${shown}: written (${result.records.length} benchmark(s))\n`);
        break;
      case 'unreadable':
        refused++;
        io.err(zh ? `${shown}：现有文件无法读取（${plan.reason}），拒绝覆盖\n` : `${shown}: the existing file cannot be read (${plan.reason}); refusing to overwrite it\n`);
        break;
      case 'conflict':
        if (options.keepEdits) {
          await writeFileAtomic(target, plan.keepEditsText);
          io.err(zh ? `${shown}：已写入，保留手工修改：${plan.differences.map((d) => d.key).join(', ')}\n` : `${shown}: written, keeping values edited by hand: ${plan.differences.map((d) => d.key).join(', ')}\n`);
          break;
        }
        refused++;
        io.err(zh ? `${shown}：以下值被手工修改过，拒绝覆盖（--keep-edits 可保留它们并写入其余值）：\n` : `${shown}: values were edited by hand; refusing to overwrite (--keep-edits keeps them and writes the rest):\n`);
        for (const d of plan.differences) io.err(`  ${d.key}: ${zh ? '文件中' : 'in file'} ${show(d.existing)}, ${zh ? '采集值' : 'collected'} ${show(d.collected)}\n`);
        break;
    }
  }
  return refused ? EXIT.findings : EXIT.ok;
}

export const collectCommand: CliCommand = {
  name: 'collect',
  summary: {
    en: 'Collect evalscope / vLLM / SGLang benchmark results, normalized to ms and ranked (SLA, throughput, latency)',
    zh: '采集 evalscope / vLLM / SGLang 压测结果，统一为毫秒并排序（SLA、吞吐、时延）',
  },
  usage: 'collect <folder> [--json] [--write [--keep-edits]] [--sla-ttft-ms <n>] [--sla-tpot-ms <n>]',
  examples: [
    'xwf collect runs/perf/qwen3-tp4/evalscope',
    'xwf collect . --json --sla-ttft-ms 3000 --sla-tpot-ms 50',
    'xwf collect runs --write',
  ],
  options: {
    json: { type: 'boolean' },
    write: { type: 'boolean' },
    'keep-edits': { type: 'boolean' },
    'sla-ttft-ms': { type: 'string' },
    'sla-tpot-ms': { type: 'string' },
  },
  optionHelp: {
    json: 'print the ranked records as JSON (schema: schemas/cli-collect.schema.json)',
    write: 'write metrics.json into each perf run root found; hand-edited values are never overwritten (exit 1)',
    'keep-edits': 'with --write: keep values edited by hand and update the rest',
    'sla-ttft-ms': 'SLA on p99 TTFT in ms; passing records rank first',
    'sla-tpot-ms': 'SLA on p99 TPOT in ms; passing records rank first',
  },
  async run({ positionals, values, io }) {
    if (positionals.length !== 1) throw new UsageError('expected exactly one folder');
    const folder = path.resolve(io.cwd, positionals[0]);
    const slaTtftMs = threshold(values['sla-ttft-ms'], '--sla-ttft-ms');
    const slaTpotMs = threshold(values['sla-tpot-ms'], '--sla-tpot-ms');
    if (values['keep-edits'] && !values.write) throw new UsageError('--keep-edits only goes with --write');
    let result: CollectResult;
    try {
      result = await collectMetrics(folder, { slaTtftMs, slaTpotMs, locale: io.locale });
    } catch (e) {
      if (e instanceof FolderNotFoundError) throw new EnvironmentError(e.message);
      throw e;
    }
    const withSla = slaTtftMs !== undefined || slaTpotMs !== undefined;
    if (values.json) writeJson(io, result.records);
    else if (result.records.length) printTable(io, result.records, withSla);
    else io.out(io.locale === 'zh-cn' ? `${folder} 中没有压测结果\n` : `no benchmark results in ${folder}\n`);
    printProblems(io, result);
    let code: ExitCode = result.problems.some((p) => p.severity === 'error') ? EXIT.findings : EXIT.ok;
    if (values.write) {
      const written = await writeMetrics(io, folder, { slaTtftMs, slaTpotMs, keepEdits: values['keep-edits'] === true, locale: io.locale });
      if (written !== EXIT.ok) code = written;
    }
    return code;
  },
};
