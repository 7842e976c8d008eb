// A new run root: its folder skeleton and a manifest prefilled from git, config.json and the latest similar run.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { GitState } from '../git/gitState';
import { renderManifestMarkdown, type ManifestValues } from '../manifest/manifestTemplate';
import type { ManifestDocument } from '../manifest/manifestModel';
import type { SectionName } from '../manifest/manifestSpec';
import type { WorkspaceConfig } from '../schemas/workspaceConfigSchema';
import type { ConventionalKind } from './runKinds';

export interface NewRunInput {
  readonly workspace: string;
  readonly kind: ConventionalKind;
  readonly runId: string;
  readonly now: Date;
  readonly git?: GitState | null;
  readonly config?: WorkspaceConfig | null;
  /** The most recent run of the same model: its environment, service and workload carry over. */
  readonly previous?: ManifestDocument | null;
  readonly operator?: string;
}

export interface NewRunPlan {
  readonly root: string;
  readonly folders: readonly string[];
  readonly manifest: string;
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isValidRunId(id: string): boolean {
  return RUN_ID.test(id) && !id.includes('..');
}

export function runRootFor(workspace: string, kind: ConventionalKind, runId: string): string {
  return kind === 'profiling' ? path.join(workspace, 'profiling', runId) : path.join(workspace, 'runs', kind, runId);
}

/** `20261129-qwen3-32b-perf` */
export function suggestRunId(kind: ConventionalKind, model: string | undefined, now: Date): string {
  const stamp = now.toISOString().slice(0, 10).replace(/-/g, '');
  const slug = (model ?? 'run').toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-|-$/g, '') || 'run';
  return `${stamp}-${slug}-${kind}`;
}

const SKELETON: Record<ConventionalKind, readonly string[]> = {
  perf: ['env', 'service', 'evalscope/raw'],
  accuracy: [],
  profiling: [],
  eval: ['env', 'service', 'perf', 'accuracy'],
  capacity: [],
  compute: [],
};

const ARTIFACTS: Record<ConventionalKind, Record<string, string>> = {
  perf: { env_snapshot_dir: 'env', service_artifact_dir: 'service', perf_artifact_dir: 'evalscope', metrics_json: 'metrics.json', report_md: 'report.md' },
  accuracy: { accuracy_artifact_dir: '.', report_md: 'report.md' },
  profiling: { profiling_artifact_dir: '.' },
  eval: { env_snapshot_dir: 'env', service_artifact_dir: 'service', perf_artifact_dir: 'perf', accuracy_artifact_dir: 'accuracy', report_md: 'report.md' },
  capacity: { report_md: 'report.md' },
  compute: {},
};

/** Keys that describe one specific run and must not be copied into a new one. */
const PER_RUN_KEYS = new Set(['service_pid', 'healthcheck_result', 'log_dir']);
const CARRIED_SECTIONS: readonly SectionName[] = ['Environment', 'Model', 'Service', 'Workload'];

export function planNewRun(input: NewRunInput): NewRunPlan {
  if (!isValidRunId(input.runId)) throw new Error(`invalid run_id '${input.runId}': use letters, digits, '.', '_' and '-'`);
  const values: ManifestValues = {};
  const set = (section: SectionName, key: string, value: string | number | null | undefined) => {
    if (value === null || value === undefined || value === '') return;
    (values[section] ??= {})[key] = value;
  };
  for (const e of input.previous?.entries ?? []) {
    const section = e.spec?.section;
    if (section && CARRIED_SECTIONS.includes(section) && e.filled && !PER_RUN_KEYS.has(e.key)) set(section, e.key, e.text);
  }
  const xc = input.config?.xllm_config;
  set('Model', 'model_name', values.Model?.model_name as string | undefined ?? xc?.model ?? undefined);
  if (xc?.tp_size) set('Model', 'tensor_parallel', values.Model?.tensor_parallel as number | undefined ?? xc.tp_size);
  if (xc?.num_speculative_tokens !== undefined) set('Model', 'speculative_tokens', values.Model?.speculative_tokens as number | undefined ?? xc.num_speculative_tokens);
  set('Identity', 'run_id', input.runId);
  set('Identity', 'date', input.now.toISOString().slice(0, 10));
  set('Identity', 'operator_or_agent', input.operator);
  set('Identity', 'level', 'quick');
  set('Identity', 'conclusion_status', 'pending');
  const g = input.git;
  if (g) {
    set('Code', 'repo_path', g.repoPath);
    set('Code', 'branch', g.branch);
    set('Code', 'commit', g.commit);
    set('Code', 'base_commit', g.baseCommit);
    set('Code', 'git_status_short', g.statusShort.split('\n').filter(Boolean).join('; '));
    set('Code', 'submodule_status', g.submoduleStatus.split('\n').filter(Boolean).join('; '));
  }
  set('Code', 'framework', 'xllm');
  for (const [k, v] of Object.entries(ARTIFACTS[input.kind])) set('Artifacts', k, v);
  return {
    root: runRootFor(input.workspace, input.kind, input.runId),
    folders: SKELETON[input.kind],
    manifest: renderManifestMarkdown(values),
  };
}

export class RunRootExistsError extends Error {}

/** Creates the planned run root; refuses to touch an existing folder. */
export async function createRunRoot(plan: NewRunPlan): Promise<string> {
  try {
    await fs.mkdir(plan.root, { recursive: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new RunRootExistsError(`${plan.root} already exists`);
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    await fs.mkdir(path.dirname(plan.root), { recursive: true });
    await fs.mkdir(plan.root);
  }
  for (const f of plan.folders) await fs.mkdir(path.join(plan.root, f), { recursive: true });
  const manifest = path.join(plan.root, 'manifest.md');
  await fs.writeFile(manifest, plan.manifest, { flag: 'wx' });
  return manifest;
}
