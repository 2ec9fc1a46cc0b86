/**
 * Character-level normalisation shared by indexing and querying, so that the forms a resident
 * types (full-width letters, katakana or hiragana, ケータイ or ケイタイ) meet the forms the city
 * writes.
 */

const KATAKANA_START = 0x30a1;
const KATAKANA_END = 0x30f6;
const KANA_OFFSET = 0x60;

const SMALL_KANA: Record<string, string> = {
  ぁ: 'あ',
  ぃ: 'い',
  ぅ: 'う',
  ぇ: 'え',
  ぉ: 'お',
  っ: 'つ',
  ゃ: 'や',
  ゅ: 'ゆ',
  ょ: 'よ',
  ゎ: 'わ',
  ゕ: 'か',
  ゖ: 'け',
  ぢ: 'じ',
  づ: 'ず',
};

/** Katakana to hiragana; everything else unchanged. */
export function toHiragana(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += code >= KATAKANA_START && code <= KATAKANA_END ? String.fromCodePoint(code - KANA_OFFSET) : char;
  }
  return out;
}

/** NFKC, lower case, katakana as hiragana: the surface form every index term is kept in. */
export function normalizeText(text: string): string {
  return toHiragana(text.normalize('NFKC').toLowerCase());
}

/**
 * Folds the spellings of one pronunciation together: small kana to full size and the long-vowel
 * mark dropped, so ソファー, ソファ and そふぁあ meet. Applied to readings and kana-only terms.
 */
export function foldKana(text: string): string {
  let out = '';
  for (const char of text) {
    if (char === 'ー' || char === '〜' || char === '~') continue;
    out += SMALL_KANA[char] ?? char;
  }
  return out;
}

const VOWEL_ROWS: Array<[string, string]> = [
  ['あ', 'あかさたなはまやらわがざだばぱ'],
  ['い', 'いきしちにひみりぎじぢびぴ'],
  ['う', 'うくすつぬふむゆるぐずづぶぷ'],
  ['え', 'えけせてねへめれげぜでべぺ'],
  ['お', 'おこそとのほもよろをごぞどぼぽ'],
];
const VOWEL_OF = new Map<string, string>();
for (const [vowel, row] of VOWEL_ROWS) for (const char of row) VOWEL_OF.set(char, vowel);

/**
 * Folds a reading to how it sounds, so the spellings of one long vowel meet: ケータイ, けいたい
 * and 携帯 (ケイタイ) all become けたい; れいぞうこ becomes れぞこ. For readings only, where an
 * occasional collision costs little against the typed variants it joins.
 */
export function foldSound(text: string): string {
  const kana = foldKana(text);
  let out = '';
  let previousVowel = '';
  for (const char of kana) {
    const vowel = VOWEL_OF.get(char) ?? '';
    const lengthens =
      (char === 'う' && (previousVowel === 'お' || previousVowel === 'う')) ||
      (char === 'い' && (previousVowel === 'え' || previousVowel === 'い')) ||
      (char === 'あ' && previousVowel === 'あ') ||
      (char === 'え' && previousVowel === 'え') ||
      (char === 'お' && previousVowel === 'お');
    if (lengthens) continue;
    out += char;
    previousVowel = vowel;
  }
  return out;
}

const SEARCHABLE = /[\p{L}\p{N}]/u;

/** Whether a text has anything to search for (letters or digits in any script). */
export function hasSearchableText(text: string): boolean {
  return SEARCHABLE.test(text);
}

/** Whether a string is only hiragana (and the long-vowel mark). */
export function isKanaOnly(text: string): boolean {
  return /^[\u3041-\u309f\u30fc]+$/u.test(text);
}
