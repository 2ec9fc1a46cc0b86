/** The staff panel's texts (the resident 360 under the CRM), Japanese first; English for staff who chose it. */
export const PANEL_TEXT = {
  ja: {
    chats: 'この住民のチャット',
    none: '見られるチャットはありません。',
    refused: 'この住民のチャット履歴は、窓口の職員だけが見られます。',
    unavailable: 'チャット履歴を読み込めませんでした。',
    transcript: 'やり取り',
    answeredBy: '対応',
    empty: 'メッセージはありません。',
    tiers: { ai: 'AI', operator: 'オペレーター', department: '担当課' },
    statuses: {
      bot: 'AI が対応中',
      queued: '順番待ち',
      assigned: '対応中',
      afterHours: '受付時間外',
      closed: '終了',
      abandoned: '途中で終了',
    },
    authors: {
      resident: '住民',
      ai: 'AI',
      faq: 'よくある質問',
      operator: 'オペレーター',
      department: '担当課',
      system: 'お知らせ',
    },
  },
  en: {
    chats: "This resident's chats",
    none: 'No chats you may see.',
    refused: "Only contact centre staff can see this resident's chats.",
    unavailable: 'The chats could not be loaded.',
    transcript: 'Transcript',
    answeredBy: 'Answered by',
    empty: 'No messages.',
    tiers: { ai: 'AI', operator: 'Operator', department: 'Department' },
    statuses: {
      bot: 'With the AI',
      queued: 'Waiting',
      assigned: 'In progress',
      afterHours: 'After hours',
      closed: 'Closed',
      abandoned: 'Abandoned',
    },
    authors: {
      resident: 'Resident',
      ai: 'AI',
      faq: 'FAQ',
      operator: 'Operator',
      department: 'Department',
      system: 'Notice',
    },
  },
};

export function panelText(element) {
  return PANEL_TEXT[element.language === 'en' ? 'en' : 'ja'];
}
