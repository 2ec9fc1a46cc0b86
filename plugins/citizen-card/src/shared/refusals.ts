import type { Refusal } from './verify-presentation.ts';

/** What a refusal means, for the facility page and the server's error alike. */
export const REFUSALS: Record<Refusal, { ja: string; en: string }> = {
  notOurs: { ja: '市民カードの QR コードではありません。', en: 'This is not a citizen card QR code.' },
  wrongIssuer: { ja: 'この市が発行したカードではありません。', en: 'The card was not issued by this city.' },
  badSignature: { ja: 'カードの署名を確認できません（偽造の疑い）。', en: 'The card signature does not verify.' },
  expired: { ja: 'カードの有効期限が切れています。', en: 'The card has expired.' },
  tampered: { ja: 'カードの内容が改ざんされています。', en: 'The card has been altered.' },
  noKeyBinding: { ja: '本人の端末で作られた提示ではありません。', en: 'The presentation is not bound to the holder.' },
  wrongAudience: { ja: '別の施設向けの提示です。', en: 'The presentation was made for another facility.' },
  wrongNonce: { ja: 'この窓口で表示した確認コードと一致しません。', en: 'The confirmation code does not match.' },
  presentationExpired: {
    ja: '提示の有効時間が過ぎています。もう一度表示してください。',
    en: 'The presentation is too old. Show the card again.',
  },
  replayed: { ja: 'この提示は既に使われています。', en: 'This presentation was already used.' },
  revoked: { ja: 'このカードは失効しています。', en: 'This card has been revoked.' },
  statusUnknown: { ja: 'カードの失効状態を確認できません。', en: 'The card status cannot be checked.' },
  overDisclosed: {
    ja: 'この施設が確認してよい項目以外が含まれています。',
    en: 'The presentation discloses more than this facility may see.',
  },
  missingClaims: { ja: '必要な項目が提示されていません。', en: 'A required item was not disclosed.' },
};
