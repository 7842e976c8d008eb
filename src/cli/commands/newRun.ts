// `xwf new-run <workspace> --kind <kind>`: a run root with its skeleton and a prefilled manifest.
import * as path from 'node:path';
import { RUN_KINDS, isRunKind } from '../../core/runs/runKinds';
import { discoverRuns, FolderNotFoundError } from '../../core/runs/runDiscovery';
import { createRunRoot, planNewRun, RunRootExistsError, suggestRunId } from '../../core/runs/newRun';
import { gatherNewRunContext } from '../../core/runs/newRunContext';
import { EXIT, EnvironmentError, UsageError, writeJson, type CliCommand } from '../command';

export const newRunCommand: CliCommand = {
  name: 'new-run',
  summary: { en: 'Create a run root with its folder skeleton and a manifest prefilled from git, config.json and the latest run', zh: '创建运行根目录（目录骨架与根据 git、config.json 和最近运行预填的清单）' },
  usage: `new-run <workspace> --kind <${RUN_KINDS.join('|')}> [--run-id <id>] [--repo <xllm checkout>] [--upstream <branch>] [--json]`,
  examples: ['xwf new-run . --kind perf', 'xwf new-run ~/ws --kind accuracy --run-id 20261129-gsm8k-l3 --repo ~/ws/xllm --json'],
  options: { kind: { type: 'string' }, 'run-id': { type: 'string' }, repo: { type: 'string' }, upstream: { type: 'string' }, json: { type: 'boolean' } },
  optionHelp: {
    kind: `run kind: ${RUN_KINDS.join(', ')}`,
    'run-id': 'folder name and run_id (default: <date>-<model>-<kind>)',
    repo: 'the xLLM checkout to read commit/branch/status from (default: config.json code.xllm.path)',
    upstream: 'branch the base_commit merge-base is taken against (default: the upstream of config.json)',
    json: 'print the created paths as JSON',
  },
  async run({ positionals, values, io }) {
    if (positionals.length !== 1) throw new UsageError('expected exactly one workspace folder');
    const kind = String(values.kind ?? '');
    if (!isRunKind(kind)) throw new UsageError(`--kind must be one of ${RUN_KINDS.join(', ')}`);
    const workspace = path.resolve(io.cwd, positionals[0]);
    let runs;
    try {
      runs = (await discoverRuns(workspace)).runs;
    } catch (e) {
      if (e instanceof FolderNotFoundError) throw new EnvironmentError(e.message);
      throw e;
    }
    const ctx = await gatherNewRunContext(workspace, runs, values.repo as string | undefined, values.upstream as string | undefined);
    const now = new Date();
    const runId = (values['run-id'] as string | undefined) ?? suggestRunId(kind, ctx.model, now);
    let plan;
    try {
      plan = planNewRun({ workspace, kind, runId, now, git: ctx.git, config: ctx.config, previous: ctx.previous });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    let manifest: string;
    try {
      manifest = await createRunRoot(plan);
    } catch (e) {
      if (e instanceof RunRootExistsError) throw new EnvironmentError(e.message);
      throw e;
    }
    if (values.json) writeJson(io, { run_id: runId, kind, root: plan.root, manifest, git_problem: ctx.gitProblem });
    else {
      io.out(`${manifest}\n`);
      if (ctx.gitProblem) io.err(`note: Code section not filled from git: ${ctx.gitProblem}\n`);
    }
    return EXIT.ok;
  },
};
