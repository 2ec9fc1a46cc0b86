/**
 * What a resident is told about a staff reply's translation, in the portal's seven languages
 * (keyed by the portal's tags; a conversation stores やさしい日本語 as `ja-easy`). The translation shows
 * first with the original one click away; an untranslated reply says so, in the resident's language.
 */
export const TRANSLATION_TEXT = {
  ja: {
    machineTranslated: '機械翻訳',
    original: '原文（日本語）',
    notConfigured: '翻訳は設定されていません。日本語の原文のままお届けしています。',
    failed: '翻訳できませんでした。日本語の原文のままお届けしています。',
  },
  en: {
    machineTranslated: 'Machine translation',
    original: 'Original (Japanese)',
    notConfigured: 'Translation is not configured: this is the original Japanese.',
    failed: 'This could not be translated: it is shown in the original Japanese.',
  },
  'zh-Hans': {
    machineTranslated: '机器翻译',
    original: '原文（日语）',
    notConfigured: '未设置翻译，以下为日语原文。',
    failed: '无法翻译，以下为日语原文。',
  },
  'zh-Hant': {
    machineTranslated: '機器翻譯',
    original: '原文（日語）',
    notConfigured: '未設定翻譯，以下為日語原文。',
    failed: '無法翻譯，以下為日語原文。',
  },
  ko: {
    machineTranslated: '기계 번역',
    original: '원문(일본어)',
    notConfigured: '번역이 설정되어 있지 않습니다. 일본어 원문입니다.',
    failed: '번역하지 못했습니다. 일본어 원문입니다.',
  },
  vi: {
    machineTranslated: 'Bản dịch máy',
    original: 'Bản gốc (tiếng Nhật)',
    notConfigured: 'Chưa cài đặt dịch thuật: đây là bản gốc tiếng Nhật.',
    failed: 'Không thể dịch: đây là bản gốc tiếng Nhật.',
  },
  'ja-x-easy': {
    machineTranslated: 'きかいで かきなおしました',
    original: 'もとの ぶん',
    notConfigured: 'かきなおしは せっていされて いません。もとの ぶんの ままです。',
    failed: 'かきなおしが できませんでした。もとの ぶんの ままです。',
  },
};

/** The texts for a conversation language, Japanese for anything unknown. */
export function translationTextFor(language) {
  const tag = language === 'ja-easy' ? 'ja-x-easy' : language;
  return Object.hasOwn(TRANSLATION_TEXT, tag) ? TRANSLATION_TEXT[tag] : TRANSLATION_TEXT.ja;
}
