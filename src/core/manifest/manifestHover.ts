// What hovering a manifest explains: a key's meaning, type and allowed values, or a section's keys.
import type { Locale } from '../i18n/locale';
import type { Position, SourceRange } from '../text/lineIndex';
import type { ManifestDocument } from './manifestModel';
import { keysOf } from './manifestSpec';

export interface ManifestHover {
  readonly markdown: string;
  readonly range: SourceRange;
}

const TYPE_NAMES: Record<string, { en: string; zh: string }> = {
  text: { en: 'text', zh: '文本' },
  integer: { en: 'integer', zh: '整数' },
  number: { en: 'number', zh: '数值' },
  boolean: { en: 'boolean (true/false)', zh: '布尔值（true/false）' },
  commit: { en: 'git commit hash (7-40 hex digits)', zh: 'Git 提交哈希（7-40 位十六进制）' },
  url: { en: 'http(s) URL', zh: 'http(s) URL' },
  deviceList: { en: 'comma-separated device ids, e.g. 0,1,2,3', zh: '逗号分隔的设备编号，例如 0,1,2,3' },
  date: { en: 'ISO date or date-time', zh: 'ISO 日期或日期时间' },
  enum: { en: 'one of the allowed values', zh: '允许值之一' },
  path: { en: 'path (relative to the run root where it is an artifact)', zh: '路径（产物路径相对于运行根目录）' },
};

function contains(range: SourceRange, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

export function manifestHover(doc: ManifestDocument, position: Position, locale: Locale): ManifestHover | null {
  const zh = locale === 'zh-cn';
  for (const entry of doc.entries) {
    if (!entry.spec || !contains(entry.keyRange, position)) continue;
    const spec = entry.spec;
    const lines = [`**${spec.key}** · ${spec.section}`, '', zh ? spec.doc.zh : spec.doc.en, '', `${zh ? '类型' : 'Type'}: ${zh ? TYPE_NAMES[spec.type].zh : TYPE_NAMES[spec.type].en}`];
    if (spec.values) lines.push(`${zh ? '允许值' : 'Allowed'}: ${spec.values.map((v) => `\`${v}\``).join(', ')}`);
    return { markdown: lines.join('\n'), range: entry.keyRange };
  }
  for (const section of doc.sections) {
    if (!section.known || !contains(section.nameRange, position)) continue;
    const keys = keysOf(section.known).map((k) => `\`${k.key}\``).join(', ');
    return { markdown: `**${section.known}**\n\n${zh ? '键' : 'Keys'}: ${keys}`, range: section.nameRange };
  }
  return null;
}
