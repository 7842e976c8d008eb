// Quick fixes chosen from a diagnostic's structured data (never from its message), as text edits or a command.
import type { Locale } from '../i18n/locale';
import type { ManifestDocument } from '../manifest/manifestModel';
import { applyEdits, insertEntryLines, minimalEdit, planFieldEdit, type TextEdit } from '../manifest/manifestEdits';
import { parseManifestFile } from '../manifest/manifestFields';
import { SECTION_NAMES, keySpec, type SectionName } from '../manifest/manifestSpec';
import type { Range } from '../text/lineIndex';
import type { FixData } from './diagnostic';

export type QuickFix =
  | { readonly title: string; readonly kind: 'edit'; readonly edits: readonly TextEdit[]; readonly preferred?: boolean }
  /** Needs the editor's file system or git: the face runs it. */
  | { readonly title: string; readonly kind: 'command'; readonly command: 'saveDiff' | 'fillCodeFromGit' };

const TITLES = {
  addKeys: { en: 'Add missing keys in template order: {0}', zh: '按模板顺序添加缺失的键：{0}' },
  replaceValue: { en: "Change to '{0}'", zh: "改为“{0}”" },
  setStatus: { en: 'Set conclusion_status to {0}', zh: '将 conclusion_status 设为 {0}' },
  saveDiff: { en: 'Save the worktree diff into the run root and reference it', zh: '将工作区 diff 保存到运行根目录并引用' },
  renameKey: { en: "Rename key to '{0}'", zh: "将键重命名为“{0}”" },
  renameSection: { en: "Rename section to '{0}'", zh: "将章节重命名为“{0}”" },
  moveKey: { en: 'Move to section {0}', zh: '移动到章节 {0}' },
  deleteEntry: { en: 'Delete this duplicate entry', zh: '删除此重复条目' },
  redact: { en: 'Replace the secret with {0}', zh: '将密钥替换为 {0}' },
  fillCodeFromGit: { en: 'Fill the Code section from git', zh: '从 git 填写 Code 章节' },
} as const;

function title(locale: Locale, key: keyof typeof TITLES, arg = ''): string {
  return (locale === 'zh-cn' ? TITLES[key].zh : TITLES[key].en).replace('{0}', arg);
}

function offsets(doc: ManifestDocument, range: Range): { start: number; end: number } {
  return { start: doc.lines.offsetAt(range.start), end: doc.lines.offsetAt(range.end) };
}

/** Whole lines of the entry at `range`, line break included, so deleting leaves no blank bullet. */
function entryLines(doc: ManifestDocument, range: Range): { start: number; end: number; entryText: string } | null {
  const entry = doc.entries.find((e) => e.range.start.line <= range.start.line && e.range.end.line >= range.start.line);
  if (!entry) return null;
  const start = doc.lines.lineStart(entry.range.start.line);
  const end = doc.lines.lineStart(entry.range.end.line + 1);
  return { start, end: end > start ? end : doc.lines.text.length, entryText: doc.lines.text.slice(doc.lines.offsetAt(entry.range.start), doc.lines.offsetAt(entry.range.end)) };
}

function lineFor(doc: ManifestDocument, key: string): string {
  return doc.format === 'markdown' ? `- ${key}:` : `  ${/[^\w.-]/.test(key) ? JSON.stringify(key) : key}:`;
}

export function planQuickFix(doc: ManifestDocument, range: Range, data: FixData, locale: Locale): QuickFix | null {
  const replace = (value: string): TextEdit[] => {
    const o = offsets(doc, range);
    return [{ startOffset: o.start, endOffset: o.end, newText: value }];
  };
  switch (data.fix) {
    case 'addKeys': {
      const bySection = new Map<SectionName, string[]>();
      for (const key of data.keys) {
        const section = keySpec(key)?.section ?? (SECTION_NAMES as readonly string[]).find((s) => s === key);
        if (!section) continue;
        const lines = bySection.get(section as SectionName) ?? [];
        if (keySpec(key)) lines.push(lineFor(doc, key));
        bySection.set(section as SectionName, lines);
      }
      // Section by section against the text so far (a new section lands after the one added before it),
      // then one minimal edit, so the whole fix undoes in one step.
      const fileName = doc.format === 'yaml' ? 'manifest.yaml' : 'manifest.md';
      let text = doc.lines.text;
      for (const section of SECTION_NAMES) {
        const lines = bySection.get(section);
        if (lines === undefined) continue;
        text = applyEdits(text, [insertEntryLines(parseManifestFile(text, fileName), section, lines)]);
      }
      return text === doc.lines.text ? null : { title: title(locale, 'addKeys', data.keys.join(', ')), kind: 'edit', edits: [minimalEdit(doc.lines.text, text)] };
    }
    case 'replaceValue':
      return { title: title(locale, 'replaceValue', data.value), kind: 'edit', edits: replace(data.value), preferred: true };
    case 'renameKey':
      return { title: title(locale, 'renameKey', data.value), kind: 'edit', edits: replace(data.value), preferred: true };
    case 'renameSection':
      return { title: title(locale, 'renameSection', data.value), kind: 'edit', edits: replace(data.value), preferred: true };
    case 'redact':
      return { title: title(locale, 'redact', data.value), kind: 'edit', edits: replace(data.value), preferred: true };
    case 'setStatus':
      return { title: title(locale, 'setStatus', data.value), kind: 'edit', edits: [planFieldEdit(doc, 'Identity', 'conclusion_status', data.value)] };
    case 'saveDiff':
      return { title: title(locale, 'saveDiff'), kind: 'command', command: 'saveDiff' };
    case 'deleteEntry': {
      const lines = entryLines(doc, range);
      return lines ? { title: title(locale, 'deleteEntry'), kind: 'edit', edits: [{ startOffset: lines.start, endOffset: lines.end, newText: '' }] } : null;
    }
    case 'moveKey': {
      const lines = entryLines(doc, range);
      if (!lines) return null;
      const text = doc.format === 'markdown' ? lines.entryText.replace(/^\s*[-*+]\s+/, '- ') : `  ${lines.entryText.trim()}`;
      const insert = insertEntryLines(doc, data.section, [text]);
      return { title: title(locale, 'moveKey', data.section), kind: 'edit', edits: [{ startOffset: lines.start, endOffset: lines.end, newText: '' }, insert] };
    }
  }
}

/** The source action offered on every manifest. */
export function fillCodeFromGitAction(locale: Locale): QuickFix {
  return { title: title(locale, 'fillCodeFromGit'), kind: 'command', command: 'fillCodeFromGit' };
}
