import type { I18nText } from '../../../../engine/src/metadata/types.ts';
import type { EditorLanguage } from '../errors.ts';

/** A text with `{name}` placeholders filled from `params`; a placeholder without a value stays as written. */
export function fillTemplate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
}

/** A metadata label in the designer's language; Japanese, which every label has, stands in for a missing one. */
export function localizedString(text: I18nText | undefined, language: EditorLanguage): string {
  return text?.[language] ?? text?.ja ?? '';
}
