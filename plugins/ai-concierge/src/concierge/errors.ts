import { PluginError } from '@kiban/sdk';

/** Every refusal of the concierge: a stable `ai-concierge.*` code, the HTTP status and a message in Japanese and English. */

export function conversationNotFound(): PluginError {
  return new PluginError('ai-concierge.conversationNotFound', 404, {
    ja: 'この会話は見つかりません。新しい会話を始めてください。',
    en: 'This conversation was not found. Start a new one.',
  });
}

export function rateLimited(perSeconds: number): PluginError {
  return new PluginError('ai-concierge.rateLimited', 429, {
    ja: `質問が多すぎます。${perSeconds} 秒ほど待ってからもう一度お試しください。`,
    en: `Too many questions. Wait about ${perSeconds} seconds and try again.`,
  });
}

export function invalidPassages(
  details: Array<{ pointer: string; code: string; message: { ja: string; en: string } }>,
): PluginError {
  return new PluginError(
    'ai-concierge.invalidPassages',
    422,
    { ja: '取り込むパッセージに誤りがあります。', en: 'Some passages to import are invalid.' },
    details,
  );
}

export function staffOnly(): PluginError {
  return new PluginError('ai-concierge.staffOnly', 403, {
    ja: '回答案は職員だけが使えます。',
    en: 'Answer suggestions are for staff only.',
  });
}
