import type { FieldDefinition } from '@kiban/runtime-ui';
import { html, nothing, type TemplateResult } from 'lit';
import { errorsAt } from '../errors.ts';
import { editorText } from '../i18n/index.ts';
import { renderCheckboxControl, renderErrors } from '../shared/controls.ts';
import { withProperty } from '../shared/immutable.ts';
import type { FieldContext } from './field-context.ts';

type NormalizeStep = NonNullable<FieldDefinition['normalize']>[number];

/** Every step of the language, in the order they run: a step the language adds is a compile error here until listed. */
const STEP_ORDER: Record<NormalizeStep, number> = {
  nfkc: 0,
  trim: 1,
  katakana: 2,
  hiragana: 3,
  postalCode: 4,
  phone: 5,
};
const STEPS = (Object.keys(STEP_ORDER) as NormalizeStep[]).sort((a, b) => STEP_ORDER[a] - STEP_ORDER[b]);

/** The types whose typed values are normalised by steps the field chooses. */
export const NORMALIZED_TYPES: readonly FieldDefinition['type'][] = ['string', 'text', 'kana'];

/**
 * The field's normalisation steps as checkboxes, kept in the order they run. Choosing none
 * removes the key, so the type's own steps apply.
 */
export function renderNormalizeControl(context: FieldContext): TemplateResult | typeof nothing {
  const { field, language } = context;
  if (!NORMALIZED_TYPES.includes(field.type)) return nothing;
  const chosen = new Set(field.normalize ?? []);
  const pointer = `${context.pointer}/normalize`;
  const toggle = (step: NormalizeStep, on: boolean) => {
    if (on) chosen.add(step);
    else chosen.delete(step);
    const steps = STEPS.filter((each) => chosen.has(each));
    context.onField(withProperty(field, 'normalize', steps.length > 0 ? steps : undefined));
  };
  return html`<fieldset class="normalize" id="${context.id}-normalize">
    <legend>${editorText(language, 'editor.normalize.legend')}</legend>
    ${renderErrors(`${context.id}-normalize`, errorsAt(context.errors, pointer), language)}
    <div class="controls">
      ${STEPS.map((step) =>
        renderCheckboxControl({
          id: `${context.id}-normalize-${step}`,
          label: editorText(language, `editor.normalize.${step}`),
          checked: chosen.has(step),
          errors: [],
          language,
          onChecked: (on) => toggle(step, on),
        }),
      )}
    </div>
  </fieldset>`;
}
