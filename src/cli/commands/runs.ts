// `xwf runs <folder>`: the run roots of a folder, as a table or JSON.
import * as path from 'node:path';
import { discoverRuns, FolderNotFoundError } from '../../core/runs/runDiscovery';
import { toRunsReport } from '../../core/runs/runsReport';
import { EXIT, EnvironmentError, UsageError, writeJson, type CliCommand } from '../command';

export const runsCommand: CliCommand = {
  name: 'runs',
  summary: { en: 'List the run roots of a folder with kind, run_id and missing artifacts', zh: '列出目录中的运行根目录（类型、run_id、缺失产物）' },
  usage: 'runs <folder> [--json] [--root <glob>]... [--max-depth <n>]',
  examples: ['xwf runs .', 'xwf runs ~/xllm-workspace --json', "xwf runs . --root 'experiments/*' --json"],
  options: {
    json: { type: 'boolean' },
    root: { type: 'string', multiple: true },
    'max-depth': { type: 'string' },
  },
  optionHelp: {
    json: 'print JSON (schema: schemas/cli-runs.schema.json)',
    root: 'extra run-root glob relative to the folder (repeatable)',
    'max-depth': 'how deep to look (default 8)',
  },
  async run({ positionals, values, io }) {
    if (positionals.length !== 1) throw new UsageError('expected exactly one folder');
    const folder = path.resolve(io.cwd, positionals[0]);
    const depth = values['max-depth'] === undefined ? undefined : Number(values['max-depth']);
    if (depth !== undefined && (!Number.isInteger(depth) || depth < 0)) throw new UsageError('--max-depth must be a non-negative integer');
    let result;
    try {
      result = await discoverRuns(folder, { roots: (values.root as string[] | undefined) ?? [], maxDepth: depth });
    } catch (e) {
      if (e instanceof FolderNotFoundError) throw new EnvironmentError(e.message);
      throw e;
    }
    const report = toRunsReport(result);
    if (values.json) {
      writeJson(io, report);
      return EXIT.ok;
    }
    const zh = io.locale === 'zh-cn';
    if (!report.runs.length) {
      io.out(zh ? `${report.folder} 中没有运行根目录\n` : `no run roots in ${report.folder}\n`);
      return EXIT.ok;
    }
    const width = Math.max(...report.runs.map((r) => r.run_id.length), 6);
    for (const r of report.runs) {
      const missing = r.missing.length ? `${zh ? '缺少' : 'missing'}: ${r.missing.join(', ')}` : '';
      io.out(`${r.kind.padEnd(10)} ${r.run_id.padEnd(width)}  ${r.relative_path}  ${missing}`.trimEnd() + '\n');
    }
    for (const p of report.problems) io.err(`${p.path}: ${p.message}\n`);
    io.out(zh ? `共 ${report.count} 个运行\n` : `${report.count} run(s)\n`);
    return EXIT.ok;
  },
};
