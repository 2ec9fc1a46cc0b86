/** The chat's texts in Japanese (the default) and English. */
export const TEXT = {
  ja: {
    intro: '市の案内（FAQ など）に書かれていることだけをもとにお答えします。回答には出典を示します。',
    modeExtractive: '回答方式: 市の案内から該当する文を引用して示します（AI モデルは使っていません）。',
    modeModel: (model) => `回答方式: 設定された AI モデル（${model}）が市の案内だけをもとに回答文を作ります。`,
    conversation: 'コンシェルジュとの会話',
    empty: 'まだ質問はありません。',
    you: 'あなた',
    concierge: 'コンシェルジュ',
    byExtractive: '市の案内からの引用による回答（AI モデルではありません）',
    byModel: (model) => `AI モデル（${model}）による回答`,
    fallback: 'AI モデルが応答しなかったため、市の案内からの引用でお答えしています。',
    declined: 'この質問にはお答えできません',
    refused: '個人の記録にはお答えできません',
    sources: '出典',
    noLink: '（リンクなし）',
    question: '質問（2,000 文字まで）',
    send: '送信する',
    busy: '回答を作成しています…',
    answered: '回答がありました。',
    rateLimited: '質問が多すぎます。しばらく待ってからもう一度お試しください。',
    failed: '回答を受け取れませんでした。時間をおいてもう一度お試しください。',
    signIn: 'コンシェルジュを使うにはログインしてください。',
  },
  en: {
    intro: "Answers come only from the city's own information (FAQs and the like), with their sources.",
    modeExtractive: "How answers are made: sentences are quoted from the city's information (no AI model is used).",
    modeModel: (model) =>
      `How answers are made: the configured AI model (${model}) writes them from the city's information only.`,
    conversation: 'Conversation with the concierge',
    empty: 'No questions yet.',
    you: 'You',
    concierge: 'Concierge',
    byExtractive: "Answer quoted from the city's information (not an AI model)",
    byModel: (model) => `Answer written by the AI model (${model})`,
    fallback: "The AI model did not respond, so this answer quotes the city's information instead.",
    declined: 'This question cannot be answered',
    refused: 'Personal records cannot be answered here',
    sources: 'Sources',
    noLink: '(no link)',
    question: 'Your question (up to 2,000 characters)',
    send: 'Send',
    busy: 'Preparing an answer…',
    answered: 'An answer has arrived.',
    rateLimited: 'Too many questions. Please wait a little and try again.',
    failed: 'No answer could be received. Please try again later.',
    signIn: 'Please sign in to use the concierge.',
  },
};

export function textsFor(language) {
  return TEXT[language === 'en' ? 'en' : 'ja'];
}
