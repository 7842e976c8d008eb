// How a manifest value written as text becomes its natural type; shared by the Markdown and YAML readers.
import { z } from 'zod';
import type { KeySpec, ValueType } from './manifestSpec';

export type Parsed = { ok: true; value: unknown } | { ok: false; expected: ValueType };

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const COMMIT = /^[0-9a-f]{7,40}$/i;
const DEVICE_LIST = /^\s*\d+(\s*,\s*\d+)*\s*$/;
const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

function isUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Reads a non-empty text value as the key's natural type. */
export function parseValue(spec: Pick<KeySpec, 'type' | 'values'>, raw: string): Parsed {
  const text = raw.trim();
  switch (spec.type) {
    case 'integer':
      return INTEGER.test(text) ? { ok: true, value: Number(text) } : { ok: false, expected: 'integer' };
    case 'number':
      return NUMBER.test(text) ? { ok: true, value: Number(text) } : { ok: false, expected: 'number' };
    case 'boolean': {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return { ok: true, value: true };
      if (FALSE.has(lower)) return { ok: true, value: false };
      return { ok: false, expected: 'boolean' };
    }
    case 'commit':
      return COMMIT.test(text) ? { ok: true, value: text.toLowerCase() } : { ok: false, expected: 'commit' };
    case 'url':
      return isUrl(text) ? { ok: true, value: text } : { ok: false, expected: 'url' };
    case 'deviceList':
      return DEVICE_LIST.test(text) ? { ok: true, value: text.split(',').map((d) => Number(d.trim())) } : { ok: false, expected: 'deviceList' };
    case 'date':
      return DATE.test(text) && !Number.isNaN(Date.parse(text.replace(' ', 'T'))) ? { ok: true, value: text } : { ok: false, expected: 'date' };
    case 'enum':
      return spec.values?.includes(text) ? { ok: true, value: text } : { ok: false, expected: 'enum' };
    case 'text':
    case 'path':
      return { ok: true, value: text };
  }
}

/** The zod type of a key's natural value, as written in a YAML manifest; null means "not filled". */
export function zodForKey(spec: KeySpec): z.ZodType {
  const described = (t: z.ZodType) => t.nullable().optional().describe(spec.doc.en);
  switch (spec.type) {
    case 'integer':
      return described(z.number().int());
    case 'number':
      return described(z.number());
    case 'boolean':
      return described(z.boolean());
    case 'commit':
      return described(z.string().regex(COMMIT));
    case 'url':
      return described(z.url({ protocol: /^https?$/ }));
    case 'deviceList':
      return described(z.union([z.array(z.number().int().min(0)), z.string().regex(DEVICE_LIST), z.number().int().min(0)]));
    case 'date':
      return described(z.string().regex(DATE));
    case 'enum':
      return described(z.enum(spec.values as [string, ...string[]]));
    case 'text':
    case 'path':
      return described(z.union([z.string(), z.number(), z.boolean()]));
  }
}
