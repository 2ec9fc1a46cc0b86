import { tokenizer } from '../privacy/names.ts';

const KANJI = /[\p{Script=Han}々〆ヶ]/u;
/** Citation markers and numbers stay as they are: the number check reads them. */
const SENTENCE_END = /(?<=[。！？])(?!\s*\[\d+\])/u;

function toHiragana(katakana: string): string {
  return katakana.replace(/[\u30a1-\u30f6]/gu, (kana) => String.fromCharCode(kana.charCodeAt(0) - 0x60));
}

/**
 * やさしい日本語 without a model, by rules that change no meaning: each word written with kanji
 * gets its reading from the dictionary (IPADIC through kuromoji) in brackets — 手数料（てすうりょう）
 * — and each sentence goes on its own line. The words themselves are the city's, unsimplified:
 * the page says so.
 */
export async function withFurigana(text: string): Promise<string> {
  const analyser = await tokenizer();
  const lines = text.split('\n').map((line) =>
    line
      .split(SENTENCE_END)
      .map((sentence) => sentence.trim())
      .filter(Boolean)
      .join('\n'),
  );
  return lines
    .map((line) =>
      analyser
        .tokenize(line)
        .map((token) => {
          const reading = token.reading;
          if (!KANJI.test(token.surface_form) || !reading || reading === '*') return token.surface_form;
          return `${token.surface_form}（${toHiragana(reading)}）`;
        })
        .join(''),
    )
    .join('\n');
}
