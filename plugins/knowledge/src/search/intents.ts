import { foldSound, normalizeText } from './normalize.ts';

/**
 * What a resident asks for, told by a question word, and the words an answer to it uses: a
 * question 「どこでもらえる？」 is answered by a passage naming a 窓口 or 会場. Written for
 * municipal answers in general, not for one corpus. Matched on the typed text and on its sound,
 * so 「何さい」 and 「なんさい」 meet 「何歳」.
 */
const INTENTS: Array<{ cues: string[]; answerWords: string[] }> = [
  { cues: ['どこ', 'どちら', '場所'], answerWords: ['場所', '窓口', '会場', '受付', '区役所'] },
  { cues: ['いつ', '何日', '何時', 'いつまで', 'いつから'], answerWords: ['期間', '期限', '時期', '日時', '以降'] },
  { cues: ['いくら', '何円', '料金', '値段', 'お金かかる'], answerWords: ['金額', '料金', '手数料', '円', '無料'] },
  { cues: ['何歳', '何才', '年齢', 'いくつから'], answerWords: ['年齢', '歳', '未満', '以上'] },
  { cues: ['どうやって', 'どうすれば', 'やり方', '方法', 'したい'], answerWords: ['手続き', '申請', '方法'] },
  { cues: ['何が必要', '持ち物', '持っていく', '必要なもの'], answerWords: ['必要', '持参', '書類', '本人確認'] },
  { cues: ['だれが', '誰が', '代わりに', 'かわりに'], answerWords: ['本人', '代理人', '委任状'] },
  { cues: ['とは', 'ってなに', 'って何', 'なに？', '何ですか'], answerWords: ['制度', 'とは'] },
];

const CUES = INTENTS.map((intent) => ({
  answerWords: intent.answerWords,
  cues: intent.cues.map((cue) => normalizeText(cue)),
  sounds: intent.cues.map((cue) => foldSound(normalizeText(cue))).filter((sound) => sound.length >= 3),
}));

/** The answer words of every intent the query shows, to be searched at a low weight. */
export function intentWords(query: string, querySound: string): string[] {
  const typed = normalizeText(query);
  const words = new Set<string>();
  for (const intent of CUES) {
    const shown =
      intent.cues.some((cue) => typed.includes(cue)) || intent.sounds.some((sound) => querySound.includes(sound));
    if (shown) for (const word of intent.answerWords) words.add(word);
  }
  return [...words];
}
