/**
 * The portal's seven languages. The city's knowledge is written in Japanese: the extractive
 * answerer quotes it as it is (with its frame in English for English), and only a configured
 * model writes an answer in another language. `answered` in the API says which it is, so the
 * page can tell the resident when the answer is not in the language they asked for.
 */
export const LANGUAGES = ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ja-x-easy'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language of the fixed texts (declines, refusals): Japanese, or English for English. */
export type MessageLanguage = 'ja' | 'en';

export function messageLanguage(language: Language): MessageLanguage {
  return language === 'en' ? 'en' : 'ja';
}

/** What the model is told about the language of its answer. */
export const MODEL_LANGUAGE_NOTE: Record<Language, string> = {
  ja: '日本語で答えてください。',
  en: 'Answer in English.',
  'zh-Hans': '请用简体中文回答。',
  'zh-Hant': '請用繁體中文回答。',
  ko: '한국어로 답해 주세요.',
  vi: 'Hãy trả lời bằng tiếng Việt.',
  'ja-x-easy':
    'やさしい日本語で答えてください。一つの文は短くし、むずかしい言葉は使わず、漢字には（ ）でふりがなを付けてください。',
};
