// XWF2xx: values that are not their key's natural type (enum, integer, number, boolean, commit, URL, devices, date) or out of range.
import type { ManifestEntry } from '../manifest/manifestModel';
import { findEntry } from '../manifest/manifestModel';
import type { ValueType } from '../manifest/manifestSpec';
import { parseValue } from '../manifest/valueTypes';
import { closestMatch } from '../text/editDistance';
import { makeDiagnostic, type Diagnostic, type DiagnosticCode, type FixData } from './diagnostic';
import { dm } from './diagnosticMessages';
import type { RuleInput } from './validationContext';

const CODE_OF: Partial<Record<ValueType, DiagnosticCode>> = {
  integer: 'XWF202',
  number: 'XWF203',
  boolean: 'XWF204',
  commit: 'XWF205',
  url: 'XWF206',
  deviceList: 'XWF207',
  date: 'XWF208',
};

const TRUE_WORDS = /^(enabled?|y|√|✓|是|开|开启|启用|打开)$/i;
const FALSE_WORDS = /^(disabled?|n|×|✗|否|关|关闭|禁用)$/i;

/** A corrected spelling when the intended value is obvious; undefined otherwise. */
export function suggestValue(type: ValueType, text: string, values?: readonly string[]): string | undefined {
  const t = text.trim();
  let guess: string | undefined;
  switch (type) {
    case 'enum':
      guess = values ? closestMatch(t, values) : undefined;
      break;
    case 'integer': {
      const m = /^([+-]?\d{1,3}(?:[,_]\d{3})+|[+-]?\d+)(?:\.0+)?$/.exec(t);
      guess = m ? m[1].replace(/[,_]/g, '') : undefined;
      break;
    }
    case 'number':
      guess = /^[+-]?\d+,\d+$/.test(t) ? t.replace(',', '.') : undefined;
      break;
    case 'boolean':
      guess = TRUE_WORDS.test(t) ? 'true' : FALSE_WORDS.test(t) ? 'false' : undefined;
      break;
    case 'commit': {
      const m = /(?:^|[^0-9a-f])([0-9a-f]{7,40})(?![0-9a-f])/i.exec(t);
      guess = m?.[1];
      break;
    }
    case 'url':
      guess = /^(localhost|\d{1,3}(\.\d{1,3}){3}|[a-z0-9.-]+\.[a-z]{2,})(:\d+)?(\/\S*)?$/i.test(t) ? `http://${t}` : undefined;
      break;
    case 'deviceList': {
      const range = /^(\d+)\s*-\s*(\d+)$/.exec(t);
      if (range && Number(range[2]) >= Number(range[1]) && Number(range[2]) - Number(range[1]) < 64) {
        guess = Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i).join(',');
      } else {
        const ids = t.replace(/^[[(]|[\])]$/g, '').split(/[\s,;]+/).filter(Boolean);
        guess = ids.length && ids.every((d) => /^\d+$/.test(d)) ? ids.join(',') : undefined;
      }
      break;
    }
    case 'date': {
      const m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(.*)$/.exec(t);
      guess = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}${m[4]}` : undefined;
      break;
    }
    default:
      return undefined;
  }
  // Only offer what would itself be valid.
  return guess !== undefined && guess !== t && parseValue({ type, values }, guess).ok ? guess : undefined;
}

function typeDiagnostic(input: RuleInput, e: ManifestEntry): Diagnostic | undefined {
  const spec = e.spec;
  if (!spec || !e.parsed || e.parsed.ok) return undefined;
  const { locale } = input;
  const guess = suggestValue(spec.type, e.text, spec.values);
  const data: FixData | undefined = guess !== undefined ? { fix: 'replaceValue', value: guess } : undefined;
  if (spec.type === 'enum') {
    const allowed = (spec.values ?? []).join(' | ');
    const msg = guess ? dm(locale, 'XWF201.suggest', e.text, spec.key, allowed, guess) : dm(locale, 'XWF201', e.text, spec.key, allowed);
    return makeDiagnostic('XWF201', 'error', e.valueRange, msg, data);
  }
  const code = CODE_OF[spec.type];
  if (!code) return undefined;
  return makeDiagnostic(code, 'warning', e.valueRange, dm(locale, code as 'XWF202', spec.key, e.text), data);
}

type Bound = 'unit' | 'positive' | 'nonNegative' | 'port';
const BOUNDS: Record<string, Bound> = {
  temperature: 'nonNegative',
  top_p: 'unit',
  max_memory_utilization: 'unit',
  tensor_parallel: 'positive',
  pipeline_parallel: 'positive',
  parallel: 'positive',
  number: 'positive',
  block_size: 'positive',
  max_tokens: 'positive',
  input_tokens: 'positive',
  output_tokens: 'positive',
  max_tokens_per_batch: 'positive',
  max_seqs_per_batch: 'positive',
  max_prompt_length: 'positive',
  service_pid: 'positive',
  warmup_num: 'nonNegative',
  speculative_tokens: 'nonNegative',
  HCCL_IF_BASE_PORT: 'port',
};

function inBounds(bound: Bound, v: number): boolean {
  switch (bound) {
    case 'unit':
      return v >= 0 && v <= 1;
    case 'positive':
      return v >= 1;
    case 'nonNegative':
      return v >= 0;
    case 'port':
      return v >= 1 && v <= 65535;
  }
}

export function typeRules(input: RuleInput): Diagnostic[] {
  const { doc, locale } = input;
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of doc.entries) {
    // A duplicate is reported as such; only the first occurrence's value counts.
    if (seen.has(e.key)) continue;
    seen.add(e.key);
    const d = typeDiagnostic(input, e);
    if (d) {
      out.push(d);
      continue;
    }
    const bound = e.spec ? BOUNDS[e.spec.key] : undefined;
    if (bound && e.parsed?.ok && typeof e.parsed.value === 'number' && !inBounds(bound, e.parsed.value)) {
      out.push(makeDiagnostic('XWF209', 'warning', e.valueRange, dm(locale, 'XWF209', e.key, e.text, dm(locale, `XWF209.${bound}`))));
    }
  }
  const visible = findEntry(doc, 'ASCEND_RT_VISIBLE_DEVICES');
  const physical = findEntry(doc, 'physical_device_ids');
  if (visible?.parsed?.ok && physical?.parsed?.ok) {
    const v = visible.parsed.value as number[];
    const p = physical.parsed.value as number[];
    if (v.length !== p.length) out.push(makeDiagnostic('XWF210', 'warning', visible.valueRange, dm(locale, 'XWF210', v.length, p.length)));
  }
  return out;
}
