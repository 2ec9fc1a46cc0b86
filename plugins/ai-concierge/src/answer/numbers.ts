/**
 * The rule that an answer never invents a fee, date or phone number: every number in it must
 * appear in a passage it cites. Numbers are compared after NFKC (全角 digits) with thousands
 * separators removed; citation markers such as `[2]` are not numbers of the answer.
 */

const CITATION_MARKER = /\[\d+\]/gu;
const NUMBER = /\d+(?:\.\d+)?/gu;

export function numbersIn(text: string): string[] {
  const plain = text
    .normalize('NFKC')
    .replace(CITATION_MARKER, ' ')
    .replace(/(\d),(?=\d{3})/gu, '$1');
  return plain.match(NUMBER) ?? [];
}

/** The numbers of `answer` that no cited passage holds; empty when the answer may be shown. */
export function unsupportedNumbers(answer: string, citedTexts: string[]): string[] {
  const supported = new Set(citedTexts.flatMap(numbersIn));
  return [...new Set(numbersIn(answer))].filter((number) => !supported.has(number));
}
