import type { LocalizedText } from '@kiban/sdk';

/** Why a member of staff opens a resident's 360: chosen on every open and kept in the audit trail. */
export const OPEN_REASONS: Record<string, LocalizedText> = {
  counter: { ja: '窓口対応', en: 'At the counter' },
  phone: { ja: '電話対応', en: 'On the phone' },
  application: { ja: '申請審査', en: 'Reviewing an application' },
  visit: { ja: '訪問対応', en: 'Home visit' },
  followUp: { ja: 'フォローアップ', en: 'Follow-up' },
};
