import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Span } from './patterns.ts';

/** The part of kuromoji's IPADIC token this file reads (the package ships no types). */
interface Token {
  surface_form: string;
  word_position: number;
  pos: string;
  pos_detail_1: string;
  pos_detail_2: string;
  pos_detail_3: string;
  /** In katakana; absent or `*` for a word the dictionary does not know. */
  reading?: string;
}
interface Tokenizer {
  tokenize(text: string): Token[];
}
interface KuromojiModule {
  builder(options: { dicPath: string }): { build(done: (error: Error | null, tokenizer: Tokenizer) => void): void };
}

let loading: Promise<Tokenizer> | undefined;

/** The morphological analyser with its IPADIC dictionary, loaded once per process (about 2 s). */
export function tokenizer(): Promise<Tokenizer> {
  loading ??= new Promise((resolve, reject) => {
    const require = createRequire(import.meta.url);
    const kuromoji = require('kuromoji') as KuromojiModule;
    const dicPath = join(dirname(require.resolve('kuromoji/package.json')), 'dict');
    kuromoji.builder({ dicPath }).build((error, built) => (error ? reject(error) : resolve(built)));
  });
  return loading;
}

/** A word before one of these is a person's name (山田さん, 花子ちゃん); the words listed are not. */
const HONORIFIC =
  /([\p{Script=Han}\p{Script=Katakana}ー]{1,5}|[\p{Script=Hiragana}]{2,6})(?=\s?(?:さん|様|さま|氏|くん|君|ちゃん|殿))/gu;
const NOT_NAMES = new Set([
  '皆',
  '奥',
  '客',
  'お客',
  '神',
  '王',
  '患者',
  '利用者',
  '担当者',
  '市民',
  '住民',
  '区民',
  '相手',
  '先生',
  '職員',
  '担当',
  '窓口',
  '子',
  'お子',
  'みな',
  'おく',
  'おきゃく',
  'みなさ',
]);
/** What follows a label such as 名前は / 氏名: up to the next particle or punctuation. */
const LABELLED =
  /(?:名前|氏名|なまえ|お名前|申請者|届出人|世帯主)(?:は|:|：|が)\s?([^\s、。,，:：「」()（）]{1,6}(?:\s[^\s、。,，:：「」()（）]{1,6})?)(?=です|と申|といい|で[、。す]|[、。,\s]|$)/gu;

/** A katakana word the dictionary calls a name is not one inside a longer katakana word (マイ|ナンバー). */
function isPersonName(token: Token, next: string | undefined): boolean {
  if (token.pos_detail_2 !== '人名') return false;
  return !(
    /^[\p{Script=Katakana}ー]+$/u.test(token.surface_form) &&
    next !== undefined &&
    /[\p{Script=Katakana}ー]/u.test(next)
  );
}

function looksLikeGivenName(token: Token): boolean {
  return (
    token.pos === '名詞' &&
    token.pos_detail_1 !== '接尾' &&
    /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{1,4}$/u.test(token.surface_form)
  );
}

/**
 * Names of people: the words the dictionary knows as person names (姓, 名) and the runs they
 * make, words before an honorific, and what follows a label such as 氏名 or 名前は.
 */
export async function nameSpans(text: string): Promise<Span[]> {
  const spans: Span[] = [];
  const tokens = (await tokenizer()).tokenize(text);
  let open: Span | null = null;
  let afterSurname = false;
  for (const token of tokens) {
    const start = token.word_position - 1;
    const end = start + token.surface_form.length;
    const adjacent = open !== null && open.end === start;
    if (isPersonName(token, text[end])) {
      if (open && adjacent) open.end = end;
      else {
        open = { kind: 'name', start, end };
        spans.push(open);
      }
      afterSurname = token.pos_detail_3 === '姓';
    } else if (afterSurname && adjacent && open && looksLikeGivenName(token)) {
      // A given name the dictionary does not know, written after a known surname (松本さくら).
      open.end = end;
      afterSurname = false;
    } else if (!(adjacent && /^\s+$/u.test(token.surface_form))) {
      open = null;
      afterSurname = false;
    }
  }
  for (const match of text.matchAll(HONORIFIC)) {
    const word = match[1] as string;
    if (NOT_NAMES.has(word) || (/^[\p{Script=Hiragana}]+$/u.test(word) && /[のをにがはでと]$/u.test(word))) continue;
    spans.push({ kind: 'name', start: match.index ?? 0, end: (match.index ?? 0) + word.length });
  }
  for (const match of text.matchAll(LABELLED)) {
    const value = match[1] as string;
    const start = (match.index ?? 0) + match[0].lastIndexOf(value);
    spans.push({ kind: 'name', start, end: start + value.length });
  }
  return spans;
}
