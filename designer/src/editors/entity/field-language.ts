import { html, nothing, type TemplateResult } from 'lit';
import { editorText } from '../i18n/index.ts';
import { renderCheckboxControl } from '../shared/controls.ts';
import { withProperty } from '../shared/immutable.ts';
import { expressionOfKind, renderComputeEditor } from './compute-editor.ts';
import type { FieldContext } from './field-context.ts';
import { renderNormalizeControl } from './normalize-control.ts';
import { renderValidations } from './validations-editor.ts';

/** The types a computed field can have: what the expression language yields. */
const COMPUTABLE: readonly string[] = ['string', 'text', 'integer', 'decimal', 'date'];

/**
 * The rule-language parts of a field: how typed values are tidied, whether it is computed
 * (and its formula) and the checks its values must pass. Pointers they own, relative to the field.
 */
export const LANGUAGE_POINTERS = ['/normalize', '/compute', '/validations'];

export function renderFieldLanguage(context: FieldContext): TemplateResult {
  return html`${renderNormalizeControl(context)} ${renderCompute(context)}
  ${
    context.field.type === 'collection'
      ? nothing
      : renderValidations({
          validations: context.field.validations ?? [],
          pointer: `${context.pointer}/validations`,
          id: `${context.id}-validations`,
          entity: context.entity,
          entities: context.entities,
          field: context.field.name,
          errors: context.errors,
          language: context.language,
          onValidations: (next) => context.onField(withProperty(context.field, 'validations', next)),
        })
  }`;
}

function renderCompute(context: FieldContext): TemplateResult | typeof nothing {
  const { field, language } = context;
  if (!COMPUTABLE.includes(field.type)) return nothing;
  const computed = field.compute !== undefined;
  const start = () => {
    // A computed field is never typed in: the options about input go with it.
    const { required: _required, default: _default, compute: _compute, ...rest } = field;
    return { ...rest, compute: expressionOfKind('fact', 0, context) };
  };
  return html`<fieldset class="compute" id="${context.id}-compute">
    <legend>${editorText(language, 'editor.compute.legend')}</legend>
    ${renderCheckboxControl({
      id: `${context.id}-computed`,
      label: editorText(language, 'editor.compute.enabled'),
      checked: computed,
      errors: [],
      language,
      onChecked: (on) => context.onField(on ? start() : withProperty(field, 'compute', undefined)),
    })}
    ${
      field.compute === undefined
        ? nothing
        : renderComputeEditor({
            expression: field.compute,
            pointer: `${context.pointer}/compute`,
            id: `${context.id}-compute`,
            entity: context.entity,
            entities: context.entities,
            errors: context.errors,
            language,
            onExpression: (compute) => context.onField({ ...field, compute }),
          })
    }
  </fieldset>`;
}
