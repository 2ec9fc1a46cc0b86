import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, pointerOf } from '../errors.ts';
import { renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { freshName } from '../shared/immutable.ts';
import { localizedString, workflowText } from './workflow-messages.ts';
import type { FieldDefinition, ValueTemplate } from './workflow-types.ts';

export interface TemplateValuesControl {
  id: string;
  legend: string;
  values: Record<string, ValueTemplate>;
  /** The fields the names must be; free names (a plugin action's input) when undefined. */
  fields: readonly FieldDefinition[] | undefined;
  pointer: string;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onValues: (values: Record<string, ValueTemplate>) => void;
}

/**
 * What was typed, as the value the field takes: numbers for number fields and true/false
 * for booleans, unless it is a placeholder such as `$record.amount`; empty means null.
 */
function templateValue(text: string, field: FieldDefinition | undefined): ValueTemplate {
  if (text === '') return null;
  if (text.startsWith('$')) return text;
  if ((field?.type === 'integer' || field?.type === 'decimal') && Number.isFinite(Number(text))) return Number(text);
  if (field?.type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** Renames `from` to `to` keeping the entries in their order. */
function renamed(values: Record<string, ValueTemplate>, from: string, to: string): Record<string, ValueTemplate> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key === from ? to : key, value]));
}

/** Field names with values, such as setFields' `{ "answeredAt": "$now" }`. */
export function renderTemplateValues(control: TemplateValuesControl): TemplateResult {
  const { language, values, fields } = control;
  const entries = Object.entries(values);
  const fieldNamed = (name: string) => fields?.find((field) => field.name === name);
  const add = () => {
    const unused = fields?.find((field) => !(field.name in values) && field.type !== 'collection')?.name;
    const name = unused ?? freshName('value', Object.keys(values));
    control.onValues({ ...values, [name]: null });
  };
  return html`<fieldset class="template-values">
    <legend>${control.legend}</legend>
    ${renderErrors(`${control.id}-own`, errorsAt(control.errors, control.pointer), language)}
    <ol class="plain">
      ${entries.map(([key, value], index) => {
        const position = index + 1;
        const keyLabel = workflowText(language, 'editor.workflow.values.key', { position });
        const keyControl = fields
          ? renderSelectControl({
              id: `${control.id}-key-${index}`,
              label: keyLabel,
              value: key,
              options: fields
                .filter((field) => field.type !== 'collection' && (field.name === key || !(field.name in values)))
                .map((field) => ({
                  value: field.name,
                  label: `${localizedString(field.label, language)} (${field.name})`,
                })),
              errors: [],
              language,
              onValue: (next) => control.onValues(renamed(values, key, next)),
            })
          : renderTextControl({
              id: `${control.id}-key-${index}`,
              label: keyLabel,
              value: key,
              commitOn: 'change',
              errors: [],
              language,
              onValue: (next) => control.onValues(renamed(values, key, next)),
            });
        return html`<li class="toolbar">
          ${keyControl}
          ${renderTextControl({
            id: `${control.id}-value-${index}`,
            label: workflowText(language, 'editor.workflow.values.value', { position }),
            value: value === null ? '' : String(value),
            errors: errorsAt(control.errors, `${control.pointer}${pointerOf(key)}`),
            language,
            onValue: (text) => control.onValues({ ...values, [key]: templateValue(text, fieldNamed(key)) }),
          })}
          <button type="button" class="danger" @click=${() => {
            const { [key]: _removed, ...rest } = values;
            control.onValues(rest);
          }}>
            ${workflowText(language, 'editor.workflow.values.remove', { position })}
          </button>
        </li>`;
      })}
    </ol>
    <button type="button" class="add-value" @click=${add}>${workflowText(language, 'editor.workflow.values.add')}</button>
  </fieldset>`;
}
