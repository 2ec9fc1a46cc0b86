import type { LocalizedMessage } from './message-subject.ts';

/**
 * Patterns of record values, with the explanation a person needs when a value does not match.
 * (Patterns of the metadata language itself are explained by the `description` beside them in
 * `metadata/schema/`.)
 */

/** Full-width katakana with the long-vowel mark, middle dot and inner spaces (names like ヤマダ　タロウ). */
export const KANA_PATTERN = '^[ァ-ヺー・ヽヾ](?:[ァ-ヺー・ヽヾ \\u3000]*[ァ-ヺー・ヽヾ])?$';

/**
 * Japanese phone numbers: 10 or 11 digits starting with 0, or the +81 form that drops that 0
 * (keeping it, `+81-03-…`, is a common mistake); single hyphens may separate the groups.
 */
export const PHONE_PATTERN = '^(?:0|\\+81-?(?!0))(?=(?:-?\\d){9,10}$)\\d{1,4}-?\\d{1,4}-?\\d{3,4}$';

/** Japanese postal codes are stored canonically: seven digits, no hyphen. */
export const POSTAL_CODE_PATTERN = '^\\d{7}$';

/**
 * A decimal written as a string (exact, unlike a JSON number). With `precision` and `scale`
 * the pattern limits the digits before and after the point as the database column does.
 */
export function decimalPattern(precision?: number, scale?: number): string {
  const integerDigits = precision === undefined ? undefined : precision - (scale ?? 0);
  const integerPart = integerDigits === undefined ? '\\d+' : integerDigits === 0 ? '0' : `\\d{1,${integerDigits}}`;
  const fraction = scale === 0 ? '' : scale === undefined ? '(?:\\.\\d+)?' : `(?:\\.\\d{1,${scale}})?`;
  return `^-?${integerPart}${fraction}$`;
}

/** Reads the limits back out of a pattern made by `decimalPattern`. */
const DECIMAL_PATTERN_SHAPE = /^\^-\?(?<integer>\\d\+|0|\\d\{1,(?<integerDigits>\d+)\})(?<fraction>.*)\$$/;

const FIXED_EXPLANATIONS: Record<string, LocalizedMessage> = {
  [KANA_PATTERN]: {
    ja: '全角カタカナで入力してください（ー・・・スペースも使えます）。',
    en: 'Enter full-width katakana (ー, ・ and spaces are allowed).',
  },
  [PHONE_PATTERN]: {
    ja: '電話番号は 0 から始まる 10〜11 桁の数字で入力してください（ハイフン可、例: 03-1234-5678、+81-3-1234-5678）。',
    en: 'Enter a Japanese phone number: 10 or 11 digits starting with 0, hyphens allowed (e.g. 03-1234-5678 or +81-3-1234-5678).',
  },
  [POSTAL_CODE_PATTERN]: {
    ja: '郵便番号はハイフンなしの 7 桁の数字で入力してください（例: 1000001）。',
    en: 'Enter the postal code as 7 digits without a hyphen (e.g. 1000001).',
  },
};

/**
 * The explanation for a pattern of record values, or undefined for a pattern an entity author
 * wrote (only they know what it means).
 */
export function explainPattern(pattern: string): LocalizedMessage | undefined {
  const fixed = FIXED_EXPLANATIONS[pattern];
  if (fixed) return fixed;
  const decimal = DECIMAL_PATTERN_SHAPE.exec(pattern)?.groups;
  return decimal ? explainDecimal(decimal) : undefined;
}

function explainDecimal({
  integer,
  integerDigits,
  fraction = '',
}: Record<string, string | undefined>): LocalizedMessage {
  const fractionDigits = /\{1,(\d+)\}/.exec(fraction)?.[1];
  const limits: LocalizedMessage[] = [];
  if (integer === '0') limits.push({ ja: '絶対値は 1 未満', en: 'less than 1 in absolute value' });
  if (integerDigits)
    limits.push({ ja: `整数部は ${integerDigits} 桁まで`, en: `up to ${integerDigits} digits before the point` });
  if (fraction === '') limits.push({ ja: '小数は使えません', en: 'no decimals' });
  if (fractionDigits) limits.push({ ja: `小数部は ${fractionDigits} 桁まで`, en: `up to ${fractionDigits} decimals` });
  const ja = limits.length ? `（${limits.map((limit) => limit.ja).join('、')}）` : '';
  const en = limits.length ? ` (${limits.map((limit) => limit.en).join(', ')})` : '';
  return { ja: `数値を入力してください${ja}。例: 1234.5`, en: `Enter a number${en}, e.g. 1234.5.` };
}
