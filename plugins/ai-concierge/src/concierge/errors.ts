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

export function contactCenterUnavailable(): PluginError {
  return new PluginError('ai-concierge.contactCenterUnavailable', 503, {
    ja: 'このチャットからは担当者におつなぎできません。市役所の代表窓口（コールセンター）にお問い合わせください。',
    en: 'A person cannot be connected from this chat. Please contact the city office call centre.',
  });
}

export function handoffResidentsOnly(): PluginError {
  return new PluginError('ai-concierge.handoffResidentsOnly', 403, {
    ja: '担当者へのおつなぎは、住民の方の会話だけが対象です。',
    en: 'Only a resident’s conversation can be passed to a person.',
  });
}

export function turnNotFound(): PluginError {
  return new PluginError('ai-concierge.turnNotFound', 404, {
    ja: 'この回答は見つかりません。',
    en: 'This answer was not found.',
  });
}
