// The comparison panel: verdict with reasons, fairness table, metrics with colored deltas, and charts.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './compare.css';
import type { Comparison, MetricRow } from '../../core/compare/comparisonSchema';
import type { Sweep } from '../../core/compare/sweepSeries';
import { isHostToCompareMessage, type CompareToHostMessage, type PanelLocale } from '../../shared/comparePanelProtocol';
import { text, type LabelKey } from './compareLabels';
import { el } from '../shared/dom';

declare function acquireVsCodeApi(): { postMessage(message: CompareToHostMessage): void };
const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
let locale: PanelLocale = 'en';
const t = (key: LabelKey) => text(locale, key);

/** VS Code theme colors for the charts (canvas cannot read CSS variables itself). */
function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

const fmt = (v: number | null, unit: string) => (v === null ? '—' : `${Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2)}${unit === 'score' ? '' : ' ' + unit}`);

function verdictBanner(cmp: Comparison): HTMLElement {
  const box = el('section', `verdict v-${cmp.verdict.toLowerCase()}`);
  box.setAttribute('role', 'status');
  box.append(el('h2', undefined, `${t('verdict')}: ${cmp.verdict}`));
  box.append(el('p', 'runs', `${t('baseline')} ${cmp.baseline.run_id} → ${t('current')} ${cmp.current.run_id}`));
  if (!cmp.gain.allowed) box.append(el('p', 'withheld', (locale === 'zh-cn' ? cmp.gain.message_zh : cmp.gain.message_en) ?? t('gainWithheld')));
  if (cmp.reasons.length) {
    const ul = el('ul');
    for (const r of cmp.reasons) ul.append(el('li', `effect-${r.effect.toLowerCase()}`, locale === 'zh-cn' ? r.message_zh : r.message_en));
    box.append(ul);
  }
  const actions = el('div', 'actions');
  const pr = el('button', undefined, t('prEvidence'));
  pr.addEventListener('click', () => vscode.postMessage({ type: 'prEvidence' }));
  const ob = el('button', 'secondary', t('openBaseline'));
  ob.addEventListener('click', () => vscode.postMessage({ type: 'openManifest', role: 'baseline' }));
  const oc = el('button', 'secondary', t('openCurrent'));
  oc.addEventListener('click', () => vscode.postMessage({ type: 'openManifest', role: 'current' }));
  actions.append(pr, ob, oc);
  box.append(actions);
  return box;
}

function fairnessTable(cmp: Comparison): HTMLElement {
  const section = el('section');
  section.append(el('h3', undefined, `${t('fairness')} — ${cmp.fairness.fair ? t('fair') : t('notFair')}`));
  const table = el('table', 'fairness');
  const head = el('tr');
  for (const h of [t('field'), t('baseline'), t('current'), t('status')]) head.append(el('th', undefined, h));
  table.append(head);
  for (const row of cmp.fairness.rows) {
    const tr = el('tr', `f-${row.status}`);
    tr.append(el('td', undefined, row.label), el('td', 'mono', row.baseline || '—'), el('td', 'mono', row.current || '—'), el('td', undefined, t(`status_${row.status}` as LabelKey)));
    table.append(tr);
  }
  section.append(table);
  return section;
}

function deltaCell(row: MetricRow): HTMLElement {
  const td = el('td', 'num');
  if (row.delta === null || row.delta_pct === null) {
    td.textContent = row.status === 'withheld' ? t('withheld') : '—';
    return td;
  }
  const better = row.better === 'lower' ? row.delta < 0 : row.delta > 0;
  td.className = `num ${row.delta === 0 ? '' : better ? 'better' : 'worse'}`;
  td.textContent = `${row.delta > 0 ? '+' : ''}${row.delta_pct.toFixed(1)}%`;
  return td;
}

function metricsTable(cmp: Comparison): HTMLElement {
  const section = el('section');
  section.append(el('h3', undefined, t('metrics')));
  for (const level of cmp.levels) {
    const rows = cmp.metrics.filter((m) => m.level === level.key);
    if (!rows.length) continue;
    section.append(el('h4', undefined, locale === 'zh-cn' ? level.label_zh : level.label_en));
    const table = el('table', 'metrics');
    const head = el('tr');
    for (const h of [t('metric'), t('stat'), t('baseline'), t('current'), t('delta'), t('limit'), t('status')]) head.append(el('th', undefined, h));
    table.append(head);
    for (const row of rows) {
      const tr = el('tr', row.gating ? 'gating' : '');
      tr.append(
        el('td', undefined, row.metric),
        el('td', undefined, row.stat),
        el('td', 'num', fmt(row.baseline, row.unit)),
        el('td', 'num', fmt(row.current, row.unit)),
        deltaCell(row),
        el('td', 'num', row.limit === null ? '' : fmt(row.limit, row.unit)),
        el('td', `s-${row.status}`, t(`m_${row.status}` as LabelKey)),
      );
      table.append(tr);
    }
    section.append(table);
  }
  return section;
}

/** Percentile bars (avg, p50, p90, p99) of baseline and current for one metric. */
function percentileChart(cmp: Comparison, metric: MetricRow['metric'], title: string): HTMLElement | null {
  const level = cmp.levels.find((l) => l.in_baseline && l.in_current)?.key;
  const stats = ['avg', 'p50', 'p90', 'p99'] as const;
  const rows = stats.map((s) => cmp.metrics.find((m) => m.level === level && m.metric === metric && m.stat === s));
  if (rows.every((r) => !r || (r.baseline === null && r.current === null))) return null;
  const box = el('figure', 'chart');
  box.append(el('figcaption', undefined, `${title} (${rows.find((r) => r)?.unit ?? ''})`));
  const data: uPlot.AlignedData = [stats.map((_, i) => i), rows.map((r) => r?.baseline ?? null), rows.map((r) => r?.current ?? null)];
  const bars = uPlot.paths.bars!;
  const fg = themeColor('--vscode-foreground', '#888');
  const grid = themeColor('--vscode-panel-border', '#8884');
  const chart = new uPlot(
    {
      width: 380,
      height: 220,
      // Bars start at zero, or their heights would exaggerate the difference.
      scales: { x: { time: false, range: [-0.5, stats.length - 0.5] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [
        { stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid }, splits: () => stats.map((_, i) => i), values: (_u, splits) => splits.map((i) => stats[i] ?? '') },
        { stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid } },
      ],
      series: [
        {},
        { label: t('baseline'), fill: themeColor('--vscode-charts-blue', '#3794ff'), stroke: themeColor('--vscode-charts-blue', '#3794ff'), paths: bars({ size: [0.35, 60], align: -1 }), points: { show: false } },
        { label: t('current'), fill: themeColor('--vscode-charts-orange', '#d18616'), stroke: themeColor('--vscode-charts-orange', '#d18616'), paths: bars({ size: [0.35, 60], align: 1 }), points: { show: false } },
      ],
      legend: { show: true },
    },
    data,
    box,
  );
  void chart;
  return box;
}

function render(cmp: Comparison): void {
  app.replaceChildren(verdictBanner(cmp));
  const charts = el('section', 'charts');
  for (const [m, title] of [['ttft', 'TTFT'], ['tpot', 'TPOT'], ['itl', 'ITL']] as const) {
    const c = percentileChart(cmp, m, title);
    if (c) charts.append(c);
  }
  if (charts.childElementCount) app.append(charts);
  app.append(metricsTable(cmp), fairnessTable(cmp));
}

function renderSweep(sweep: Sweep, runIds: readonly string[]): void {
  app.replaceChildren(el('h2', undefined, `${t('sweep')}: ${runIds.join(', ')}`));
  if (sweep.best) app.append(el('p', 'best', `${t('best')}: ${sweep.best.runId} @ ${sweep.best.concurrency}`));
  const fg = themeColor('--vscode-foreground', '#888');
  const grid = themeColor('--vscode-panel-border', '#8884');
  const palette = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'].map((c) => themeColor(c, '#3794ff'));
  const groups: [string, (s: Sweep['series'][number]) => boolean][] = [
    [t('latency'), (s) => s.unit === 'ms' && (s.metric === 'ttft' || s.metric === 'tpot')],
    [t('throughput'), (s) => s.better === 'higher'],
  ];
  const charts = el('section', 'charts');
  for (const [title, pick] of groups) {
    const series = sweep.series.filter(pick);
    if (!series.length) continue;
    const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
    const data: (number | null)[][] = [xs, ...series.map((s) => xs.map((x) => s.points.find((p) => p.x === x)?.y ?? null))];
    const sla = title === t('latency') ? sweep.slaLines : [];
    for (const line of sla) data.push(xs.map(() => line.value));
    const box = el('figure', 'chart wide');
    box.append(el('figcaption', undefined, title));
    new uPlot(
      {
        width: 560,
        height: 260,
        scales: { x: { time: false } },
        axes: [
          { stroke: fg, grid: { stroke: grid }, label: t('concurrency') },
          { stroke: fg, grid: { stroke: grid } },
        ],
        series: [
          {},
          ...series.map((s, i) => ({ label: `${s.metric} ${s.stat} (${s.unit})`, stroke: palette[i % palette.length], width: 2 })),
          ...sla.map((l) => ({ label: `SLA ${l.metric} ${l.stat}`, stroke: themeColor('--vscode-errorForeground', '#f14c4c'), dash: [6, 4] })),
        ],
      },
      data as uPlot.AlignedData,
      box,
    );
    charts.append(box);
  }
  app.append(charts);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data;
  if (!isHostToCompareMessage(msg)) return;
  if (msg.type === 'error') {
    app.replaceChildren(el('p', 'error', msg.message));
    return;
  }
  locale = msg.locale;
  if (msg.type === 'comparison') render(msg.comparison);
  else renderSweep(msg.sweep, msg.runIds);
});
vscode.postMessage({ type: 'ready' });
