// Entry point of manifest checking: text (or bytes) in, sorted diagnostics out; the LSP server and the CLI both call this.
import type { Locale } from '../i18n/locale';
import type { ManifestDocument, ManifestFormat } from '../manifest/manifestModel';
import { parseManifestFile } from '../manifest/manifestFields';
import { credentialRules } from './credentialRules';
import { crossFileRules } from './crossFileRules';
import { sortDiagnostics, type Diagnostic } from './diagnostic';
import { evidenceRules } from './evidenceRules';
import { checkBytes, checkText } from './inputChecks';
import { isUnreadable, structureRules } from './structureRules';
import { typeRules } from './typeRules';
import { kindFromFileName, type RuleInput, type ValidationContext } from './validationContext';

export interface ValidateOptions {
  /** Path or name of the file; its extension picks YAML or Markdown and its folders may tell the run kind. */
  readonly fileName: string;
  readonly locale?: Locale;
  readonly context?: ValidationContext;
}

export function manifestFormatOf(fileName: string): ManifestFormat {
  return /\.ya?ml$/i.test(fileName) ? 'yaml' : 'markdown';
}

/** Parses a manifest in the format its file name says (one implementation, in the manifest module). */
export const parseManifest = parseManifestFile;

/** Every rule over an already parsed document (the server parses once for completions, hovers and diagnostics). */
export function validateManifestDocument(doc: ManifestDocument, options: ValidateOptions): Diagnostic[] {
  const context = options.context ?? {};
  const input: RuleInput = { doc, locale: options.locale ?? 'en', context, kind: context.runKind ?? kindFromFileName(options.fileName) };
  const out = structureRules(input);
  out.push(...credentialRules(doc.lines.text, doc.lines, input.locale));
  if (!isUnreadable(doc)) {
    out.push(...typeRules(input), ...evidenceRules(input), ...crossFileRules(input));
  }
  return sortDiagnostics(out);
}

export function validateManifest(text: string, options: ValidateOptions): Diagnostic[] {
  const locale = options.locale ?? 'en';
  const check = checkText(text, locale);
  if (!check.ok) return check.diagnostics;
  return sortDiagnostics([...check.warnings, ...validateManifestDocument(parseManifest(text, options.fileName), options)]);
}

/** For files read from disk: decoding problems (binary, GBK, invalid UTF-8, too large) come back as one diagnostic. */
export function validateManifestBytes(bytes: Uint8Array, options: ValidateOptions): Diagnostic[] {
  const decoded = checkBytes(bytes, options.locale ?? 'en');
  if (!decoded.ok) return decoded.diagnostics;
  return validateManifest(decoded.text, options);
}
