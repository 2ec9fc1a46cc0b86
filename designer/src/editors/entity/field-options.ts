import type { FieldDefinition } from '@kiban/runtime-ui';
import { html, nothing, type TemplateResult } from 'lit';
import { errorsAt } from '../errors.ts';
import { type EditorMessageKey, editorText } from '../i18n/index.ts';
import { renderCheckboxControl, renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { withProperty } from '../shared/immutable.ts';
import { renderEnumValues } from './enum-values.ts';
import type { FieldContext } from './field-context.ts';
import { type FieldOption, inverseCandidates, OPTIONS_OF_TYPE } from './field-types.ts';

type NumberOption = 'min' | 'max' | 'minLength' | 'maxLength' | 'precision' | 'scale' | 'maxSize';

const text = (context: FieldContext, key: EditorMessageKey) => editorText(context.language, key);

function set(context: FieldContext, option: FieldOption, value: unknown): void {
  context.onField(withProperty(context.field, option, value as FieldDefinition[FieldOption]));
}

/** Empty means "not set"; anything else is kept as typed when it is not a number, for the engine to flag. */
function numberOrText(value: string): number | string | undefined {
  if (value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isNaN(number) ? value : number;
}

function flag(context: FieldContext, option: 'required' | 'unique' | 'indexed'): TemplateResult {
  return renderCheckboxControl({
    id: `${context.id}-${option}`,
    label: text(context, `editor.option.${option}`),
    checked: context.field[option] === true,
    errors: errorsAt(context.errors, `${context.pointer}/${option}`),
    language: context.language,
    onChecked: (checked) => set(context, option, checked ? true : undefined),
  });
}

function numberControl(context: FieldContext, option: NumberOption): TemplateResult {
  return renderTextControl({
    id: `${context.id}-${option}`,
    label: text(context, `editor.option.${option}`),
    type: 'number',
    value: String(context.field[option] ?? ''),
    errors: errorsAt(context.errors, `${context.pointer}/${option}`),
    language: context.language,
    onValue: (value) => set(context, option, numberOrText(value)),
  });
}

/** min and max: numbers for numeric types, ISO dates or date-times for the calendar types. */
function rangeControl(context: FieldContext, option: 'min' | 'max'): TemplateResult {
  if (context.field.type === 'integer' || context.field.type === 'decimal') return numberControl(context, option);
  return renderTextControl({
    id: `${context.id}-${option}`,
    label: text(context, `editor.option.${option}`),
    type: context.field.type === 'date' ? 'date' : 'text',
    value: String(context.field[option] ?? ''),
    errors: errorsAt(context.errors, `${context.pointer}/${option}`),
    language: context.language,
    onValue: (value) => set(context, option, value === '' ? undefined : value),
  });
}

function defaultControl(context: FieldContext): TemplateResult | typeof nothing {
  const { field } = context;
  const base = {
    id: `${context.id}-default`,
    label: text(context, 'editor.option.default'),
    errors: errorsAt(context.errors, `${context.pointer}/default`),
    language: context.language,
  };
  const none = { value: '', label: text(context, 'editor.option.defaultNone') };
  if (field.type === 'boolean') {
    return renderSelectControl({
      ...base,
      value: field.default === undefined ? '' : String(field.default),
      options: [
        none,
        { value: 'true', label: text(context, 'editor.value.true') },
        { value: 'false', label: text(context, 'editor.value.false') },
      ],
      onValue: (value) => set(context, 'default', value === '' ? undefined : value === 'true'),
    });
  }
  if (field.type === 'enum') {
    const options = (field.values ?? []).map((value) => ({ value: value.value, label: value.value }));
    return renderSelectControl({
      ...base,
      value: String(field.default ?? ''),
      options: [none, ...options],
      onValue: (value) => set(context, 'default', value === '' ? undefined : value),
    });
  }
  // A reference's default would be a record id and a JSON default a document: neither is typed in a box.
  if (field.type === 'reference' || field.type === 'json') return nothing;
  const numeric = field.type === 'integer' || field.type === 'decimal';
  return renderTextControl({
    ...base,
    type: numeric ? 'number' : field.type === 'date' ? 'date' : 'text',
    value: field.default === undefined ? '' : String(field.default),
    onValue: (value) => set(context, 'default', numeric ? numberOrText(value) : value === '' ? undefined : value),
  });
}

function targetControl(context: FieldContext): TemplateResult {
  const targets = context.entities.map((entity) => ({ value: entity.name, label: entity.name }));
  return renderSelectControl({
    id: `${context.id}-target`,
    label: text(context, 'editor.option.target'),
    value: context.field.target ?? '',
    options: [{ value: '', label: text(context, 'editor.option.targetNone') }, ...targets],
    errors: errorsAt(context.errors, `${context.pointer}/target`),
    language: context.language,
    onValue: (value) => set(context, 'target', value === '' ? undefined : value),
  });
}

function inverseControl(context: FieldContext): TemplateResult {
  const target = context.field.target ?? '';
  const candidates = inverseCandidates(context.entities, target, context.entityName);
  return renderSelectControl({
    id: `${context.id}-inverse`,
    label: text(context, 'editor.option.inverse'),
    value: context.field.inverse ?? '',
    options: [
      { value: '', label: text(context, 'editor.option.targetNone') },
      ...candidates.map((name) => ({ value: name, label: name })),
    ],
    errors: errorsAt(context.errors, `${context.pointer}/inverse`),
    language: context.language,
    onValue: (value) => set(context, 'inverse', value === '' ? undefined : value),
  });
}

const RENDERERS: Record<FieldOption, (context: FieldContext) => TemplateResult | typeof nothing> = {
  required: (context) => flag(context, 'required'),
  unique: (context) => flag(context, 'unique'),
  indexed: (context) => flag(context, 'indexed'),
  default: defaultControl,
  min: (context) => rangeControl(context, 'min'),
  max: (context) => rangeControl(context, 'max'),
  minLength: (context) => numberControl(context, 'minLength'),
  maxLength: (context) => numberControl(context, 'maxLength'),
  pattern: (context) =>
    renderTextControl({
      id: `${context.id}-pattern`,
      label: text(context, 'editor.option.pattern'),
      value: context.field.pattern ?? '',
      errors: errorsAt(context.errors, `${context.pointer}/pattern`),
      language: context.language,
      onValue: (value) => set(context, 'pattern', value === '' ? undefined : value),
    }),
  precision: (context) => numberControl(context, 'precision'),
  scale: (context) => numberControl(context, 'scale'),
  values: renderEnumValues,
  target: targetControl,
  inverse: inverseControl,
  maxSize: (context) => numberControl(context, 'maxSize'),
  accept: (context) =>
    renderTextControl({
      id: `${context.id}-accept`,
      label: text(context, 'editor.option.accept'),
      value: (context.field.accept ?? []).join(', '),
      errors: errorsAt(context.errors, `${context.pointer}/accept`),
      language: context.language,
      onValue: (value) => {
        const types = value
          .split(',')
          .map((each) => each.trim())
          .filter(Boolean);
        set(context, 'accept', types.length > 0 ? types : undefined);
      },
    }),
};

/** The options the field's type takes, each as its control, in the order the schema lists them. */
export function renderFieldOptions(context: FieldContext): TemplateResult {
  const options = OPTIONS_OF_TYPE[context.field.type] ?? [];
  const inline = options.filter((option) => option !== 'values');
  return html`<div class="controls">${inline.map((option) => RENDERERS[option](context))}</div>
    ${options.includes('values') ? RENDERERS.values(context) : nothing}`;
}
