import type { FormMetadata, I18nText } from '@kiban/runtime-ui';
import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, pointerOf } from '../errors.ts';
import { editorText } from '../i18n/index.ts';
import { renderErrors, renderTextControl } from '../shared/controls.ts';
import { renderI18nTextControls } from '../shared/i18n-text-controls.ts';

export interface StepsView {
  form: FormMetadata;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onAdd: () => void;
  onChange: (index: number, step: { name: string; label: I18nText }) => void;
  onRemove: (index: number) => void;
}

/** The pages of a multi-page form, in order; a form without steps is one page. */
export function renderStepsEditor(view: StepsView): TemplateResult {
  const { form, language } = view;
  const steps = form.steps ?? [];
  return html`<section class="steps" aria-labelledby="steps-heading">
    <h3 id="steps-heading">${editorText(language, 'editor.steps.heading')}</h3>
    ${renderErrors('steps', errorsAt(view.errors, '/steps'), language)}
    ${steps.length === 0 ? html`<p>${editorText(language, 'editor.steps.none')}</p>` : ''}
    <ol class="plain">
      ${steps.map((step, index) => {
        const id = `step-${index}`;
        const pointer = pointerOf('steps', index);
        const label = step.label[language] ?? step.label.ja;
        return html`<li class="card step">
          <div class="controls">
            ${renderTextControl({
              id: `${id}-name`,
              label: editorText(language, 'editor.step.name'),
              value: step.name,
              commitOn: 'change',
              errors: errorsAt(view.errors, `${pointer}/name`),
              language,
              onValue: (name) => view.onChange(index, { ...step, name }),
            })}
            ${renderI18nTextControls({
              id: `${id}-label`,
              text: step.label,
              labelKeys: { ja: 'editor.label.ja', en: 'editor.label.en' },
              pointer: `${pointer}/label`,
              errors: view.errors,
              language,
              onText: (text) => view.onChange(index, { ...step, label: text ?? { ja: '' } }),
            })}
          </div>
          ${renderErrors(`${id}-other`, errorsAt(view.errors, pointer), language)}
          <button type="button" class="danger" id="${id}-remove" @click=${() => view.onRemove(index)}>
            ${editorText(language, 'editor.step.remove', { label })}
          </button>
        </li>`;
      })}
    </ol>
    <button type="button" id="add-step" @click=${view.onAdd}>${editorText(language, 'editor.step.add')}</button>
  </section>`;
}
