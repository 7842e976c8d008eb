// Which files VS Code's own JSON and YAML support validate against our schemas (package.json contributes the
// same lists; a test holds them equal), so the language server does not report those problems a second time.
import picomatch from 'picomatch';

export const JSON_VALIDATION: readonly { readonly fileMatch: string | readonly string[]; readonly url: string }[] = [
  { fileMatch: '**/runs/perf/*/metrics.json', url: './schemas/metrics.schema.json' },
  { fileMatch: '**/runs/eval/*/metrics.json', url: './schemas/metrics.schema.json' },
  { fileMatch: '**/runs/accuracy/*/score.json', url: './schemas/score.schema.json' },
  { fileMatch: '**/runs/accuracy/*/request_config.json', url: './schemas/request-config.schema.json' },
  { fileMatch: '**/profiling/*/analysis.json', url: './schemas/analysis.schema.json' },
  { fileMatch: ['config.json', 'config.example.json'], url: './schemas/workspace-config.schema.json' },
];

export const YAML_VALIDATION: readonly { readonly fileMatch: readonly string[]; readonly url: string }[] = [
  { fileMatch: ['manifest.yaml', 'manifest.yml'], url: './schemas/manifest.schema.json' },
];

/** Diagnostic codes the schemas themselves report (syntax, unknown keys, wrong types). */
export const SCHEMA_REPORTED_CODES = {
  json: new Set(['XWF601', 'XWF602']),
  yaml: new Set(['XWF005', 'XWF101', 'XWF102', 'XWF201', 'XWF202', 'XWF203', 'XWF204', 'XWF205', 'XWF206', 'XWF207', 'XWF208']),
} as const;

function matcher(list: readonly { fileMatch: string | readonly string[] }[]) {
  const patterns = list.flatMap((e) => (typeof e.fileMatch === 'string' ? [e.fileMatch] : [...e.fileMatch]));
  // A pattern without a slash names a file anywhere, as VS Code reads fileMatch.
  const full = picomatch(patterns.map((p) => (p.includes('/') ? p : `**/${p}`)), { dot: true });
  return (file: string) => full(file.replace(/\\/g, '/'));
}

export const coveredByJsonValidation = matcher(JSON_VALIDATION);
export const coveredByYamlValidation = matcher(YAML_VALIDATION);
