// xllm_list_runs: the run roots of a folder (`xwf runs --json`).
import { z } from 'zod';
import { discoverRuns, FolderNotFoundError } from '../runs/runDiscovery';
import { runsReportSchema, toRunsReport } from '../runs/runsReport';
import { AgentToolError, defineTool, resolveInputPath } from './agentTool';

export const listRunsInput = z.strictObject({
  folder: z.string().min(1).default('.').describe('Workspace folder to scan, relative to the workspace root or absolute (default: the root).'),
  roots: z.array(z.string().min(1)).optional().describe('Extra run-root globs relative to the folder, e.g. "experiments/*".'),
  max_depth: z.number().int().min(0).max(64).optional().describe('How deep to look (default 8).'),
});

export const listRunsTool = defineTool({
  name: 'xllm_list_runs',
  title: 'List run roots',
  titleZh: '列出运行根目录',
  description:
    'List the run roots (perf, accuracy, profiling, eval, capacity, compute) of a workspace with kind, run_id, manifest path and the required artifacts each one is missing. Use it first to find run ids and paths before validating, comparing or drafting PR evidence.',
  inputSchema: listRunsInput,
  outputSchema: runsReportSchema,
  remote: false,
  readOnly: true,
  cli: {
    command: 'runs',
    args: (i) => [i.folder, ...(i.roots ?? []).flatMap((r) => ['--root', r]), ...(i.max_depth === undefined ? [] : ['--max-depth', String(i.max_depth)])],
  },
  summarize: (o, locale) => (locale === 'zh-cn' ? `${o.folder} 中有 ${o.count} 个运行` : `${o.count} run(s) in ${o.folder}`),
  async run(input, ctx) {
    try {
      return toRunsReport(await discoverRuns(resolveInputPath(ctx, input.folder), { roots: input.roots ?? [], maxDepth: input.max_depth }));
    } catch (e) {
      if (e instanceof FolderNotFoundError) throw new AgentToolError('environment', e.message);
      throw e;
    }
  },
});
