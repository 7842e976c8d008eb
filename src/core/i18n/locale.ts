// Display language of a face (VS Code's, the CLI's LANG): English or Simplified Chinese.

export type Locale = 'en' | 'zh-cn';

/** Maps `zh-CN`, `zh_CN.UTF-8`, `zh-Hans`, `zh` to zh-cn; everything else to English. */
export function normalizeLocale(tag: string | undefined | null): Locale {
  const t = (tag ?? '').toLowerCase().replace('_', '-');
  if (t === 'zh' || t.startsWith('zh-cn') || t.startsWith('zh-hans') || t.startsWith('zh-sg')) return 'zh-cn';
  return 'en';
}

/** The CLI's locale: XWF_LANG, then LC_ALL, LC_MESSAGES, LANG. */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  return normalizeLocale(env.XWF_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG);
}
