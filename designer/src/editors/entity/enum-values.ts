import type { EnumValue } from '@kiban/runtime-ui';
import { html, type TemplateResult } from 'lit';
import { errorsAt, unclaimedErrors } from '../errors.ts';
import { editorText } from '../i18n/index.ts';
import { renderErrors, renderTextControl } from '../shared/controls.ts';
import { renderI18nTextControls } from '../shared/i18n-text-controls.ts';
import { freshName, removeAt, replaceAt } from '../shared/immutable.ts';
import type { FieldContext } from './field-context.ts';

/** The choices of an enum field: stored value and label of each, added and deleted in place. */
export function renderEnumValues(context: FieldContext): TemplateResult {
  const values = context.field.values ?? [];
  const pointer = `${context.pointer}/values`;
  // Each value's own inputs show its errors; the list shows the rest (an empty list, a duplicate).
  const claimed = values.flatMap((_, index) => [`/${index}/value`, `/${index}/label`]);
  const setValues = (next: EnumValue[]) => context.onField({ ...context.field, values: next });
  const add = () => {
    const value = freshName(
      'option',
      values.map((existing) => existing.value),
    );
    const label = editorText(context.language, 'editor.enum.newLabel', { number: values.length + 1 });
    setValues([...values, { value, label: { ja: label } }]);
  };
  return html`<fieldset class="enum-values">
    <legend>${editorText(context.language, 'editor.enum.heading')}</legend>
    ${renderErrors(`${context.id}-values`, unclaimedErrors(context.errors, pointer, claimed), context.language)}
    <ol class="plain">
      ${values.map((value, index) => {
        const id = `${context.id}-value-${index}`;
        return html`<li class="card enum-value">
          <div class="controls">
            ${renderTextControl({
              id: `${id}-value`,
              label: editorText(context.language, 'editor.enum.value'),
              value: value.value,
              commitOn: 'change',
              errors: errorsAt(context.errors, `${pointer}/${index}/value`),
              language: context.language,
              onValue: (stored) => setValues(replaceAt(values, index, { ...value, value: stored })),
            })}
            ${renderI18nTextControls({
              id: `${id}-label`,
              text: value.label,
              labelKeys: { ja: 'editor.label.ja', en: 'editor.label.en' },
              pointer: `${pointer}/${index}/label`,
              errors: context.errors,
              language: context.language,
              onText: (label) => setValues(replaceAt(values, index, { ...value, label: label ?? { ja: '' } })),
            })}
          </div>
          <button
            type="button"
            class="danger"
            @click=${() => setValues(removeAt(values, index))}
          >
            ${editorText(context.language, 'editor.enum.remove', { value: value.value })}
          </button>
        </li>`;
      })}
    </ol>
    <button type="button" id="${context.id}-add-value" @click=${add}>
      ${editorText(context.language, 'editor.enum.add')}
    </button>
  </fieldset>`;
}
