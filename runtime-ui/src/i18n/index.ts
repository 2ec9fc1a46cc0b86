export { type CalendarPreference, formatDate, formatDateTime } from './dates.ts';
export { DEFAULT_LANGUAGE, intlLocale, isLanguage, LANGUAGE_NAMES, LANGUAGES } from './languages.ts';
export { type LocalizedText, localize } from './localize.ts';
export { messageText, sameText } from './message-text.ts';
export type { MessageKey, Messages } from './messages/catalogue.ts';
export { type MessageParams, translate } from './translate.ts';
