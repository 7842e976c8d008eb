// The patch a checkout carries: its worktree (committed, staged, unstaged and new files) against the base
// the branch started from, as unified diff text, read with git itself.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { execa } from 'execa';
import { NotAGitCheckoutError, readGitState } from './gitState';

/** Diffs larger than this are not a patch someone is writing: reading stops and says so. */
export const MAX_PATCH_BYTES = 32 << 20;
/** New files beyond this many (or larger than MAX_NEW_FILE_BYTES) are left out: a build folder is not a patch. */
export const MAX_NEW_FILES = 200;
export const MAX_NEW_FILE_BYTES = 512 << 10;

export interface BasePatch {
  /** Top folder of the checkout. */
  readonly repoPath: string;
  /** The commit diffed against: the merge-base with the upstream, else HEAD. */
  readonly base: string;
  /** The upstream the base was taken from; null when the base is HEAD (no upstream known). */
  readonly upstream: string | null;
  readonly diff: string;
  /** Untracked files included as new files. */
  readonly newFiles: number;
  /** Files and bytes left out (too many, too large, binary, over MAX_PATCH_BYTES). */
  readonly skipped: number;
}

async function git(cwd: string, args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const r = await execa('git', args, { cwd, reject: false, timeout: 30_000, stripFinalNewline: false, maxBuffer: MAX_PATCH_BYTES * 2 });
  return { ok: r.exitCode === 0, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** A unified diff adding `file` with `text` (what `git diff` prints for a new file, without the index line). */
export function newFileDiff(file: string, text: string): string {
  if (text === '') return `diff --git a/${file} b/${file}\nnew file mode 100644\n`;
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const lines = body.split('\n');
  const tail = text.endsWith('\n') ? '' : '\\ No newline at end of file\n';
  return `diff --git a/${file} b/${file}\nnew file mode 100644\n--- /dev/null\n+++ b/${file}\n@@ -0,0 +1${lines.length === 1 ? '' : `,${lines.length}`} @@\n${lines.map((l) => `+${l}`).join('\n')}\n${tail}`;
}

/** Untracked, not ignored text files as new-file diffs (bounded). */
async function untrackedDiffs(top: string, budget: number): Promise<{ diff: string; files: number; skipped: number }> {
  const listed = await git(top, ['ls-files', '--others', '--exclude-standard', '-z']);
  if (!listed.ok) return { diff: '', files: 0, skipped: 0 };
  const names = listed.stdout.split('\0').filter(Boolean);
  let diff = '';
  let files = 0;
  let skipped = 0;
  for (const name of names) {
    if (files >= MAX_NEW_FILES) {
      skipped++;
      continue;
    }
    const abs = path.join(top, name);
    const st = await stat(abs).catch(() => null);
    if (!st?.isFile() || st.size > MAX_NEW_FILE_BYTES) {
      skipped++;
      continue;
    }
    const bytes = await readFile(abs).catch(() => null);
    // A NUL byte means binary: git shows no lines for those either.
    if (!bytes || bytes.includes(0)) {
      skipped++;
      continue;
    }
    const part = newFileDiff(name, bytes.toString('utf8'));
    if (diff.length + part.length > budget) {
      skipped++;
      continue;
    }
    diff += part;
    files++;
  }
  return { diff, files, skipped };
}

/**
 * The checkout's patch against its base: `git diff <merge-base>` over the worktree plus untracked files.
 * `upstream` names the branch the merge-base is taken against (else the branch's own upstream; else HEAD).
 */
export async function readPatchAgainstBase(repoPath: string, upstream?: string | null): Promise<BasePatch> {
  let state = await readGitState(repoPath, upstream).catch(async (e: unknown) => {
    // A named upstream that does not exist here: fall back to the branch's configured upstream.
    if (upstream && !(e instanceof NotAGitCheckoutError)) return readGitState(repoPath);
    throw e;
  });
  if (upstream && !state.baseCommit) state = await readGitState(repoPath);
  const base = state.baseCommit ?? state.commit;
  const r = await git(state.repoPath, ['diff', '--no-color', '--no-ext-diff', '--no-renames', base, '--']);
  if (!r.ok) throw new NotAGitCheckoutError(`${state.repoPath}: git diff ${base.slice(0, 12)} failed: ${r.stderr.trim().split('\n')[0] ?? ''}`);
  let diff = r.stdout;
  let skipped = 0;
  if (diff.length > MAX_PATCH_BYTES) {
    diff = diff.slice(0, diff.lastIndexOf('\ndiff --git ', MAX_PATCH_BYTES) + 1);
    skipped++;
  }
  const fresh = await untrackedDiffs(state.repoPath, MAX_PATCH_BYTES - diff.length);
  return { repoPath: state.repoPath, base, upstream: state.baseCommit ? state.upstream : null, diff: diff + fresh.diff, newFiles: fresh.files, skipped: skipped + fresh.skipped };
}

/** The top folder of the checkout holding `dir`, or null when it is in none (or git is missing). */
export async function gitTopLevel(dir: string): Promise<string | null> {
  const r = await execa('git', ['rev-parse', '--show-toplevel'], { cwd: dir, reject: false, timeout: 10_000 }).catch(() => null);
  return r && r.exitCode === 0 ? String(r.stdout).trim() || null : null;
}

/** Paths (b/ side) of the files a unified diff changes, in order. */
export function diffFiles(diff: string): string[] {
  return [...diff.matchAll(/^diff --git a\/.+? b\/(.+)$/gm)].map((m) => m[1]);
}

/** The diff with the section of `file` replaced by `fileDiff` (appended when the diff had none; dropped when fileDiff is ''). */
export function replaceFileDiff(diff: string, file: string, fileDiff: string): string {
  const sections = diff.split(/^(?=diff --git )/m);
  const kept = sections.filter((s) => !s.startsWith('diff --git ') || /^diff --git a\/.+? b\/(.+)$/m.exec(s)?.[1] !== file);
  return kept.join('') + fileDiff;
}

/**
 * The diff of `text` (an editor's unsaved buffer of `file`, relative to the checkout) against the base
 * commit's version, with git's own diff: the patch as it is on screen, before it is saved.
 */
export async function diffOfBuffer(repoPath: string, base: string, file: string, text: string): Promise<string> {
  const shown = await git(repoPath, ['show', `${base}:${file}`]);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'xwf-buffer-'));
  try {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    await writeFile(a, shown.ok ? shown.stdout : '');
    await writeFile(b, text);
    // --no-index exits 1 when the files differ: that is the normal case here.
    const r = await execa('git', ['diff', '--no-index', '--no-color', '--no-ext-diff', a, b], { cwd: dir, reject: false, timeout: 30_000, stripFinalNewline: false, maxBuffer: MAX_PATCH_BYTES });
    if (r.exitCode !== 0 && r.exitCode !== 1) return '';
    const body = String(r.stdout ?? '').split('\n');
    const hunk = body.findIndex((l) => l.startsWith('@@ '));
    if (hunk < 0) return '';
    const head = `diff --git a/${file} b/${file}\n${shown.ok ? `--- a/${file}` : '--- /dev/null'}\n+++ b/${file}\n`;
    return head + body.slice(hunk).join('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
