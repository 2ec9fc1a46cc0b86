export { type FormatContext, formatValue } from './format-value.ts';
export { furiganaPairs, withFurigana } from './furigana.ts';
export { localizedString, localizedText } from './localized.ts';
export { baseStyles } from './styles.ts';
