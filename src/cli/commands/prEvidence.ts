// `xwf pr-evidence <baseline run> <current run>`: PR-ready Markdown answering the evidence checklist.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { prEvidence } from '../../core/compare/prEvidenceMarkdown';
import { compareRuns } from '../../core/compare/runComparison';
import { writeFileAtomic } from '../../core/fs/atomicWrite';
import { normalizeLocale } from '../../core/i18n/locale';
import { EXIT, EnvironmentError, UsageError, writeJson, type CliCommand } from '../command';
import { COMPARE_OPTION_HELP, COMPARE_OPTIONS, compareOptionsFrom, loadRunArg } from './compare';

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export const prEvidenceCommand: CliCommand = {
  name: 'pr-evidence',
  summary: { en: 'Write PR-ready evidence (Markdown) for a baseline/current pair, with accuracy and profiling runs', zh: '为基线/当前运行生成可直接用于 PR 的证据（Markdown），可附精度与性能采集运行' },
  usage: 'pr-evidence <baseline run> <current run> [--accuracy <run>]... [--profiling <run>]... [--out <file>] [--force] [--json] [--lang en|zh-cn]',
  examples: [
    'xwf pr-evidence runs/perf/qwen3-32b-tp4-baseline runs/perf/qwen3-32b-tp4-fused-rope --accuracy runs/accuracy/qwen3-32b-gsm8k-l3',
    'xwf pr-evidence runs/perf/base runs/perf/new --profiling profiling/decode-new --out pr-evidence.md',
    'XWF_LANG=zh-CN xwf pr-evidence runs/perf/base runs/perf/new --json',
  ],
  options: {
    accuracy: { type: 'string', multiple: true },
    profiling: { type: 'string', multiple: true },
    out: { type: 'string' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
    lang: { type: 'string' },
    ...COMPARE_OPTIONS,
  },
  optionHelp: {
    accuracy: 'accuracy run of the patch: level, score and bad cases are reported (repeatable)',
    profiling: 'profiling run used to explain the change, listed as diagnosis only (repeatable)',
    out: 'write the Markdown to this file (links are relative to its folder); default: print it',
    force: 'replace --out when it already exists',
    json: 'print JSON with the checklist answers and the Markdown (schema: schemas/cli-pr-evidence.schema.json)',
    lang: 'language of the report: en or zh-cn (default: the terminal language)',
    ...COMPARE_OPTION_HELP,
  },
  async run({ positionals, values, io }) {
    if (positionals.length !== 2) throw new UsageError('expected a baseline run and a current run');
    const options = compareOptionsFrom(values);
    const lang = values.lang;
    if (lang !== undefined && (typeof lang !== 'string' || !/^(en|zh)/i.test(lang))) throw new UsageError(`--lang expects en or zh-cn, got '${String(lang)}'`);
    const locale = typeof lang === 'string' ? normalizeLocale(lang) : io.locale;
    const out = typeof values.out === 'string' ? path.resolve(io.cwd, values.out) : null;
    if (out && !values.force && (await fs.stat(out).catch(() => null))) throw new EnvironmentError(`${values.out} already exists; pass --force to replace it`);
    if (out && !(await fs.stat(path.dirname(out)).catch(() => null))?.isDirectory()) throw new EnvironmentError(`${path.dirname(values.out as string)}: no such folder`);

    const [baseline, current] = await Promise.all(positionals.map((p) => loadRunArg(io, p)));
    const accuracy = await Promise.all(list(values.accuracy).map((p) => loadRunArg(io, p)));
    const profiling = await Promise.all(list(values.profiling).map((p) => loadRunArg(io, p)));
    for (const run of accuracy) {
      if (run.accuracy) continue;
      io.err(locale === 'zh-cn' ? `xwf pr-evidence：${run.runId}：没有 score.json，无法报告精度级别与错例\n` : `xwf pr-evidence: ${run.runId}: no score.json, so no accuracy level or bad cases to report\n`);
    }

    const cmp = compareRuns(baseline, current, { ...options, displayPaths: { baseline: positionals[0], current: positionals[1] } });
    const evidence = prEvidence(cmp, { baseline, current, accuracy, profiling, linkBase: out ? path.dirname(out) : io.cwd, locale });
    if (out) {
      await writeFileAtomic(out, evidence.markdown);
      io.err(`${locale === 'zh-cn' ? '已写入' : 'wrote'} ${values.out} (${cmp.verdict})\n`);
    }
    if (values.json) writeJson(io, evidence);
    else if (!out) io.out(evidence.markdown);
    return EXIT.ok;
  },
};
