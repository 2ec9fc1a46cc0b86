/**
 * A resident asking for a person instead of an answer (人と話したい, 職員につないで, オペレーターを
 * お願いします, talk to a person): the concierge does not search for it, it offers the contact
 * centre. A question that merely mentions staff (職員の対応時間は？) is not one of them.
 */
// 人 alone, not the end of a word (本人, 他人, 代理人).
const WHO_JA = '(?:(?<!\\p{Script=Han})人|ひと|職員|担当者?|係の人|係員|オペレーター|オペレータ|窓口の人|相談員)';
const WANT_JA =
  '(?:と|に|へ)(?:直接)?(?:話|はな|相談|そうだん|代わ|かわ|替わ|つな|繋|つないで|まわ|回)|(?:を|に)?(?:お願い|おねがい|呼ん|よん)';
const PERSON_JA = new RegExp(`${WHO_JA}(?:${WANT_JA})`, 'u');
const PERSON_EN =
  /\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a\s+|an\s+|some)?(?:one|person|human|staff|operator|agent|real person)\b|\b(?:human|real person|operator|agent)\s+please\b/iu;

export function asksForPerson(message: string): boolean {
  const text = message.normalize('NFKC');
  return PERSON_JA.test(text) || PERSON_EN.test(text);
}
