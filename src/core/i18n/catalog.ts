// A typed message table with an English and a Simplified Chinese text per key; {0}, {1} are arguments.
import type { Locale } from './locale';

export type Messages = Record<string, { readonly en: string; readonly zh: string }>;

export function formatMessage(template: string, args: readonly unknown[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** Returns a translator bound to one table; unknown locales fall back to English. */
export function catalog<M extends Messages>(messages: M) {
  return (locale: Locale, key: keyof M & string, ...args: unknown[]): string => {
    const entry = messages[key];
    return formatMessage(locale === 'zh-cn' ? entry.zh : entry.en, args);
  };
}
