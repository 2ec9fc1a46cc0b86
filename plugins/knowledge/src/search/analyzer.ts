import { foldKana, foldSound, isKanaOnly, normalizeText, toHiragana } from './normalize.ts';
import { numberReading } from './number-reading.ts';
import { BREAK_SURFACES, MINOR_SURFACES, STOP_WORDS } from './stop-words.ts';
import type { Morpheme, Tokenizer } from './tokenizer.ts';

/** The four views of a text that ranking combines. Each is a bag of terms (repeats count). */
export interface AnalyzedText {
  /** Dictionary forms of content words, normalised (捨てる, 乾電池). */
  words: string[];
  /** Their readings in folded hiragana (すてる, かんでんち): meets kana-only queries. */
  readings: string[];
  /** Character bigrams of the content segments: typo and compound tolerance. */
  grams: string[];
  /** Character bigrams of the segments' readings: kana-only queries with typos. */
  readingGrams: string[];
  /** Question words and light words (何, いつ, どこ, とは, できる): they tell a definition from a procedure, weakly. */
  minor: string[];
}

export type Channel = keyof AnalyzedText;

/** A query's sound and the offsets in it where words start. */
export interface QuerySound {
  sound: string;
  starts: Set<number>;
}
export const CHANNELS: Channel[] = ['words', 'readings', 'grams', 'readingGrams', 'minor'];

const FUNCTION_POS = new Set(['助詞', '助動詞', '記号', '接続詞', 'フィラー', '感動詞', 'その他']);
const FUNCTION_NOUN = new Set(['非自立', '代名詞', '接尾', '数']);

function isContent(morpheme: Morpheme, key: string): boolean {
  if (FUNCTION_POS.has(morpheme.pos)) return false;
  if (morpheme.pos === '名詞' && FUNCTION_NOUN.has(morpheme.pos1)) return false;
  if ((morpheme.pos === '動詞' || morpheme.pos === '形容詞') && morpheme.pos1 === '非自立') return false;
  if (STOP_WORDS.has(key)) return false;
  if (key.length === 1 && isKanaOnly(key)) return false;
  return /[\p{L}\p{N}]/u.test(key);
}

/**
 * A kana-only query may be cut wrongly (れいぞうこ → れい/ぞ/うこ), so a function word joins the
 * content segment around it unless it is a clear particle or ending.
 */
function joinsSegment(morpheme: Morpheme): boolean {
  if (morpheme.pos === '接頭詞' || (morpheme.pos === '名詞' && (morpheme.pos1 === '接尾' || morpheme.pos1 === '数')))
    return true;
  return (
    FUNCTION_POS.has(morpheme.pos) &&
    morpheme.pos !== '記号' &&
    !BREAK_SURFACES.has(morpheme.surface) &&
    isKanaOnly(morpheme.surface)
  );
}

function termOf(text: string): string {
  const normal = normalizeText(text);
  return isKanaOnly(normal) ? foldKana(normal) : normal;
}

/**
 * A compound's kanji alone, so the okurigana a writer adds or leaves out meet: 受け取る, 受取り
 * and 受取 all become 受取; 申し込み and 申込 become 申込. Words with one kanji keep their kana
 * (捨てる stays), or 生きる and 生 would meet.
 */
export function withoutOkurigana(word: string): string {
  const kanji = word.match(/\p{Script=Han}/gu);
  if (!kanji || kanji.length < 2 || !/[\u3041-\u309f]/u.test(word)) return word;
  return word.replace(/[\u3041-\u309f]/gu, '');
}

/** The surface's reading, folded to its sound; kana and unknown words read as written. */
function readingOf(morpheme: Morpheme): string {
  return foldSound(normalizeText(morpheme.reading ?? morpheme.surface));
}

/** The dictionary form's reading (捨て/ステ → すてる), from the surface reading and the kana the forms differ by. */
function baseReadingOf(morpheme: Morpheme): string {
  const { surface, base } = morpheme;
  if (!morpheme.reading || surface === base) return readingOf(morpheme);
  let stem = 0;
  while (stem < surface.length && stem < base.length && surface[stem] === base[stem]) stem++;
  const surfaceTail = surface.length - stem;
  const reading = morpheme.reading.slice(0, morpheme.reading.length - surfaceTail);
  return foldSound(toHiragana(normalizeText(reading + base.slice(stem))));
}

function bigrams(segment: string, out: string[]): void {
  const chars = Array.from(segment);
  if (chars.length === 1) {
    // A lone kanji is a word (傘); a lone kana is noise.
    if (!isKanaOnly(segment)) out.push(chars[0] as string);
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
}

/** Turns text into the terms of each channel; the same analysis serves documents and queries. */
/**
 * The version of how stored text is analysed. Raise it with any change that alters the terms
 * of a stored passage (tokenising, readings, n-grams, normalisation): every process then
 * rewrites the passages analysed by an older version once (see `analysis-upgrade.ts`).
 * 2: words end before a conjugated auxiliary (届きました → 届き).
 */
export const ANALYSIS_VERSION = 2;

export class Analyzer {
  readonly #tokenizer: Tokenizer;

  constructor(tokenizer: Tokenizer) {
    this.#tokenizer = tokenizer;
  }

  /** The whole text as it sounds (all readings joined, folded): to spot words typed in kana. */
  sound(text: string): string {
    return foldSound(
      this.#tokenizer
        .tokenize(text.normalize('NFKC'))
        .map((morpheme) => normalizeText(morpheme.reading ?? morpheme.surface))
        .join(''),
    );
  }

  /**
   * The text as it sounds, word by word, with where each word other than a particle or ending
   * starts: a synonym heard in a query must begin with a word (お金はいる is not 入る, 使える is
   * not 変える).
   */
  soundOfWords(text: string): QuerySound {
    let sound = '';
    const starts = new Set<number>([0]);
    for (const morpheme of this.#tokenizer.tokenize(text.normalize('NFKC'))) {
      if (!FUNCTION_POS.has(morpheme.pos)) starts.add(sound.length);
      sound += foldSound(normalizeText(morpheme.reading ?? morpheme.surface));
      // After a space or a mark a new word starts, even where kana is cut as a particle (ばしょ → ば/しょ).
      if (morpheme.pos === '記号') starts.add(sound.length);
    }
    return { sound, starts };
  }

  /**
   * A query's analysis: as a document's, plus the bigrams of each hiragana run as typed, since
   * the analyser cuts kana-only words badly (つうちかーど → つ/うち/か/ー/ど).
   */
  analyzeQuery(text: string): AnalyzedText {
    const result = this.analyze(text);
    for (const run of normalizeText(text.normalize('NFKC')).match(/[\u3041-\u309fー]{2,}/gu) ?? []) {
      bigrams(foldKana(run), result.grams);
      bigrams(foldSound(run), result.readingGrams);
    }
    return result;
  }

  analyze(text: string): AnalyzedText {
    return analyzeMorphemes(this.#tokenizer.tokenize(text.normalize('NFKC')));
  }
}

/** The terms of each channel of one analysed text. */
function analyzeMorphemes(morphemes: Morpheme[]): AnalyzedText {
  const result: AnalyzedText = { words: [], readings: [], grams: [], readingGrams: [], minor: [] };
  let surfaceSegment = '';
  let readingSegment = '';
  const flush = () => {
    if (surfaceSegment) bigrams(surfaceSegment, result.grams);
    if (readingSegment) bigrams(foldSound(readingSegment.replace(/\d+/gu, numberReading)), result.readingGrams);
    surfaceSegment = '';
    readingSegment = '';
  };
  for (const morpheme of morphemes) {
    const key = termOf(morpheme.base);
    const content = isContent(morpheme, key);
    if (!content && (STOP_WORDS.has(key) || MINOR_SURFACES.has(morpheme.surface)))
      result.minor.push(baseReadingOf(morpheme));
    if (content) {
      result.words.push(withoutOkurigana(key));
      const reading = baseReadingOf(morpheme);
      if (reading) result.readings.push(reading);
    }
    if (content || joinsSegment(morpheme)) {
      surfaceSegment += termOf(morpheme.surface);
      readingSegment += normalizeText(morpheme.reading ?? morpheme.surface);
    } else {
      flush();
    }
  }
  flush();
  return result;
}
