import type { I18nText } from '@kiban/runtime-ui';
import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt } from '../errors.ts';
import { type EditorMessageKey, editorText } from '../i18n/index.ts';
import { renderTextControl } from './controls.ts';

/** The languages staff type labels in here; the other translations are kept as they are. */
const EDITED_LANGUAGES = ['ja', 'en'] as const;

/**
 * `text` with its `language` translation set, or removed when `value` is empty. An optional
 * text with no translation left becomes undefined, so the item does not carry `{}`.
 */
export function withTranslation(
  text: I18nText | undefined,
  language: (typeof EDITED_LANGUAGES)[number],
  value: string,
): I18nText | undefined {
  const next: Record<string, string> = { ...text };
  if (value === '') delete next[language];
  else next[language] = value;
  return Object.keys(next).length > 0 ? (next as I18nText) : undefined;
}

export interface I18nTextControls {
  /** Id prefix; the inputs are `<id>-ja` and `<id>-en`. */
  id: string;
  text: I18nText | undefined;
  /** Message keys naming the Japanese and the English input. */
  labelKeys: { ja: EditorMessageKey; en: EditorMessageKey };
  /** Pointer of the text in the item, e.g. `/fields/0/label`. */
  pointer: string;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onText: (text: I18nText | undefined) => void;
}

/** A Japanese and an English input for one translatable text; errors of the whole text go with Japanese. */
export function renderI18nTextControls(controls: I18nTextControls): TemplateResult {
  return html`${EDITED_LANGUAGES.map((language) =>
    renderTextControl({
      id: `${controls.id}-${language}`,
      label: editorText(controls.language, controls.labelKeys[language]),
      value: controls.text?.[language] ?? '',
      errors: [
        ...(language === 'ja' ? errorsAt(controls.errors, controls.pointer) : []),
        ...errorsAt(controls.errors, `${controls.pointer}/${language}`),
      ],
      language: controls.language,
      onValue: (value) => controls.onText(withTranslation(controls.text, language, value)),
    }),
  )}`;
}
