/** What the concierge says when it does not answer from a passage. */

import type { MessageLanguage as Language } from './languages.ts';

/**
 * The offer of a person: the contact centre when it runs here, otherwise the plain statement
 * that no one can be connected from this chat, and where to ask instead.
 */
export function personOffer(language: Language, contact: string, contactCenter: boolean): string {
  if (language === 'en')
    return contactCenter
      ? `Would you like to talk to a person? ${contact}`
      : `A person cannot be connected from this chat. ${contact}`;
  return contactCenter
    ? `担当者におつなぎしましょうか。${contact}`
    : `このチャットからは担当者におつなぎできません。${contact}`;
}

export function declineText(
  language: Language,
  contact: string,
  department: string | undefined,
  contactCenter: boolean,
): string {
  const offer = personOffer(language, contact, contactCenter);
  if (language === 'en') {
    const where = department ? `The ${department} can help with this. ` : '';
    return `I could not find this in the city's information, so I cannot answer it reliably. ${where}${offer}`;
  }
  const where = department ? `この件は${department}がご案内できます。` : '';
  return `市の案内の中にお答えできる情報が見つかりませんでした。${where}${offer}`;
}

/** The resident asked for a person rather than an answer. */
export function personRequestedText(language: Language, contact: string, contactCenter: boolean): string {
  if (!contactCenter) return personOffer(language, contact, false);
  return language === 'en'
    ? 'I can connect you to a person at the contact centre. Should the conversation so far be passed on to them?'
    : 'コンタクトセンターの担当者におつなぎできます。これまでの会話の内容を担当者にお伝えしてもよろしいですか。';
}

export function personalRecordsText(language: Language, contact: string): string {
  return language === 'en'
    ? `I cannot look up or tell you anyone's personal records here. Please check them yourself on Mynaportal, or ask at the counter with your identification. ${contact}`
    : `個人の記録（番号・税額・申請状況など）は、ここではお調べもお答えもできません。マイナポータルでご本人が確認するか、本人確認書類をお持ちのうえ窓口でおたずねください。${contact}`;
}

/** No knowledge source runs in this environment: nothing to answer from, so nothing is made up. */
export function noKnowledgeText(language: Language, contact: string, contactCenter: boolean): string {
  const offer = personOffer(language, contact, contactCenter);
  return language === 'en'
    ? `The city's knowledge base is not available here, so the concierge cannot answer. ${offer}`
    : `市の案内（ナレッジ）が使えないため、コンシェルジュはお答えできません。${offer}`;
}
