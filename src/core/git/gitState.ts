// What a manifest's Code section records about a checkout, read with git itself (never parsed from .git files).
import { execa } from 'execa';

export interface GitState {
  readonly repoPath: string;
  readonly branch: string | null;
  readonly commit: string;
  /** Merge-base with the upstream branch, when an upstream is known. */
  readonly baseCommit: string | null;
  readonly upstream: string | null;
  /** `git status --short`; '' is a clean worktree. */
  readonly statusShort: string;
  readonly submoduleStatus: string;
}

export class NotAGitCheckoutError extends Error {}

async function git(cwd: string, args: string[]): Promise<string | null> {
  const r = await execa('git', args, { cwd, reject: false, timeout: 15_000, stripFinalNewline: true });
  return r.exitCode === 0 ? r.stdout : null;
}

/**
 * Reads the checkout at `repoPath`. `upstream` (e.g. `upstream/main`) names the branch the merge-base is
 * taken against; without it the branch's configured upstream (`@{upstream}`) is used.
 */
export async function readGitState(repoPath: string, upstream?: string | null): Promise<GitState> {
  const top = await git(repoPath, ['rev-parse', '--show-toplevel']);
  if (!top) throw new NotAGitCheckoutError(`${repoPath} is not a git checkout`);
  const commit = await git(top, ['rev-parse', 'HEAD']);
  if (!commit) throw new NotAGitCheckoutError(`${repoPath} has no commits`);
  const branch = await git(top, ['symbolic-ref', '--short', '-q', 'HEAD']);
  const up = upstream || (await git(top, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']));
  const baseCommit = up ? await git(top, ['merge-base', 'HEAD', up]) : null;
  // Untracked files matter too: they change what gets built.
  const statusShort = (await git(top, ['status', '--short'])) ?? '';
  const submoduleStatus = (await git(top, ['submodule', 'status'])) ?? '';
  return { repoPath: top, branch: branch || null, commit, baseCommit, upstream: up || null, statusShort, submoduleStatus };
}

/** The diff of the worktree (tracked changes, staged or not) against HEAD, for saving beside a dirty run. */
export async function worktreeDiff(repoPath: string): Promise<string> {
  const diff = await git(repoPath, ['diff', 'HEAD', '--binary']);
  if (diff === null) throw new NotAGitCheckoutError(`${repoPath}: git diff failed`);
  return diff.endsWith('\n') || diff === '' ? diff : diff + '\n';
}
