// xllm_new_run: a run root with its skeleton and a prefilled manifest (`xwf new-run --json`).
import { z } from 'zod';
import { createRunRoot, planNewRun, RunRootExistsError, suggestRunId } from '../runs/newRun';
import { gatherNewRunContext } from '../runs/newRunContext';
import { discoverRuns, FolderNotFoundError } from '../runs/runDiscovery';
import { RUN_KINDS } from '../runs/runKinds';
import { AgentToolError, defineTool, resolveInputPath } from './agentTool';
import { newRunReportSchema } from './newRunReport';

export const newRunInput = z.strictObject({
  workspace: z.string().min(1).default('.').describe('Workspace folder the run root is created in (default: the workspace root).'),
  kind: z.enum(RUN_KINDS).describe('Run kind: perf, accuracy, profiling, eval, capacity or compute.'),
  run_id: z.string().min(1).optional().describe('Folder name and run_id (default: <date>-<model>-<kind>). Letters, digits, ".", "_" and "-".'),
  repo: z.string().min(1).optional().describe('The xLLM checkout to read commit/branch/status from (default: config.json code.xllm.path).'),
  upstream: z.string().min(1).optional().describe('Branch the base_commit merge-base is taken against (default: the upstream of config.json).'),
});

export const newRunTool = defineTool({
  name: 'xllm_new_run',
  title: 'Create a run root',
  titleZh: '创建运行根目录',
  description:
    'Create a new run root (runs/<kind>/<run_id>/ or profiling/<run_id>/) with its folder skeleton and a manifest prefilled from git (commit, branch, merge-base, status), config.json and the latest similar run. Use it before a benchmark, accuracy or profiling run so its evidence has a home; then fill the manifest and validate it. Refuses to touch an existing run root.',
  inputSchema: newRunInput,
  outputSchema: newRunReportSchema,
  remote: false,
  readOnly: false,
  cli: {
    command: 'new-run',
    args: (i) => [
      i.workspace,
      '--kind',
      i.kind,
      ...(i.run_id ? ['--run-id', i.run_id] : []),
      ...(i.repo ? ['--repo', i.repo] : []),
      ...(i.upstream ? ['--upstream', i.upstream] : []),
    ],
  },
  summarize: (o, locale) => (locale === 'zh-cn' ? `已创建 ${o.kind} 运行 ${o.run_id}：${o.manifest}` : `created ${o.kind} run ${o.run_id}: ${o.manifest}`),
  async run(input, ctx) {
    const workspace = resolveInputPath(ctx, input.workspace);
    let runs;
    try {
      runs = (await discoverRuns(workspace)).runs;
    } catch (e) {
      if (e instanceof FolderNotFoundError) throw new AgentToolError('environment', e.message);
      throw e;
    }
    const gathered = await gatherNewRunContext(workspace, runs, input.repo, input.upstream);
    const now = new Date();
    const runId = input.run_id ?? suggestRunId(input.kind, gathered.model, now);
    let plan;
    try {
      plan = planNewRun({ workspace, kind: input.kind, runId, now, git: gathered.git, config: gathered.config, previous: gathered.previous });
    } catch (e) {
      throw new AgentToolError('usage', (e as Error).message);
    }
    try {
      const manifest = await createRunRoot(plan);
      return { run_id: runId, kind: input.kind, root: plan.root, manifest, git_problem: gathered.gitProblem };
    } catch (e) {
      if (e instanceof RunRootExistsError) throw new AgentToolError('environment', e.message);
      throw e;
    }
  },
});
