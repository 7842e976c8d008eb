// XWF0xx parse problems and XWF1xx structure: unknown or misplaced sections and keys, duplicates, stray lines, missing template keys.
import { SECTION_NAMES, MANIFEST_KEYS, keysOf, type SectionName } from '../manifest/manifestSpec';
import { MAX_MANIFEST_CHARS, type ManifestDocument, type ManifestProblem } from '../manifest/manifestModel';
import { closestMatch } from '../text/editDistance';
import type { Range } from '../text/lineIndex';
import { makeDiagnostic, type Diagnostic } from './diagnostic';
import { dm, phrase } from './diagnosticMessages';
import type { RuleInput } from './validationContext';
import { MAX_YAML_DEPTH } from '../manifest/yamlNesting';
import { MAX_YAML_EXPANDED_NODES } from '../manifest/yamlManifest';

const ALL_KEYS = MANIFEST_KEYS.map((k) => k.key);

/** Whether the document could not be read as a manifest at all (the other rules then stay quiet). */
export function isUnreadable(doc: ManifestDocument): boolean {
  return doc.problems.some((p) => p.kind === 'tooLarge' || p.kind === 'tooDeep' || p.kind === 'tooManyAliases' || p.kind === 'syntax');
}

function problemDiagnostic(doc: ManifestDocument, p: ManifestProblem, input: RuleInput): Diagnostic {
  const { locale } = input;
  switch (p.kind) {
    case 'tooLarge':
      return makeDiagnostic('XWF001', 'error', p.range, dm(locale, 'XWF001', p.detail ?? '?', MAX_MANIFEST_CHARS));
    case 'tooDeep':
      return makeDiagnostic('XWF006', 'error', p.range, dm(locale, 'XWF006.deep', p.detail ?? MAX_YAML_DEPTH));
    case 'tooManyAliases':
      return makeDiagnostic('XWF006', 'error', p.range, dm(locale, 'XWF006.aliases', p.detail ?? MAX_YAML_EXPANDED_NODES));
    case 'syntax':
      return makeDiagnostic('XWF005', 'error', p.range, dm(locale, 'XWF005', p.detail ?? ''));
    case 'notEntry': {
      const key = doc.format === 'markdown' ? 'XWF105' : p.detail === 'notMapping' ? 'XWF105.yamlTop' : 'XWF105.yamlSection';
      return makeDiagnostic('XWF105', 'warning', p.range, dm(locale, key));
    }
  }
}

/** Where a document-wide finding is shown: the title, else the first line. */
export function documentAnchor(doc: ManifestDocument): Range {
  if (doc.title) return doc.title.range;
  const first = doc.sections[0]?.nameRange;
  return first ?? doc.lines.lineRange(0);
}

export function structureRules(input: RuleInput): Diagnostic[] {
  const { doc, locale } = input;
  const out: Diagnostic[] = doc.problems.map((p) => problemDiagnostic(doc, p, input));
  if (isUnreadable(doc)) return out;

  // Sections: unknown names and repeats.
  const firstSection = new Map<string, number>();
  for (const s of doc.sections) {
    if (!s.known) {
      const guess = closestMatch(s.name, SECTION_NAMES);
      out.push(
        guess
          ? makeDiagnostic('XWF101', 'warning', s.nameRange, dm(locale, 'XWF101.suggest', s.name, guess), { fix: 'renameSection', value: guess })
          : makeDiagnostic('XWF101', 'warning', s.nameRange, dm(locale, 'XWF101', s.name, SECTION_NAMES.join(', '))),
      );
      continue;
    }
    const first = firstSection.get(s.known);
    if (first !== undefined) out.push(makeDiagnostic('XWF107', 'warning', s.nameRange, dm(locale, 'XWF107', s.name, first + 1)));
    else firstSection.set(s.known, s.nameRange.start.line);
  }

  // Entries: unknown, duplicated, misplaced.
  const seen = new Map<string, number>();
  for (const e of doc.entries) {
    const previous = seen.get(e.key);
    if (previous !== undefined) {
      out.push(makeDiagnostic('XWF103', 'warning', e.keyRange, dm(locale, 'XWF103', e.key, previous + 1), { fix: 'deleteEntry' }));
      continue;
    }
    seen.set(e.key, e.keyRange.start.line);
    if (!e.spec) {
      const guess = closestMatch(e.key, ALL_KEYS);
      out.push(
        guess
          ? makeDiagnostic('XWF102', 'warning', e.keyRange, dm(locale, 'XWF102.suggest', e.key, guess), { fix: 'renameKey', value: guess })
          : makeDiagnostic('XWF102', 'warning', e.keyRange, dm(locale, 'XWF102', e.key)),
      );
      continue;
    }
    const home = e.spec.section;
    if (e.sectionIndex < 0) {
      out.push(makeDiagnostic('XWF104', 'warning', e.keyRange, dm(locale, 'XWF104.outside', e.key, home), { fix: 'moveKey', section: home }));
    } else {
      const known = doc.sections[e.sectionIndex]?.known;
      // In an unknown section XWF101 already says what to fix.
      if (known && known !== home) out.push(makeDiagnostic('XWF104', 'warning', e.keyRange, dm(locale, 'XWF104', e.key, home, known), { fix: 'moveKey', section: home }));
    }
  }

  const missing = missingTemplateKeys(doc);
  if (missing.keys.length) {
    const parts = missing.bySection.map(([section, keys]) =>
      missing.wholeSections.includes(section) ? dm(locale, 'XWF106.section', section, keys.join(', ')) : `${section}: ${keys.join(', ')}`,
    );
    out.push(
      makeDiagnostic('XWF106', 'warning', documentAnchor(doc), dm(locale, 'XWF106', missing.keys.length, parts.join(phrase(locale, 'list.groups'))), {
        fix: 'addKeys',
        keys: missing.keys,
      }),
    );
  }
  return out;
}

/** Template keys the document does not have at all (an empty value still counts as present). */
export function missingTemplateKeys(doc: ManifestDocument): { keys: string[]; bySection: [SectionName, string[]][]; wholeSections: SectionName[] } {
  const present = new Set(doc.entries.map((e) => e.key));
  const sectionsPresent = new Set(doc.sections.map((s) => s.known).filter((s): s is SectionName => s !== null));
  const keys: string[] = [];
  const bySection: [SectionName, string[]][] = [];
  const wholeSections: SectionName[] = [];
  for (const section of SECTION_NAMES) {
    const specs = keysOf(section);
    const absent = specs.filter((k) => !present.has(k.key)).map((k) => k.key);
    if (!absent.length) continue;
    keys.push(...absent);
    bySection.push([section, absent]);
    if (!sectionsPresent.has(section) && absent.length === specs.length) wholeSections.push(section);
  }
  return { keys, bySection, wholeSections };
}
