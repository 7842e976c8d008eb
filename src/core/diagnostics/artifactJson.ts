// XWF6xx: structured JSON artifacts (metrics, score, request_config, analysis, config) against their zod schemas, with exact ranges.
import type { z } from 'zod';
import type { Locale } from '../i18n/locale';
import { analysisSchema } from '../schemas/analysisSchema';
import { metricsSchema } from '../schemas/metricsSchema';
import { requestConfigSchema } from '../schemas/requestConfigSchema';
import { scoreSchema } from '../schemas/scoreSchema';
import { workspaceConfigSchema } from '../schemas/workspaceConfigSchema';
import { nodeAtPath, parseJsonWithPositions, type JsonNode } from '../text/jsonPositions';
import { LineIndex } from '../text/lineIndex';
import { credentialRules } from './credentialRules';
import { makeDiagnostic, sortDiagnostics, type Diagnostic } from './diagnostic';
import { dm, phrase } from './diagnosticMessages';
import { checkBytes, checkText } from './inputChecks';

export const ARTIFACT_KINDS = ['metrics', 'score', 'request_config', 'analysis', 'config'] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

const SCHEMAS: Record<ArtifactKind, z.ZodType> = {
  metrics: metricsSchema,
  score: scoreSchema,
  request_config: requestConfigSchema,
  analysis: analysisSchema,
  config: workspaceConfigSchema,
};

/** Schema violations reported per file; the rest are usually the same mistake repeated. */
const MAX_SCHEMA_DIAGNOSTICS = 50;

/** The artifact kind a file name stands for, or undefined. */
export function artifactKindOf(fileName: string): ArtifactKind | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  switch (base) {
    case 'metrics.json':
      return 'metrics';
    case 'score.json':
      return 'score';
    case 'request_config.json':
      return 'request_config';
    case 'analysis.json':
      return 'analysis';
    case 'config.json':
    case 'config.example.json':
      return 'config';
    default:
      return undefined;
  }
}

function jsonType(node: JsonNode): string {
  return node.kind;
}

function pathText(path: readonly PropertyKey[]): string {
  if (!path.length) return '(root)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function issueText(issue: z.core.$ZodIssue, node: JsonNode, missing: boolean, locale: Locale): string {
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return phrase(locale, 'schema.missing', String(issue.path[issue.path.length - 1] ?? ''));
      if (issue.expected === 'int') return phrase(locale, 'schema.integer');
      return phrase(locale, 'schema.type', issue.expected, jsonType(node));
    case 'invalid_value':
      return phrase(locale, 'schema.enum', issue.values.map((v) => JSON.stringify(v)).join(' | '));
    case 'too_small':
      return phrase(locale, 'schema.tooSmall', String(issue.minimum));
    case 'too_big':
      return phrase(locale, 'schema.tooBig', String(issue.maximum));
    case 'invalid_format':
      return phrase(locale, 'schema.format', issue.format);
    default:
      return phrase(locale, 'schema.other', issue.message);
  }
}

function schemaDiagnostics(kind: ArtifactKind, root: JsonNode, value: unknown, lines: LineIndex, locale: Locale): Diagnostic[] {
  const result = SCHEMAS[kind].safeParse(value);
  if (result.success) return [];
  const out: Diagnostic[] = [];
  for (const issue of result.error.issues) {
    if (out.length >= MAX_SCHEMA_DIAGNOSTICS) break;
    if (issue.code === 'unrecognized_keys') {
      const at = nodeAtPath(root, issue.path);
      for (const key of issue.keys) {
        const prop = at.node.kind === 'object' ? at.node.properties.find((p) => p.key === key) : undefined;
        const range = prop ? lines.range(prop.keyStart, prop.keyEnd) : lines.range(at.node.start, at.node.start + 1);
        out.push(makeDiagnostic('XWF602', 'error', range, dm(locale, 'XWF602', pathText([...issue.path, key]), phrase(locale, 'schema.unknownKey', key))));
      }
      continue;
    }
    const at = nodeAtPath(root, issue.path);
    // A missing key points at the object that should hold it (its key when it has one, else its opening brace).
    const range = at.missing
      ? at.property
        ? lines.range(at.property.keyStart, at.property.keyEnd)
        : lines.range(at.node.start, at.node.start + 1)
      : lines.range(at.node.start, at.node.end);
    out.push(makeDiagnostic('XWF602', 'error', range, dm(locale, 'XWF602', pathText(issue.path), issueText(issue, at.node, at.missing, locale))));
  }
  return out;
}

export function validateArtifactJson(kind: ArtifactKind, text: string, options: { locale?: Locale } = {}): Diagnostic[] {
  const locale = options.locale ?? 'en';
  const check = checkText(text, locale);
  if (!check.ok) return check.diagnostics;
  const lines = new LineIndex(text);
  const out: Diagnostic[] = [...check.warnings, ...credentialRules(text, lines, locale)];
  const parsed = parseJsonWithPositions(text);
  if (!parsed.ok) {
    out.push(makeDiagnostic('XWF601', 'error', lines.range(parsed.offset, parsed.offset + 1), dm(locale, 'XWF601', phrase(locale, `json.${parsed.error}`))));
    return sortDiagnostics(out);
  }
  out.push(...schemaDiagnostics(kind, parsed.root, parsed.value, lines, locale));
  return sortDiagnostics(out);
}

/** For files read from disk. */
export function validateArtifactJsonBytes(kind: ArtifactKind, bytes: Uint8Array, options: { locale?: Locale } = {}): Diagnostic[] {
  const decoded = checkBytes(bytes, options.locale ?? 'en');
  if (!decoded.ok) return decoded.diagnostics;
  return validateArtifactJson(kind, decoded.text, options);
}
