// Renders PR-ready evidence as Markdown (English or Simplified Chinese). A percentage gain appears only
// when the comparison is a formal PASS or FAIL; otherwise the report says why none is given.
import { catalog } from '../i18n/catalog';
import type { Locale } from '../i18n/locale';
import { METRIC_INFO } from './benchmarkLevels';
import type { Comparison, MetricId, MetricRow, Stat } from './comparisonSchema';
import { formatDelta, formatNumber, formatValue } from './metricFormat';
import { prAnswers, type PrAnswers, type PrEvidenceOptions } from './prEvidence';
import type { EvidenceCommand, EvidenceHygiene, PrEvidence } from './prEvidenceSchema';

const M = {
  title: { en: 'Performance evidence: {0} vs baseline {1}', zh: '性能证据：{0} 对比基线 {1}' },
  verdict: { en: 'Verdict', zh: '结论' },
  formal_pass: { en: 'A formal comparison: every gating metric is within tolerance.', zh: '正式对比：所有判定指标均在容差内。' },
  formal_fail: { en: 'A formal comparison: at least one gating metric is outside tolerance.', zh: '正式对比：至少一个判定指标超出容差。' },
  tolerances: {
    en: 'Tolerances: throughput >= {0} x baseline; TTFT/TPOT/ITL <= {1} x baseline; accuracy >= baseline - {2}.',
    zh: '容差：吞吐 >= {0} x 基线；TTFT/TPOT/ITL <= {1} x 基线；精度 >= 基线 - {2}。',
  },
  reasons: { en: 'Reasons', zh: '原因' },
  notes: { en: 'Notes', zh: '说明' },
  setup: { en: 'Setup', zh: '环境与模型' },
  baseline: { en: 'Baseline', zh: '基线' },
  current: { en: 'Current', zh: '当前' },
  run: { en: 'Run', zh: '运行' },
  model: { en: 'Model', zh: '模型' },
  tokenizer: { en: 'Tokenizer', zh: '分词器' },
  dtype: { en: 'dtype / quantization', zh: 'dtype / 量化' },
  device: { en: 'Devices (model x count)', zh: '设备（型号 x 数量）' },
  framework: { en: 'Framework and commit', zh: '框架与提交' },
  not_recorded: { en: 'not recorded', zh: '未记录' },
  commands: { en: 'Commands', zh: '命令' },
  launch: { en: 'Launch', zh: '启动命令' },
  benchmark: { en: 'Benchmark', zh: '压测命令' },
  same_as_baseline: { en: 'Current: the same command as the baseline.', zh: '当前：与基线命令相同。' },
  from: { en: 'from {0}', zh: '来自 {0}' },
  rebuilt: { en: 'rebuilt from {0}', zh: '由 {0} 还原' },
  no_command: { en: '{0}: no command recorded.', zh: '{0}：未记录命令。' },
  warmup: { en: 'Warm-up and device state', zh: '预热与设备状态' },
  warmup_line: { en: '{0}: warmup_num {1}; {2}', zh: '{0}：warmup_num {1}；{2}' },
  warmup_none: { en: 'not warmed up', zh: '未预热' },
  gate_pass: { en: 'precheck gate passed (env/): the device was clean and idle', zh: '预检门禁通过（env/）：设备干净空闲' },
  gate_fail: { en: 'precheck gate FAILED (env/): the device was not shown clean', zh: '预检门禁未通过（env/）：无法证明设备干净' },
  gate_incomplete: { en: 'gate snapshot env/ present but incomplete', zh: '门禁快照 env/ 存在但不完整' },
  gate_present: { en: 'gate snapshot env/ present (not evaluated here)', zh: '门禁快照 env/ 存在（此处未评估）' },
  gate_absent: { en: 'no gate snapshot env/: a clean device is not shown', zh: '没有门禁快照 env/：无法证明设备干净' },
  profiling: { en: 'Profiling', zh: '性能采集' },
  profiling_only_diag: { en: 'Profiling was used only as diagnosis: no profiler was attached to the compared runs.', zh: '性能采集仅用于诊断：对比运行均未挂载采集器。' },
  profiling_touched: { en: 'Profiling touched the compared numbers: {0}. Those runs are not comparable performance evidence.', zh: '性能采集影响了对比数据：{0}。这些运行不能作为可比的性能证据。' },
  profiling_runs: { en: 'Diagnosis captures: {0}', zh: '诊断采集：{0}' },
  profiling_none: { en: 'No profiling capture is attached to this report.', zh: '本报告未附性能采集。' },
  accuracy: { en: 'Accuracy', zh: '精度' },
  accuracy_none: { en: 'No accuracy run attached: the patch has no accuracy evidence here.', zh: '未附精度运行：本补丁在此没有精度证据。' },
  accuracy_level: { en: 'Highest accuracy level reached: {0}.', zh: '达到的最高精度级别：{0}。' },
  accuracy_level_unknown: { en: 'Accuracy level not recorded in score.json.', zh: 'score.json 未记录精度级别。' },
  accuracy_low_level: { en: 'L1/L2 results are a sanity check, never a full precision conclusion.', zh: 'L1/L2 结果只是基本检查，不能作为完整精度结论。' },
  accuracy_line: { en: '{0} ({1}, {2}): {3}/{4} correct, score {5}, status {6}; bad cases: {7}', zh: '{0}（{1}，{2}）：{3}/{4} 正确，得分 {5}，状态 {6}；错例：{7}' },
  no_failed_file: { en: 'no failed_cases.jsonl', zh: '无 failed_cases.jsonl' },
  patch: { en: 'What the patch changed', zh: '补丁改动' },
  commits: { en: 'Commits: baseline {0} -> current {1}', zh: '提交：基线 {0} -> 当前 {1}' },
  branch: { en: 'Branch {0}, base commit {1}', zh: '分支 {0}，合并基点 {1}' },
  purpose: { en: 'Purpose: {0}', zh: '目的：{0}' },
  worktree_clean: { en: 'Worktree: clean at the measured commit.', zh: '工作区：测量时无未提交修改。' },
  worktree_dirty: { en: 'Worktree: `{0}`; diff saved: {1}', zh: '工作区：`{0}`；已保存 diff：{1}' },
  worktree_dirty_nodiff: { en: 'Worktree: `{0}`; NO diff saved in the run root', zh: '工作区：`{0}`；运行根目录中没有保存 diff' },
  risks: { en: 'Remaining risks', zh: '遗留风险' },
  risks_none: { en: 'None recorded in the manifests (Notes: known_risks, deviations).', zh: '清单中未记录（Notes：known_risks、deviations）。' },
  fairness: { en: 'Fairness', zh: '公平性' },
  experiment: { en: 'Experiment parameter: {0} ({1}).', zh: '实验变量：{0}（{1}）。' },
  experiment_none: { en: 'No single parameter declared as the experiment; the code change is the difference.', zh: '未声明单一实验参数；差异为代码改动。' },
  fairness_all_equal: { en: '{0} compared fields are equal in both manifests (startup flags compared as a set).', zh: '两份清单中 {0} 个对比字段一致（启动参数按集合比较）。' },
  fairness_rows: { en: 'Fields that differ or are unknown:', zh: '不同或未知的字段：' },
  field: { en: 'Field', zh: '字段' },
  status: { en: 'Status', zh: '状态' },
  results: { en: 'Results', zh: '结果' },
  metric: { en: 'Metric', zh: '指标' },
  delta: { en: 'Δ (current - baseline)', zh: 'Δ（当前 - 基线）' },
  checks: { en: 'Tolerance checks', zh: '容差检查' },
  limit: { en: 'Limit', zh: '界限' },
  result: { en: 'Result', zh: '结果' },
  no_results: { en: 'No level was measured in both runs.', zh: '两次运行没有相同的测量级别。' },
  artifacts: { en: 'Artifacts that reproduce the conclusion', zh: '可复现结论的产物' },
  role_accuracy: { en: 'Accuracy', zh: '精度' },
  role_profiling: { en: 'Profiling (diagnosis)', zh: '性能采集（诊断）' },
  sys_note: { en: 'avg of a throughput is the run\'s measured system rate; its p50/p90/p99 are per-request rates.', zh: '吞吐的 avg 为整体测得速率；p50/p90/p99 为单请求速率。' },
} as const;

const t = catalog(M);

/** A label's colon: full-width in Chinese text. */
function colon(locale: Locale): string {
  return locale === 'zh-cn' ? '：' : ':';
}

function cell(s: string | null | undefined): string {
  return (s ?? '—').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ') || '—';
}

function code(s: string | null): string {
  if (!s) return '—';
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${s}${ticks}`;
}

function fence(text: string, lang = 'bash'): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return [f + lang, text, f];
}

function short(commit: string | null): string {
  return commit ? code(commit.length > 12 ? commit.slice(0, 12) : commit) : '—';
}

function commandBlock(locale: Locale, c: EvidenceCommand): string[] {
  const where = c.reconstructed ? t(locale, 'rebuilt', code(c.source)) : t(locale, 'from', code(c.source));
  return [`_${where}_`, '', ...fence(c.text), ''];
}

function hygieneLine(locale: Locale, who: string, h: EvidenceHygiene): string {
  const warm = h.warmup_num === null ? t(locale, 'not_recorded') : String(h.warmup_num);
  const gate = !h.gate_present
    ? t(locale, 'gate_absent')
    : h.gate_verdict === 'pass'
      ? t(locale, 'gate_pass')
      : h.gate_verdict === 'fail'
        ? t(locale, 'gate_fail')
        : h.gate_verdict === 'incomplete'
          ? t(locale, 'gate_incomplete')
          : t(locale, 'gate_present');
  const line = t(locale, 'warmup_line', who, warm, gate);
  return h.warmup_num === null || h.warmup_num < 1 ? `${line} (${t(locale, 'warmup_none')})` : line;
}

const TABLE_METRICS: readonly MetricId[] = ['ttft', 'tpot', 'itl', 'e2e', 'output_tps', 'total_tps', 'request_throughput', 'request_output_tps', 'accuracy'];
const TABLE_STATS: readonly Stat[] = ['avg', 'p50', 'p90', 'p99'];

function resultTables(locale: Locale, cmp: Comparison): string[] {
  const out: string[] = [];
  const levels = cmp.levels.filter((l) => l.in_baseline && l.in_current);
  if (!levels.length) return [t(locale, 'no_results'), ''];
  for (const level of levels) {
    const rows = cmp.metrics.filter((r) => r.level === level.key);
    out.push(`### ${locale === 'zh-cn' ? level.label_zh : level.label_en}`, '');
    if (level.key === 'accuracy') {
      const r = rows[0];
      out.push(`| ${t(locale, 'metric')} | ${t(locale, 'baseline')} | ${t(locale, 'current')} |${cmp.gain.allowed ? ` ${t(locale, 'delta')} |` : ''}`);
      out.push(cmp.gain.allowed ? '|---|---:|---:|---:|' : '|---|---:|---:|');
      if (r) out.push(`| ${METRIC_INFO.accuracy.label} | ${formatValue(r.baseline, r.unit)} | ${formatValue(r.current, r.unit)} |${cmp.gain.allowed ? ` ${formatDelta(r)} |` : ''}`);
      out.push('');
      continue;
    }
    out.push(`| ${t(locale, 'metric')} | ${t(locale, 'run')} | avg | p50 | p90 | p99 |`, '|---|---|---:|---:|---:|---:|');
    for (const metric of TABLE_METRICS) {
      const mine = rows.filter((r) => r.metric === metric);
      if (!mine.length) continue;
      const info = METRIC_INFO[metric];
      const get = (stat: Stat) => mine.find((r) => r.stat === stat);
      const line = (label: string, pick: (r: MetricRow) => string) => `| ${label} | ${TABLE_STATS.map((s) => (get(s) ? pick(get(s)!) : '—')).join(' | ')} |`;
      out.push(line(`${info.label} (${info.unit}) | ${t(locale, 'baseline')}`, (r) => formatNumber(r.baseline)));
      out.push(line(` | ${t(locale, 'current')}`, (r) => formatNumber(r.current)));
      if (cmp.gain.allowed) out.push(line(` | Δ`, (r) => formatDelta(r).replace(` ${r.unit}`, '')));
    }
    out.push('', `_${t(locale, 'sys_note')}_`, '');
  }
  if (cmp.gain.allowed) {
    const gating = cmp.metrics.filter((r) => r.gating && r.status !== 'missing');
    if (gating.length) {
      out.push(`### ${t(locale, 'checks')}`, '', `| ${t(locale, 'metric')} | ${t(locale, 'baseline')} | ${t(locale, 'current')} | ${t(locale, 'limit')} | ${t(locale, 'result')} |`, '|---|---:|---:|---:|---|');
      for (const r of gating) {
        const level = cmp.levels.find((l) => l.key === r.level);
        const label = `${METRIC_INFO[r.metric].label} ${r.stat}${cmp.levels.length > 1 && level ? ` @ ${locale === 'zh-cn' ? level.label_zh : level.label_en}` : ''}`;
        out.push(`| ${label} | ${formatValue(r.baseline, r.unit)} | ${formatValue(r.current, r.unit)} | ${r.better === 'lower' ? '<=' : '>='} ${formatValue(r.limit, r.unit)} | ${r.status.toUpperCase()} |`);
      }
      out.push('');
    }
  }
  return out;
}

/** Markdown of the answers and the comparison. */
export function renderPrMarkdown(cmp: Comparison, a: PrAnswers, locale: Locale = 'en'): string {
  const L: string[] = [];
  const b = a.setup.baseline;
  const c = a.setup.current;
  const B = t(locale, 'baseline');
  const C = t(locale, 'current');
  L.push(`# ${t(locale, 'title', code(a.current_run_id), code(a.baseline_run_id))}`, '');

  // Verdict first: a reader of the PR sees the conclusion and whether a gain may be quoted.
  L.push(`**${t(locale, 'verdict')}${colon(locale)}${locale === 'zh-cn' ? '' : ' '}${cmp.verdict}**`, '');
  if (cmp.verdict === 'PASS') L.push(t(locale, 'formal_pass'), '');
  if (cmp.verdict === 'FAIL') L.push(t(locale, 'formal_fail'), '');
  if (!cmp.gain.allowed) L.push(`> ${(locale === 'zh-cn' ? cmp.gain.message_zh : cmp.gain.message_en) ?? ''}`, '');
  L.push(t(locale, 'tolerances', cmp.tolerances.throughput, cmp.tolerances.latency, cmp.tolerances.accuracy), '');
  const blocking = cmp.reasons.filter((r) => r.effect !== 'note');
  const notes = cmp.reasons.filter((r) => r.effect === 'note');
  const msg = (r: Comparison['reasons'][number]) => (locale === 'zh-cn' ? r.message_zh : r.message_en);
  if (blocking.length) L.push(`${t(locale, 'reasons')}${colon(locale)}`, '', ...blocking.map((r) => `- **${r.effect}** ${msg(r)}`), '');
  if (notes.length) L.push(`${t(locale, 'notes')}${colon(locale)}`, '', ...notes.map((r) => `- ${msg(r)}`), '');

  L.push(`## ${t(locale, 'setup')}`, '', `| | ${B} | ${C} |`, '|---|---|---|');
  const setupRow = (label: string, f: (s: typeof b) => string) => L.push(`| ${label} | ${cell(f(b))} | ${cell(f(c))} |`);
  setupRow(t(locale, 'run'), (s) => code(s.run_id));
  setupRow(t(locale, 'model'), (s) => `${s.model_name ?? t(locale, 'not_recorded')}${s.model_path ? ` (${code(s.model_path)})` : ''}`);
  setupRow(t(locale, 'tokenizer'), (s) => (s.tokenizer_path ? code(s.tokenizer_path) : t(locale, 'not_recorded')));
  setupRow(t(locale, 'dtype'), (s) => `${s.dtype ?? t(locale, 'not_recorded')} / ${s.quantization ?? t(locale, 'not_recorded')}`);
  setupRow(t(locale, 'device'), (s) => `${s.npu_model ?? t(locale, 'not_recorded')} x ${s.device_count ?? '?'}${s.devices ? ` (${s.devices})` : ''}`);
  setupRow(t(locale, 'framework'), (s) => `${s.framework ?? t(locale, 'not_recorded')} ${s.commit ? code(s.commit) : t(locale, 'not_recorded')}${s.branch ? ` (${s.branch})` : ''}`);
  L.push('');

  L.push(`## ${t(locale, 'commands')}`, '', `### ${t(locale, 'launch')}`, '');
  const lb = a.commands.launch.baseline;
  const lc = a.commands.launch.current;
  if (lb) L.push(`${B}${colon(locale)}`, '', ...commandBlock(locale, lb));
  else L.push(t(locale, 'no_command', B), '');
  if (lc && lb && lc.text.trim() === lb.text.trim()) L.push(t(locale, 'same_as_baseline'), '');
  else if (lc) L.push(`${C}${colon(locale)}`, '', ...commandBlock(locale, lc));
  else L.push(t(locale, 'no_command', C), '');
  L.push(`### ${t(locale, 'benchmark')}`, '');
  const bb = a.commands.benchmark.baseline;
  const bc = a.commands.benchmark.current;
  if (bb.length) L.push(`${B}${colon(locale)}`, '', ...bb.flatMap((x) => commandBlock(locale, x)));
  else L.push(t(locale, 'no_command', B), '');
  if (bc.length && bb.length && bc.map((x) => x.text).join('\n') === bb.map((x) => x.text).join('\n')) L.push(t(locale, 'same_as_baseline'), '');
  else if (bc.length) L.push(`${C}${colon(locale)}`, '', ...bc.flatMap((x) => commandBlock(locale, x)));
  else L.push(t(locale, 'no_command', C), '');

  L.push(`## ${t(locale, 'warmup')}`, '', `- ${hygieneLine(locale, B, a.warmup_clean.baseline)}`, `- ${hygieneLine(locale, C, a.warmup_clean.current)}`, '');

  L.push(`## ${t(locale, 'profiling')}`, '');
  L.push(`- ${a.profiling.diagnosis_only ? t(locale, 'profiling_only_diag') : t(locale, 'profiling_touched', a.profiling.compared_runs_profiled.map(code).join(', '))}`);
  if (a.profiling.diagnosis_runs.length) L.push(`- ${t(locale, 'profiling_runs', a.profiling.diagnosis_runs.map((p) => `[${p.run_id}](${p.link})`).join(', '))}`);
  else L.push(`- ${t(locale, 'profiling_none')}`);
  L.push('');

  L.push(`## ${t(locale, 'accuracy')}`, '');
  if (!a.accuracy.runs.length) L.push(`- ${t(locale, 'accuracy_none')}`);
  else {
    L.push(`- ${a.accuracy.highest_level ? t(locale, 'accuracy_level', a.accuracy.highest_level) : t(locale, 'accuracy_level_unknown')}`);
    for (const r of a.accuracy.runs) {
      const bad = r.failed_cases ? `[failed_cases.jsonl](${r.failed_cases})${r.failed_case_count !== null ? ` (${r.failed_case_count})` : ''}` : t(locale, 'no_failed_file');
      L.push(`- ${t(locale, 'accuracy_line', code(r.run_id), r.dataset ?? '?', r.level ?? '?', r.num_correct ?? '?', r.num_total ?? '?', r.score === null ? '?' : formatNumber(r.score, 4), r.status ?? '?', bad)}`);
    }
    if (a.accuracy.highest_level === 'L1' || a.accuracy.highest_level === 'L2') L.push(`- ${t(locale, 'accuracy_low_level')}`);
  }
  L.push('');

  L.push(`## ${t(locale, 'patch')}`, '', `- ${t(locale, 'commits', short(a.patch.baseline_commit), short(a.patch.current_commit))}`);
  if (a.patch.branch || a.patch.base_commit) L.push(`- ${t(locale, 'branch', a.patch.branch ?? '—', short(a.patch.base_commit))}`);
  if (a.patch.purpose) L.push(`- ${t(locale, 'purpose', a.patch.purpose)}`);
  if (!a.patch.git_status_short) L.push(`- ${t(locale, 'worktree_clean')}`);
  else if (a.patch.diff_files.length) L.push(`- ${t(locale, 'worktree_dirty', a.patch.git_status_short.trim(), a.patch.diff_files.map((d) => `[${d.label}](${d.link})`).join(', '))}`);
  else L.push(`- ${t(locale, 'worktree_dirty_nodiff', a.patch.git_status_short.trim())}`);
  L.push('', `## ${t(locale, 'risks')}`, '');
  const risks = [...a.risks, ...notes.map(msg)];
  L.push(...(risks.length ? risks.map((r) => `- ${r}`) : [`- ${t(locale, 'risks_none')}`]), '');

  L.push(`## ${t(locale, 'fairness')}`, '');
  L.push(cmp.experiment.field ? t(locale, 'experiment', code(cmp.experiment.field), cmp.experiment.source) : t(locale, 'experiment_none'), '');
  const equal = cmp.fairness.rows.filter((r) => r.status === 'equal').length;
  L.push(t(locale, 'fairness_all_equal', equal), '');
  const odd = cmp.fairness.rows.filter((r) => r.status === 'different' || r.status === 'allowed' || (r.status === 'unknown' && r.required));
  if (odd.length) {
    L.push(t(locale, 'fairness_rows'), '', `| ${t(locale, 'field')} | ${B} | ${C} | ${t(locale, 'status')} |`, '|---|---|---|---|');
    for (const r of odd) L.push(`| ${cell(r.label)} | ${cell(r.baseline || '—')} | ${cell(r.current || '—')} | ${r.status} |`);
    L.push('');
  }

  L.push(`## ${t(locale, 'results')}`, '', ...resultTables(locale, cmp));

  L.push(`## ${t(locale, 'artifacts')}`, '');
  for (const group of a.artifacts) {
    const role = group.role === 'baseline' ? B : group.role === 'current' ? C : group.role === 'accuracy' ? t(locale, 'role_accuracy') : t(locale, 'role_profiling');
    L.push(`- ${role} ${code(group.run_id)}: ${group.items.map((i) => `[${i.label}](${i.link})`).join(', ') || '—'}`);
  }
  L.push('');
  return L.join('\n');
}

/** PR-ready Markdown for a comparison, answering every item of the formats.md section 4 checklist. */
export function renderPrEvidence(cmp: Comparison, options: PrEvidenceOptions): string {
  return renderPrMarkdown(cmp, prAnswers(cmp, options), options.locale ?? 'en');
}

/** The answers and their Markdown, as `xwf pr-evidence --json` prints them. */
export function prEvidence(cmp: Comparison, options: PrEvidenceOptions): PrEvidence {
  const answers = prAnswers(cmp, options);
  return { ...answers, markdown: renderPrMarkdown(cmp, answers, options.locale ?? 'en') };
}
