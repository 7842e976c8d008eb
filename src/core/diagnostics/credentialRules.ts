// XWF5xx: credentials and local home paths in a shared artifact (rule 9), found anywhere in the text.
import type { Locale } from '../i18n/locale';
import type { LineIndex } from '../text/lineIndex';
import { makeDiagnostic, type Diagnostic } from './diagnostic';
import { dm, phrase } from './diagnosticMessages';

type Kind = 'openaiKey' | 'bearer' | 'privateKey' | 'assignment' | 'urlPassword' | 'token';

interface Finding {
  readonly start: number;
  readonly end: number;
  readonly kind: Kind;
  readonly name?: string;
}

/** Values that stand for a secret rather than being one. */
const PLACEHOLDER = /^(\*+|x{3,}.*|\.{3}|<[^>]*>|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|%[A-Za-z_]+%|redacted|none|null|empty|n\/a|changeme|your[_-].*|\{\{.*\}\}|true|false)$/i;
/** A name that ends in a credential word: HF_TOKEN, OPENAI_API_KEY, db_password, api-key (not max_tokens). */
const SECRET_NAME = /(?:^|[_.-])(?:api[_-]?key|apikey|access[_-]?key|secret(?:[_-]?key)?|token|auth[_-]?token|passwd|password)$/i;

interface Pattern {
  readonly re: RegExp;
  readonly kind: Kind;
  /** Capture group holding the secret (0: the whole match). */
  readonly group: number;
  /** Capture group holding the variable or flag name, for assignments. */
  readonly nameGroup?: number;
}

const PATTERNS: readonly Pattern[] = [
  { re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/g, kind: 'privateKey', group: 0 },
  { re: /\bAuthorization\s*[:=]\s*['"]?Bearer\s+([A-Za-z0-9._~+/-]{8,}=*)/gi, kind: 'bearer', group: 1 },
  { re: /\bBearer\s+([A-Za-z0-9._~+/-]{20,}=*)/g, kind: 'bearer', group: 1 },
  { re: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/g, kind: 'openaiKey', group: 0 },
  { re: /\b(?:hf_[A-Za-z0-9]{30,}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}|AKIA[0-9A-Z]{16}|xox[abpr]-[A-Za-z0-9-]{10,})\b/g, kind: 'token', group: 0 },
  { re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:([^\s/@]+)@/gi, kind: 'urlPassword', group: 1 },
  // --api-key xyz, --token=xyz
  { re: /(?:^|\s)--([A-Za-z][A-Za-z0-9-]*)(?:=|\s+)(['"]?)([^\s'"]{4,})\2/g, kind: 'assignment', group: 3, nameGroup: 1 },
  // HF_TOKEN=xyz, password: xyz, "api_key": "xyz"
  { re: /([A-Za-z_][A-Za-z0-9_.-]*)(['"]?)\s*[:=]\s*(['"]?)([^\s'"`,;]{4,})\3/g, kind: 'assignment', group: 4, nameGroup: 1 },
];

export function findCredentials(text: string): Finding[] {
  const found: Finding[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      if (m[0].length === 0) {
        p.re.lastIndex++;
        continue;
      }
      const secret = m[p.group];
      if (secret === undefined) continue;
      const name = p.nameGroup !== undefined ? m[p.nameGroup] : undefined;
      if (p.kind === 'assignment' && (!name || !SECRET_NAME.test(name) || PLACEHOLDER.test(secret))) continue;
      if (p.kind === 'urlPassword' && PLACEHOLDER.test(secret)) continue;
      const start = m.index + (p.group === 0 ? 0 : m[0].lastIndexOf(secret));
      found.push({ start, end: start + secret.length, kind: p.kind, name });
    }
  }
  // One finding per secret: keep the earliest, drop those overlapping it.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  for (const f of found) if (!kept.length || f.start >= kept[kept.length - 1].end) kept.push(f);
  return kept;
}

const HOME_PATH = /(?:^|[\s'"=:(,`])((?:\/home|\/Users)\/[A-Za-z0-9._-]+|[A-Za-z]:\\Users\\[A-Za-z0-9._ -]+)(?=[/\\\s'"`),;]|$)/gm;

export function credentialRules(text: string, lines: LineIndex, locale: Locale): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of findCredentials(text)) {
    const what = f.kind === 'assignment' ? phrase(locale, 'credential.assignment', f.name ?? '') : phrase(locale, `credential.${f.kind}`);
    out.push(makeDiagnostic('XWF501', 'error', lines.range(f.start, f.end), dm(locale, 'XWF501', what), { fix: 'redact', value: '<redacted>' }));
  }
  HOME_PATH.lastIndex = 0;
  for (let m = HOME_PATH.exec(text); m; m = HOME_PATH.exec(text)) {
    const start = m.index + m[0].indexOf(m[1]);
    out.push(makeDiagnostic('XWF502', 'information', lines.range(start, start + m[1].length), dm(locale, 'XWF502', m[1])));
  }
  return out;
}
