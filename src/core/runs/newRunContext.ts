// Gathers what a new run is prefilled from: config.json, the xLLM checkout's git state, the latest similar run.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readGitState, type GitState } from '../git/gitState';
import { parseManifestFile } from '../manifest/manifestFields';
import { textOf, type ManifestDocument } from '../manifest/manifestModel';
import { workspaceConfigSchema, type WorkspaceConfig } from '../schemas/workspaceConfigSchema';
import type { RunRoot } from './runRoot';

export interface NewRunContext {
  readonly config: WorkspaceConfig | null;
  readonly git: GitState | null;
  readonly gitProblem: string | null;
  readonly previous: ManifestDocument | null;
  readonly model: string | undefined;
}

/** config.json (or config.example.json) at the workspace root; null when absent or invalid. */
export async function readWorkspaceConfig(workspace: string): Promise<WorkspaceConfig | null> {
  for (const name of ['config.json', 'config.example.json']) {
    try {
      const parsed = workspaceConfigSchema.safeParse(JSON.parse(await fs.readFile(path.join(workspace, name), 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // missing or not JSON: try the next name
    }
  }
  return null;
}

/** The newest manifest (by its date, then folder name) among runs, optionally of one model. */
export async function latestManifest(runs: readonly RunRoot[], model?: string): Promise<ManifestDocument | null> {
  let best: { key: string; doc: ManifestDocument } | null = null;
  for (const run of runs) {
    if (!run.manifestPath) continue;
    try {
      const doc = parseManifestFile(await fs.readFile(run.manifestPath, 'utf8'), run.manifestPath);
      if (model && textOf(doc, 'model_name') !== model) continue;
      const key = `${textOf(doc, 'date') ?? ''}|${run.runId}`;
      if (!best || key > best.key) best = { key, doc };
    } catch {
      // unreadable manifests are skipped here; validation reports them
    }
  }
  return best?.doc ?? null;
}

/** `readGit: false` leaves git alone (an untrusted workspace: git runs the repository's hooks and config). */
export async function gatherNewRunContext(workspace: string, runs: readonly RunRoot[], repoPath?: string, upstream?: string, options: { readGit?: boolean } = {}): Promise<NewRunContext> {
  const config = await readWorkspaceConfig(workspace);
  const repo = repoPath || config?.code?.xllm?.path || workspace;
  const up = upstream || (config?.code?.xllm?.upstream?.branch ? `upstream/${config.code.xllm.upstream.branch}` : undefined);
  let git: GitState | null = null;
  let gitProblem: string | null = null;
  if (options.readGit === false) gitProblem = 'git is not read in an untrusted workspace';
  else try {
    git = await readGitState(path.resolve(workspace, repo), up).catch(async (e) => {
      // A named upstream remote may not exist locally: fall back to the branch's own upstream.
      if (up) return readGitState(path.resolve(workspace, repo));
      throw e;
    });
  } catch (e) {
    gitProblem = (e as Error).message;
  }
  const model = config?.xllm_config?.model ?? undefined;
  const previous = (await latestManifest(runs, model)) ?? (await latestManifest(runs));
  return { config, git, gitProblem, previous, model: model ?? (previous ? textOf(previous, 'model_name') : undefined) };
}
