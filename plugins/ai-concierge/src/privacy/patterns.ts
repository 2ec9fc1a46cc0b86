import { isMyNumber } from './my-number.ts';

/** The kinds of personal data the anonymiser masks, and the placeholder each becomes. */
export type PersonalDataKind = 'name' | 'address' | 'phone' | 'email' | 'myNumber' | 'birthDate';

export const PLACEHOLDERS: Record<PersonalDataKind, string> = {
  name: '〔氏名〕',
  address: '〔住所〕',
  phone: '〔電話番号〕',
  email: '〔メール〕',
  myNumber: '〔個人番号〕',
  birthDate: '〔生年月日〕',
};

export interface Span {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

const KANJI_NUMBER = '[一二三四五六七八九十〇]+';
const NUMBER = `(?:\\d+|${KANJI_NUMBER})`;
const DASH = '[-‐－−ー]';

/** 12 digits, written whole or 4-4-4 with spaces or hyphens, not part of a longer number. */
const MY_NUMBER = /(?<![\d-])(\d{4})[ -]?(\d{4})[ -]?(\d{4})(?![\d-])/gu;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu;
/** Japanese phone numbers: 0 then 9–10 digits, grouped by hyphens or an area code in brackets; +81 too. */
const PHONE =
  /(?<![\d-])(?:(?:\+81[ -]?|0)\d{1,4}(?:[ -]|[(（]?)?\d{1,4}[ \-)）]?\d{3,4}|\(0\d{1,4}\)\s?\d{1,4}-\d{3,4})(?![\d-])/gu;
const ERA = '(?:明治|大正|昭和|平成|令和|[MTSHR]\\.?)';
const DATE = `(?:(?:\\d{4}|${ERA}\\s?(?:\\d{1,2}|元))\\s?年\\s?\\d{1,2}\\s?月\\s?\\d{1,2}\\s?日|\\d{4}[/.-]\\d{1,2}[/.-]\\d{1,2}|${ERA}\\d{1,2}[/.]\\d{1,2}[/.]\\d{1,2})`;
const BIRTH_BEFORE = new RegExp(`(?:生年月日|誕生日|生まれ|出生日|生年)[^。\\n]{0,12}?(${DATE})`, 'gu');
const BIRTH_AFTER = new RegExp(`(${DATE})\\s?(?:に|で)?(?:生まれ|生|産まれ|出生)`, 'gu');
const PREFECTURE = '(?:東京都|北海道|(?:京都|大阪)府|[\\p{Script=Han}]{2,3}県)';
const PLACE = '[\\p{Script=Han}\\p{Script=Katakana}ヶケの]{1,8}?';
const ADDRESS = new RegExp(
  `${PREFECTURE}?(?:${PLACE}[市郡])?(?:${PLACE}[区町村])?${PLACE}(?:町|通|丁)?(?:${NUMBER}(?:丁目|${DASH})${NUMBER}(?:番地?|${DASH})?(?:${NUMBER}号?)?(?:${DASH}${NUMBER})?|${NUMBER}番地(?:の?${NUMBER})?)`,
  'gu',
);

function spansOf(
  text: string,
  pattern: RegExp,
  kind: PersonalDataKind,
  accept?: (match: RegExpExecArray) => boolean,
  group = 0,
): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(pattern)) {
    if (accept && !accept(match)) continue;
    const value = match[group] as string;
    const start = (match.index ?? 0) + (group === 0 ? 0 : match[0].indexOf(value));
    spans.push({ kind, start, end: start + value.length });
  }
  return spans;
}

/** Every pattern-shaped piece of personal data: numbers, addresses, e-mail, birth dates. */
export function patternSpans(text: string): Span[] {
  return [
    ...spansOf(text, MY_NUMBER, 'myNumber', (match) => isMyNumber(`${match[1]}${match[2]}${match[3]}`)),
    ...spansOf(text, EMAIL, 'email'),
    ...spansOf(text, BIRTH_BEFORE, 'birthDate', undefined, 1),
    ...spansOf(text, BIRTH_AFTER, 'birthDate', undefined, 1),
    ...spansOf(text, PHONE, 'phone', (match) => match[0].replace(/\D/gu, '').length >= 10),
    ...spansOf(text, ADDRESS, 'address'),
  ];
}
