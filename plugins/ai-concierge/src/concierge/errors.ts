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

export function staffOnly(): PluginError {
  return new PluginError('ai-concierge.staffOnly', 403, {
    ja: '回答案は職員だけが使えます。',
    en: 'Answer suggestions are for staff only.',
  });
}

export function tracesStaffOnly(): PluginError {
  return new PluginError('ai-concierge.tracesStaffOnly', 403, {
    ja: '会話の記録は、コンシェルジュを管理する職員だけが見られます。',
    en: 'Conversation traces are for the staff who manage the concierge only.',
  });
}
