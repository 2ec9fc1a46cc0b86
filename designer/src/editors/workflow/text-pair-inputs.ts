import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt } from '../errors.ts';
import { renderTextControl } from '../shared/controls.ts';
import type { I18nText } from './workflow-types.ts';

export interface TextPairInputs {
  /** Id prefix; the inputs are `<id>-ja` and `<id>-en`. */
  id: string;
  text: I18nText;
  labels: { ja: string; en: string };
  /** Pointer of the text, e.g. `/states/0/label`. */
  pointer: string;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onText: (text: I18nText) => void;
}

/**
 * A Japanese and an English input for one label. Japanese is required by the language, so
 * it stays even when emptied (and the engine says so); an emptied English one is dropped.
 */
export function renderTextPair(inputs: TextPairInputs): TemplateResult {
  const { text, pointer, errors, language } = inputs;
  const set = (key: 'ja' | 'en', value: string) => {
    const next: Record<string, string> = { ...text, [key]: value };
    if (value === '' && key === 'en') delete next.en;
    inputs.onText(next as I18nText);
  };
  return html`${(['ja', 'en'] as const).map((key) =>
    renderTextControl({
      id: `${inputs.id}-${key}`,
      label: inputs.labels[key],
      value: text[key] ?? '',
      errors: [...(key === 'ja' ? errorsAt(errors, pointer) : []), ...errorsAt(errors, `${pointer}/${key}`)],
      language,
      onValue: (value) => set(key, value),
    }),
  )}`;
}
