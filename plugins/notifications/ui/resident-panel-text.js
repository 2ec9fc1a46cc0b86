/**
 * The staff panel's texts (the resident 360 under the CRM), Japanese first; English for staff
 * who chose it. The staff portal speaks these two, so the resident pages' tables stay apart.
 */
export const PANEL_TEXT = {
  ja: {
    notices: 'この住民に送ったお知らせ',
    none: '送ったお知らせはありません。',
    refused: 'この住民へのお知らせは、お知らせ配信の担当者だけが見られます。',
    unavailable: 'お知らせを読み込めませんでした。',
    official: '公式通知',
    read: '既読',
    unread: '未読',
    deliveries: '配信',
    inboxOnly: 'ポータルの受信箱のみ',
    channels: { email: 'メール', line: 'LINE', sms: 'SMS', push: 'プッシュ通知' },
    states: {
      created: '送信待ち',
      sending: '送信済み',
      delivered: '配達済み',
      'temporary-failure': '一時的な失敗',
      'permanent-failure': '失敗',
    },
  },
  en: {
    notices: 'Notices sent to this resident',
    none: 'No notices were sent.',
    refused: 'Only notifications staff can see the notices sent to this resident.',
    unavailable: 'The notices could not be loaded.',
    official: 'Official notice',
    read: 'Read',
    unread: 'Unread',
    deliveries: 'Deliveries',
    inboxOnly: 'Portal inbox only',
    channels: { email: 'Email', line: 'LINE', sms: 'SMS', push: 'Push' },
    states: {
      created: 'Waiting to send',
      sending: 'Sent',
      delivered: 'Delivered',
      'temporary-failure': 'Temporary failure',
      'permanent-failure': 'Failed',
    },
  },
};

export function panelText(element) {
  return PANEL_TEXT[element.language === 'en' ? 'en' : 'ja'];
}
