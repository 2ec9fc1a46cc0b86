import { html, type TemplateResult } from 'lit';
import { localize, translate } from '../../i18n/index.ts';
import type { I18nText, Language } from '../../metadata/index.ts';

/**
 * A metadata label in the reader's language. When it is missing and Japanese stands in, the
 * text is marked `lang="ja"` (so a screen reader switches voice) and followed by a visible
 * marker whose text, in the reader's language, says that only Japanese is available.
 */
export function localizedText(text: I18nText, language: Language): TemplateResult {
  const localized = localize(text, language);
  if (!localized.fallback) return html`${localized.text}`;
  return html`<span lang="ja">${localized.text}</span><span class="fallback-mark"
      >${translate(language, 'i18n.fallbackMark')}</span
    >`;
}

/** The same for places that take plain text only (an `<option>`, an attribute). */
export function localizedString(text: I18nText, language: Language): string {
  const localized = localize(text, language);
  return localized.fallback ? `${localized.text} (${translate(language, 'i18n.fallbackMark')})` : localized.text;
}
