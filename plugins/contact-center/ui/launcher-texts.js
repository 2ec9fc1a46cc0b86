/**
 * The chat launcher's texts in each of the portal's languages (`ja-x-easy`: やさしい日本語);
 * any other language reads the Japanese ones.
 */
export const LAUNCHER_TEXT = {
  ja: { open: 'チャットで問い合わせる', close: 'チャットを閉じる' },
  en: { open: 'Chat with us', close: 'Close the chat' },
  'zh-Hans': { open: '在线聊天咨询', close: '关闭聊天' },
  'zh-Hant': { open: '線上聊天諮詢', close: '關閉聊天' },
  ko: { open: '채팅으로 문의하기', close: '채팅 닫기' },
  vi: { open: 'Hỏi qua trò chuyện', close: 'Đóng trò chuyện' },
  'ja-x-easy': { open: 'チャットで しつもんする', close: 'チャットを とじる' },
};

export function launcherText(language) {
  return Object.hasOwn(LAUNCHER_TEXT, language) ? LAUNCHER_TEXT[language] : LAUNCHER_TEXT.ja;
}
