/**
 * The terms of the interim index. Japanese has no spaces, so text is cut where the script
 * changes (漢字, カタカナ, ひらがな, letters and digits): particles and endings are hiragana,
 * the words that carry a question's meaning mostly are not. A question's terms are the
 * character bigrams of its kanji, katakana and alphanumeric runs (a single kanji counts as
 * itself) and of its longer hiragana runs once their endings are cut; a passage's terms are
 * all bigrams of its runs and its single kanji. Katakana is folded to hiragana and text is
 * NFKC-normalised first, so ﾏｲﾅﾝﾊﾞｰ, マイナンバー and まいなんばー meet.
 */

const RUN = /[\p{Script=Han}々〆ヶ]+|[\p{Script=Katakana}ー]+|[\p{Script=Hiragana}ー]+|[\p{L}\p{N}]+/gu;
const HAN = /^[\p{Script=Han}々〆ヶ]+$/u;
const HIRAGANA = /^[\p{Script=Hiragana}ー]+$/u;
/** Endings and question phrasing at the end of a hiragana run: したいです → し (dropped). */
const HIRAGANA_ENDINGS =
  /(?:でしょうか|ください|ますか|ですか|ました|ません|ます|です|ない|たい|たら|ても|でも|って|ので|から|まで|には|とは|では|のは|けど|よね|かな|ばいい|ばよい|たらいい|て|た|だ|か|の|は|が|を|に|で|と|も|や|へ|ね|よ)+$/u;
const LEADING_PARTICLES = /^(?:は|が|を|に|で|と|も|の|へ|や)+/u;
/** Question words and light verbs carry no topic: どうすれ(ばいい), どこ, いくら. */
const STOP_HIRAGANA =
  /^(?:どう|どこ|いつ|なに|なん|どれ|どの|いくら|おしえ|これ|それ|ある|いる|する|なる|できる|いい|よい)/u;
/** Kanji that appear in questions of every topic (何, 私, 教えて). */
const STOP_KANJI = new Set(['何', '私', '教', '僕', '方', '等']);

function foldKana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/gu, (kana) => String.fromCharCode(kana.charCodeAt(0) - 0x60));
}

export function normalizeText(text: string): string {
  return foldKana(text.normalize('NFKC').toLowerCase());
}

function runsOf(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(RUN) ?? [];
}

/** Distinct terms of a question's content. */
export function queryTerms(question: string): string[] {
  const terms: string[] = [];
  for (const run of runsOf(question)) {
    if (HIRAGANA.test(run)) {
      const stem = run.replace(LEADING_PARTICLES, '').replace(HIRAGANA_ENDINGS, '');
      if ([...stem].length >= 2 && !STOP_HIRAGANA.test(stem)) terms.push(...bigrams(stem));
    } else if (!STOP_KANJI.has(run)) {
      const folded = foldKana(run);
      terms.push(...([...folded].length === 1 ? [folded] : bigrams(folded)));
    }
  }
  return [...new Set(terms)];
}

/** Every term of a passage, with repeats, for term frequencies: bigrams across its runs and each kanji alone. */
export function documentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const segment of normalizeText(text).split(/[^\p{L}\p{N}ー々〆ヶ]+/u)) {
    const chars = [...segment];
    for (let i = 0; i < chars.length; i += 1) {
      if (HAN.test(chars[i] as string)) terms.push(chars[i] as string);
      if (i + 1 < chars.length) terms.push(`${chars[i]}${chars[i + 1]}`);
    }
  }
  return terms;
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return [run];
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) grams.push(`${chars[i]}${chars[i + 1]}`);
  return grams;
}
