// report.md of a remote perf run: outcome, headline numbers, gate, exact commands and where the evidence is.

export interface RunReportInput {
  readonly title: string;
  /** Lines under "Headline", written by the run kind's flow. */
  readonly headline: readonly string[];
  readonly runId: string;
  readonly level: string;
  readonly status: string;
  readonly conclusion: string;
  readonly reason: string | null;
  readonly model: string;
  readonly hostLabel: string;
  readonly container: string | null;
  readonly devices: readonly number[];
  readonly gate: { readonly verdict: string; readonly reasons: readonly string[] } | null;
  readonly serviceReused: boolean;
  readonly startupCommand: string | null;
  readonly workloadCommand: string | null;
  readonly versions: Readonly<Record<string, string>>;
  readonly artifacts: readonly string[];
  readonly refused: readonly { path: string; reason: string }[];
}

export function renderRunReport(r: RunReportInput): string {
  const lines = [
    `# ${r.title} ${r.runId}`,
    '',
    `- level: ${r.level}`,
    `- outcome: ${r.status} (conclusion_status: ${r.conclusion})`,
    ...(r.reason ? [`- reason: ${r.reason}`] : []),
    `- model: ${r.model}`,
    `- host: ${r.hostLabel}${r.container ? ` (container ${r.container})` : ''}`,
    `- devices: ${r.devices.join(',')}`,
    `- service: ${r.serviceReused ? 'reused a healthy running service' : 'started for this run'}`,
    '',
    '## Headline',
    '',
    ...r.headline,
    '',
    '## Precheck gate',
    '',
  ];
  if (r.gate) {
    lines.push(`- verdict: ${r.gate.verdict}`);
    for (const reason of r.gate.reasons) lines.push(`  - ${reason}`);
  } else lines.push('- not part of this run');
  lines.push('', '## Commands', '');
  lines.push('Service:', '', '```sh', r.startupCommand ?? '(reused; not started by this run)', '```', '');
  lines.push('Workload:', '', '```sh', r.workloadCommand ?? '(not started)', '```', '');
  const versions = Object.entries(r.versions);
  if (versions.length) lines.push('## Versions reported by the host', '', ...versions.map(([k, v]) => `- ${k}: ${v}`), '');
  lines.push('## Artifacts', '', ...r.artifacts.map((a) => `- ${a}`), '');
  if (r.refused.length) lines.push('## Refused archive entries', '', ...r.refused.map((e) => `- ${e.path}: ${e.reason}`), '');
  return lines.join('\n');
}
