/**
 * The terms of the interim index: NFKC, katakana folded to hiragana, then character bigrams of
 * each run of kanji, kana and alphanumerics — Japanese has no spaces, and bigrams find a word
 * however the sentence around it is written. Question phrasing (教えてください, どうすれば) is
 * dropped first so that it does not count as content.
 */

const QUESTION_PHRASES =
  /(?:について|を?教えて(?:ください|下さい|ほしい)?|ください|下さい|でしょうか|ですか|ますか|ません|どうすれば(?:いい|よい)?(?:ですか)?|どうしたら(?:いい|よい)?|どこで|いつまで|いつ|どのように|なんですか|何ですか|したい|できる|できます|ありますか|[？?！!。、，,．.\s「」『』（）()・:：/／]+)/gu;

export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/gu, (kana) => String.fromCharCode(kana.charCodeAt(0) - 0x60));
}

/** Distinct bigrams of the question's content (a one-character run counts as itself). */
export function queryTerms(question: string): string[] {
  const runs = normalizeText(question).replace(QUESTION_PHRASES, ' ').split(/\s+/u);
  return [...new Set(runs.flatMap(bigramsOfRun))];
}

/** Every bigram of a passage, with repeats, for term frequencies. */
export function documentTerms(text: string): string[] {
  return normalizeText(text)
    .split(/[\s。、，,．.？?！!「」『』（）()・:：/／]+/u)
    .flatMap(bigramsOfRun);
}

function bigramsOfRun(run: string): string[] {
  const chars = [...run];
  if (chars.length === 0) return [];
  if (chars.length === 1) return [run];
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) grams.push(`${chars[i]}${chars[i + 1]}`);
  return grams;
}
