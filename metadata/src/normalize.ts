import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * How a typed value is brought into the one form it is stored in, before it is validated —
 * the same steps on the server's write path and in the browser's form, so that both accept
 * 「０６０－０８０８」 and store `0600808`. Each step changes strings only and never fails:
 * a value still wrong afterwards is refused by the field's schema with its usual message.
 */
export type NormalizeStep = 'nfkc' | 'trim' | 'katakana' | 'hiragana' | 'postalCode' | 'phone';

export const NORMALIZE_STEPS: readonly NormalizeStep[] = [
  'nfkc',
  'trim',
  'katakana',
  'hiragana',
  'postalCode',
  'phone',
];

/** The record-schema annotation that lists a field's steps, read by the browser's form. */
export const NORMALIZE_KEYWORD = 'x-kiban-normalize';

/** Dashes people type between digit groups: ASCII, the Unicode dashes, minus and the long-vowel mark. */
const DASHES = /[\u2010-\u2015\u2212\u30fc\uff0d\uff70]/g;
const HIRAGANA = /[\u3041-\u3096\u309d\u309e]/g;
const KATAKANA = /[\u30a1-\u30f6\u30fd\u30fe]/g;
const KANA_OFFSET = 0x60;

const STEPS: Record<NormalizeStep, (value: string) => string> = {
  // Full-width digits, letters and signs become ASCII; half-width katakana become full-width.
  nfkc: (value) => value.normalize('NFKC'),
  // String.prototype.trim also removes the ideographic space U+3000.
  trim: (value) => value.trim(),
  katakana: (value) => value.replace(HIRAGANA, (char) => String.fromCharCode(char.charCodeAt(0) + KANA_OFFSET)),
  hiragana: (value) => value.replace(KATAKANA, (char) => String.fromCharCode(char.charCodeAt(0) - KANA_OFFSET)),
  postalCode: normalizePostalCode,
  phone: normalizePhone,
};

/** `〒060-0808`, `060 0808` and `0600808` are one postal code, stored as seven digits. */
function normalizePostalCode(value: string): string {
  const compact = value
    .replace(/^〒\s*/, '')
    .replace(DASHES, '-')
    .trim();
  const match = /^(\d{3})[-\s]?(\d{4})$/.exec(compact);
  return match ? `${match[1]}${match[2]}` : value;
}

/**
 * A Japanese number, with or without hyphens or +81, stored in its national form with the
 * area code separated as the numbering plan does (`011-211-2111`, `090-1234-5678`).
 */
function normalizePhone(value: string): string {
  const dashed = value.replace(DASHES, '-').replace(/[()\s]/g, '-');
  const parsed = parsePhoneNumberFromString(dashed, 'JP');
  if (parsed?.country !== 'JP' || !parsed.isValid()) return value;
  return parsed.formatNational();
}

/** The value after the steps, in order; anything but a string comes back as it is. */
export function normalizeValue(value: unknown, steps: readonly NormalizeStep[]): unknown {
  if (typeof value !== 'string') return value;
  return steps.reduce((current, step) => STEPS[step](current), value);
}

/**
 * The record with each property normalised by the steps a record schema's property lists
 * under `x-kiban-normalize`; a record without such properties comes back as it is.
 */
export function normalizeRecord<T extends Record<string, unknown>>(
  record: T,
  stepsOf: (property: string) => readonly NormalizeStep[] | undefined,
): T {
  let copy: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(record)) {
    const steps = stepsOf(name);
    if (!steps || steps.length === 0) continue;
    const normalized = normalizeValue(value, steps);
    if (normalized === value) continue;
    copy ??= { ...record };
    copy[name] = normalized;
  }
  return (copy ?? record) as T;
}
