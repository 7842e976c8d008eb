// `xwf validate <files or folders...>`: manifest and JSON-artifact diagnostics for CI, with exit 1 on any error.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { artifactKindOf, validateArtifactJsonBytes, type ArtifactKind } from '../../core/diagnostics/artifactJson';
import type { Diagnostic } from '../../core/diagnostics/diagnostic';
import { toDiagnosticRows, type DiagnosticRow } from '../../core/diagnostics/diagnosticReport';
import { tooLargeDiagnostic } from '../../core/diagnostics/inputChecks';
import { loadRunContext, loadRunManifests } from '../../core/diagnostics/runContext';
import { validateManifestBytes } from '../../core/diagnostics/validateManifest';
import type { Locale } from '../../core/i18n/locale';
import type { ManifestDocument } from '../../core/manifest/manifestModel';
import { discoverRuns, readEntries } from '../../core/runs/runDiscovery';
import { inferKind, matchConventionalLayout } from '../../core/runs/runLayout';
import { MANIFEST_FILE_NAMES, type RunKind } from '../../core/runs/runKinds';
import type { RunRoot } from '../../core/runs/runRoot';
import { DEFAULT_MAX_BYTES } from '../../core/text/textDecoding';
import { EXIT, EnvironmentError, UsageError, writeJson, type CliCommand, type CliIO } from '../command';

interface Target {
  readonly file: string;
  readonly artifact?: ArtifactKind;
  /** The run root the file belongs to, when known. */
  readonly root?: string;
  readonly kind?: RunKind;
}

const RUN_ARTIFACTS = ['metrics.json', 'score.json', 'request_config.json', 'analysis.json'];
const MANIFEST_FILE = /\.(md|ya?ml)$/i;

function isManifestName(name: string): boolean {
  return (MANIFEST_FILE_NAMES as readonly string[]).includes(name);
}

/** The workspace a run root sits in: the folder holding `runs/` or `profiling/`; undefined outside a conventional layout. */
function workspaceOf(root: string): string | undefined {
  const segments = path.resolve(root).split(path.sep).filter(Boolean);
  const n = segments.length;
  if (n >= 3 && segments[n - 3] === 'runs' && matchConventionalLayout(segments)?.kind === segments[n - 2]) return path.resolve(root, '../../..');
  if (n >= 2 && segments[n - 2] === 'profiling') return path.resolve(root, '../..');
  return undefined;
}

function kindOfRoot(root: string, entries: readonly string[]): RunKind {
  const segments = path.resolve(root).split(path.sep).filter(Boolean);
  return matchConventionalLayout(segments)?.kind ?? inferKind(segments, entries.map((e) => e.replace(/\/$/, '')));
}

async function targetsOfRun(run: RunRoot): Promise<Target[]> {
  const targets: Target[] = [];
  if (run.manifestPath) targets.push({ file: run.manifestPath, root: run.root, kind: run.kind });
  for (const name of RUN_ARTIFACTS) {
    if (run.inventory.entries.includes(name)) targets.push({ file: path.join(run.root, name), artifact: artifactKindOf(name), root: run.root, kind: run.kind });
  }
  return targets;
}

async function targetsOfFolder(folder: string): Promise<{ targets: Target[]; runs: RunRoot[] }> {
  const { runs } = await discoverRuns(folder);
  const targets: Target[] = [];
  for (const run of runs) targets.push(...(await targetsOfRun(run)));
  const entries = await readEntries(folder);
  // A run root given directly, outside a conventional layout.
  if (!runs.length) {
    const manifest = MANIFEST_FILE_NAMES.find((n) => entries.includes(n));
    if (manifest) {
      const kind = kindOfRoot(folder, entries);
      targets.push({ file: path.join(folder, manifest), root: folder, kind });
      for (const name of RUN_ARTIFACTS) if (entries.includes(name)) targets.push({ file: path.join(folder, name), artifact: artifactKindOf(name), root: folder, kind });
    }
  }
  for (const name of ['config.json', 'config.example.json']) if (entries.includes(name)) targets.push({ file: path.join(folder, name), artifact: 'config' });
  return { targets, runs };
}

async function targetOfFile(file: string, io: CliIO): Promise<Target | undefined> {
  const name = path.basename(file);
  const root = path.dirname(file);
  const artifact = artifactKindOf(name);
  if (!artifact && !MANIFEST_FILE.test(name)) {
    io.err(io.locale === 'zh-cn' ? `跳过 ${file}：不是运行清单或已知的 JSON 产物\n` : `skipped ${file}: not a manifest or a known JSON artifact\n`);
    return undefined;
  }
  const entries = await readEntries(root).catch(() => [] as string[]);
  // A loose markdown file (README.md) next to no manifest is still checked as a manifest when named explicitly.
  const inRunRoot = entries.some(isManifestName) || !!matchConventionalLayout(path.resolve(root).split(path.sep).filter(Boolean));
  return { file, artifact, root: inRunRoot ? root : undefined, kind: inRunRoot ? kindOfRoot(root, entries) : undefined };
}

async function diagnosticsOf(target: Target, locale: Locale, runs: ReadonlyMap<string, ManifestDocument> | undefined): Promise<Diagnostic[]> {
  const stat = await fs.stat(target.file);
  // Never read a huge file into memory just to refuse it.
  if (stat.size > DEFAULT_MAX_BYTES) return [tooLargeDiagnostic(stat.size, DEFAULT_MAX_BYTES, locale)];
  const bytes = await fs.readFile(target.file);
  if (target.artifact) return validateArtifactJsonBytes(target.artifact, bytes, { locale });
  const context = target.root ? await loadRunContext(target.root, { kind: target.kind, runs }) : { runKind: target.kind, runs };
  return validateManifestBytes(bytes, { fileName: target.file, locale, context });
}

function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: {
    en: 'Check run manifests and JSON artifacts: structure, types, evidence rules, cross-file consistency, credentials',
    zh: '检查运行清单与 JSON 产物：结构、类型、证据规则、跨文件一致性、凭据泄露',
  },
  usage: 'validate <files or folders...> [--json]',
  examples: [
    'xwf validate runs/perf/qwen3-32b-tp4-20260529/manifest.md',
    'xwf validate . --json',
    'xwf validate runs/ profiling/ config.json',
  ],
  options: { json: { type: 'boolean' } },
  optionHelp: { json: 'print JSON rows (schema: schemas/cli-validate.schema.json); exit 1 when any error is found' },
  async run({ positionals, values, io }) {
    if (!positionals.length) throw new UsageError('expected at least one file or folder');
    const targets: Target[] = [];
    const runRoots: RunRoot[] = [];
    const workspaces = new Set<string>();
    for (const arg of positionals) {
      const abs = path.resolve(io.cwd, arg);
      const stat = await fs.stat(abs).catch(() => undefined);
      if (!stat) throw new EnvironmentError(`${arg}: no such file or folder`);
      if (stat.isDirectory()) {
        const found = await targetsOfFolder(abs);
        targets.push(...found.targets);
        runRoots.push(...found.runs);
      } else {
        const t = await targetOfFile(abs, io);
        if (t) targets.push(t);
        const ws = t?.root ? workspaceOf(t.root) : undefined;
        if (ws) workspaces.add(ws);
      }
    }
    // Baselines are looked up among every run of the folders given and of the workspaces of the files given.
    for (const ws of workspaces) runRoots.push(...(await discoverRuns(ws).then((r) => r.runs, () => [] as RunRoot[])));
    const seenRoots = new Set<string>();
    const uniqueRuns = runRoots.filter((r) => !seenRoots.has(r.root) && seenRoots.add(r.root));
    const runs = uniqueRuns.length ? await loadRunManifests(uniqueRuns) : undefined;

    const rows: DiagnosticRow[] = [];
    const seen = new Set<string>();
    let files = 0;
    for (const t of targets) {
      if (seen.has(t.file)) continue;
      seen.add(t.file);
      files++;
      rows.push(...toDiagnosticRows(displayPath(t.file, io.cwd), await diagnosticsOf(t, io.locale, runs)));
    }
    const errors = rows.filter((r) => r.severity === 'error').length;
    if (values.json) {
      writeJson(io, rows);
    } else {
      for (const r of rows) io.out(`${r.file}:${r.line}:${r.column}: ${r.severity} ${r.code}: ${r.message}\n`);
      const warnings = rows.filter((r) => r.severity === 'warning').length;
      io.out(
        io.locale === 'zh-cn'
          ? `检查了 ${files} 个文件：${errors} 个错误，${warnings} 个警告，${rows.length - errors - warnings} 条提示\n`
          : `${files} file(s) checked: ${errors} error(s), ${warnings} warning(s), ${rows.length - errors - warnings} note(s)\n`,
      );
    }
    return errors ? EXIT.findings : EXIT.ok;
  },
};
