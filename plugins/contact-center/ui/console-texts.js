/**
 * The console's texts for its side-by-side chats and keyboard shortcuts; staff pages speak
 * Japanese and English.
 */
export const CONSOLE_TEXT = {
  ja: {
    sideBySide: '対応中のチャット（並べて表示）',
    chat: (queue, language) => `${queue}${language === 'ja' ? '' : `（${language}）`}`,
    open: '返信・操作を開く',
    residentTyping: '住民が入力中です…',
    shortcuts: 'キーボード操作',
    keys: [
      ['Alt + N', '次のチャットを選ぶ'],
      ['Alt + R', '返信欄へ移動'],
      ['Alt + S', '最初の回答候補を返信欄に入れる'],
    ],
  },
  en: {
    sideBySide: 'My chats side by side',
    chat: (queue, language) => `${queue}${language === 'ja' ? '' : ` (${language})`}`,
    open: 'Open reply and actions',
    residentTyping: 'The resident is typing…',
    shortcuts: 'Keyboard shortcuts',
    keys: [
      ['Alt + N', 'Select the next chat'],
      ['Alt + R', 'Go to the reply box'],
      ['Alt + S', 'Put the first suggestion in the reply box'],
    ],
  },
};

export function consoleText(element) {
  return element.language === 'en' ? CONSOLE_TEXT.en : CONSOLE_TEXT.ja;
}
