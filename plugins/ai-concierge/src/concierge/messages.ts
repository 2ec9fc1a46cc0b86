/** What the concierge says when it does not answer from a passage. */

import type { MessageLanguage as Language } from './languages.ts';

export function declineText(language: Language, contact: string, department: string | undefined): string {
  if (language === 'en') {
    const where = department ? `The ${department} can help with this. ` : '';
    return `I could not find this in the city's information, so I cannot answer it reliably. ${where}Would you like to talk to a person? ${contact}`;
  }
  const where = department ? `この件は${department}がご案内できます。` : '';
  return `市の案内の中にお答えできる情報が見つかりませんでした。${where}担当者におつなぎしましょうか。${contact}`;
}

export function personalRecordsText(language: Language, contact: string): string {
  return language === 'en'
    ? `I cannot look up or tell you anyone's personal records here. Please check them yourself on Mynaportal, or ask at the counter with your identification. ${contact}`
    : `個人の記録（番号・税額・申請状況など）は、ここではお調べもお答えもできません。マイナポータルでご本人が確認するか、本人確認書類をお持ちのうえ窓口でおたずねください。${contact}`;
}

/** No knowledge source runs in this environment: nothing to answer from, so nothing is made up. */
export function noKnowledgeText(language: Language, contact: string): string {
  return language === 'en'
    ? `The city's knowledge base is not available here, so the concierge cannot answer. Would you like to talk to a person? ${contact}`
    : `市の案内（ナレッジ）が使えないため、コンシェルジュはお答えできません。担当者におつなぎしましょうか。${contact}`;
}
