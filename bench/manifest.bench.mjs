#!/usr/bin/env node
// Manifest checking latency on a 300-line hand-written perf manifest: full validation (parse + every rule with a
// realistic run-root context), parse and rules apart, the same values as YAML, and completion/hover latency on
// the same document. References, timed call by call in the same loop: JSON.parse(JSON.stringify(...)) of the
// manifest's values as an object, and a plain line split of the same text.
// Usage: node bench/manifest.bench.mjs [--iterations 2000] [--warmup 200] [--lines 300] [--big]
//   --big   10,000 iterations
import { createRequire } from 'node:module';
import { flag, numberArg } from './lib/args.mjs';
import { loadCore } from './lib/coreBundle.mjs';
import { BASELINE_ID, LONG_RUN_ENTRIES, LONG_RUN_METRICS, RUN_ID, longManifestText } from './lib/longManifest.mjs';
import { emitJson, formatValue, loadLine, printTable } from './lib/report.mjs';
import { timeSyncInterleaved } from './lib/stats.mjs';

const ITERATIONS = numberArg('iterations', flag('big') ? 10000 : 2000);
const LINES = numberArg('lines', 300);
const WARMUP = numberArg('warmup', 200);
const TARGET_P95_MS = 5;

const core = await loadCore('manifest', {
  'src/core/diagnostics/validateManifest.ts': ['validateManifest', 'validateManifestDocument', 'parseManifest'],
  'src/core/manifest/manifestCompletion.ts': ['manifestCompletions'],
  'src/core/manifest/manifestHover.ts': ['manifestHover'],
});
const YAML = createRequire(import.meta.url)('yaml');

const text = longManifestText({ targetLines: LINES });
const fileName = `runs/perf/${RUN_ID}/manifest.md`;
const doc = core.parseManifest(text, fileName);

// The same values as a plain object: the JSON reference, and the YAML form of the manifest.
const values = {};
for (const e of doc.entries) (values[e.section ?? ''] ??= {})[e.key] = e.text;
const yamlText = YAML.stringify(values, { lineWidth: 0 });
const yamlName = `runs/perf/${RUN_ID}/manifest.yaml`;

// What the server knows around the file: the run root's listing, metrics.json, and the workspace's other manifests.
const runs = new Map([[BASELINE_ID, core.parseManifest(longManifestText({ baseline: true }), `runs/perf/${BASELINE_ID}/manifest.md`)]]);
for (let k = 0; k < 50; k++) {
  const id = `qwen3-32b-tp4-sweep-${k}`;
  runs.set(id, core.parseManifest(longManifestText({ baseline: true, seed: 100 + k }).replace(BASELINE_ID, id), `runs/perf/${id}/manifest.md`));
}
const entrySet = new Set(LONG_RUN_ENTRIES);
const context = {
  runKind: 'perf',
  runId: RUN_ID,
  entries: LONG_RUN_ENTRIES,
  exists: (rel) => entrySet.has(rel) || entrySet.has(`${rel}/`) || LONG_RUN_ENTRIES.some((e) => e.startsWith(`${rel}/`)),
  metrics: LONG_RUN_METRICS,
  score: null,
  runs,
};
const options = { fileName, locale: 'en', context };

const diagnostics = core.validateManifest(text, options);
const yamlDiagnostics = core.validateManifest(yamlText, { ...options, fileName: yamlName });
const lineCount = text.split('\n').length;

// Completion and hover positions on the same document.
const lines = text.split('\n');
const lineOf = (prefix) => lines.findIndex((l) => l.startsWith(prefix));
const workloadBlank = lineOf('- extra_body') + 1; // the blank line that ends the Workload section: keys + sections
const levelLine = lineOf('- level:');
const modelLine = lineOf('- model_name:');
const nextStepsLine = lineOf('- next_steps:');
const completionContext = {
  locale: 'en',
  workspaceValues: { model_name: ['DeepSeek-V3-w8a8', 'GLM-4.5-Air', 'Qwen2.5-72B-Instruct', 'Qwen3-32B', 'Qwen3-8B'], host: Array.from({ length: 24 }, (_, i) => `npu-node-${String(i + 1).padStart(2, '0')}`) },
  runEntries: LONG_RUN_ENTRIES,
};
const atKeyStart = { line: workloadBlank, character: 0 };
const atLevelValue = { line: levelLine, character: '- level: '.length };
const atModelValue = { line: modelLine, character: '- model_name: '.length };
const atLastKey = { line: nextStepsLine, character: 4 };
const completionCount = core.manifestCompletions(doc, atKeyStart, completionContext).length;
if (!completionCount || !core.manifestHover(doc, atLastKey, 'en')) throw new Error('completion or hover found nothing at the chosen positions');

const check = (n) => {
  if (n === undefined) throw new Error('no result');
};
const t = timeSyncInterleaved(
  {
    validate: () => check(core.validateManifest(text, options)),
    parse: () => check(core.parseManifest(text, fileName)),
    rules: () => check(core.validateManifestDocument(doc, options)),
    validateYaml: () => check(core.validateManifest(yamlText, { ...options, fileName: yamlName })),
    json: () => check(JSON.parse(JSON.stringify(values))),
    split: () => check(text.split('\n')),
    completeKeys: () => check(core.manifestCompletions(doc, atKeyStart, completionContext)),
    completeEnum: () => check(core.manifestCompletions(doc, atLevelValue, completionContext)),
    completeModel: () => check(core.manifestCompletions(doc, atModelValue, completionContext)),
    completeAfterEdit: () => check(core.manifestCompletions(core.parseManifest(text, fileName), atKeyStart, completionContext)),
    hover: () => check(core.manifestHover(doc, atLastKey, 'en')),
    hoverAfterEdit: () => check(core.manifestHover(core.parseManifest(text, fileName), atLastKey, 'en')),
  },
  { warmup: WARMUP, iterations: ITERATIONS },
);

const ref = t.json.wall.p50;
const fmt = (ms) => formatValue(ms, 'ms');
/** One latency row: wall p50 as the value and the ratio, wall p95 and CPU p50/p95 in the note. */
const row = (name, s, extra = {}) => ({
  name,
  value: s.wall.p50,
  unit: 'ms',
  ratio: s.wall.p50 / ref,
  refName: 'JSON round trip',
  p95: s.wall.p95,
  cpuP50: s.cpu.p50,
  cpuP95: s.cpu.p95,
  note: `wall p95 ${fmt(s.wall.p95)}; CPU p50 ${fmt(s.cpu.p50)}, p95 ${fmt(s.cpu.p95)}`,
  ...extra,
});
const target = (name, s) => ({ name, value: s.cpu.p95, unit: 'ms', target: `< ${TARGET_P95_MS} ms`, met: s.cpu.p95 < TARGET_P95_MS, wallP95: s.wall.p95, note: `wall p95 ${fmt(s.wall.p95)} (includes waiting for a core on the shared machine)` });
const rows = [
  row(`validate, ${lineCount}-line Markdown (parse + all rules)`, t.validate),
  target('validate p95 (CPU time)', t.validate),
  row('  of which parse', t.parse),
  row('  of which rules (parsed doc, full context)', t.rules),
  row('validate, same values as YAML', t.validateYaml),
  target('validate YAML p95 (CPU time)', t.validateYaml),
  row('completion: keys + sections (blank line)', t.completeKeys),
  row('completion: enum value (level)', t.completeEnum),
  row('completion: workspace values (model_name)', t.completeModel),
  row('completion after an edit (parse + complete)', t.completeAfterEdit),
  row('hover on the last key', t.hover),
  row('hover after an edit (parse + hover)', t.hoverAfterEdit),
  row('reference: JSON.parse(JSON.stringify(values))', t.json, { ratio: undefined, refName: undefined }),
  row('reference: text.split("\\n")', t.split, { ratio: undefined, refName: undefined }),
];

console.log(loadLine());
console.log(`manifest: ${lineCount} lines, ${text.length} chars, ${doc.entries.length} entries, ${diagnostics.length} diagnostics (${diagnostics.map((d) => d.code).join(', ') || 'none'}); YAML form ${yamlText.split('\n').length} lines, ${yamlDiagnostics.length} diagnostics`);
console.log(`context: perf run root of ${LONG_RUN_ENTRIES.length} entries, metrics.json, ${runs.size} other manifests (baseline included); ${ITERATIONS} iterations after ${WARMUP} warm-up, all timed functions interleaved`);
printTable('manifest latency: wall p50, ratio of p50s vs JSON.parse(JSON.stringify(values)) of the same values', rows);
console.log(`  validate p50 is x${(t.validate.wall.p50 / t.split.wall.p50).toFixed(0)} a plain line split of the same text`);
emitJson('manifest', rows.map(({ note: _note, ...r }) => r), { lines: lineCount, entries: doc.entries.length, diagnostics: diagnostics.length, iterations: ITERATIONS });
