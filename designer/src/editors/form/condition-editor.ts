import type { Condition, FieldDefinition, FilterOperator } from '@kiban/runtime-ui';
import { html, nothing, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, isWithin, unclaimedErrors } from '../errors.ts';
import { editorText } from '../i18n/index.ts';
import { renderCheckboxControl, renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';

type Comparison = Extract<Condition, { op: FilterOperator }>;

const OPERATORS = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'contains',
  'isNull',
] as const satisfies FilterOperator[];

export interface ConditionControls {
  id: string;
  condition: Condition | undefined;
  /** The fields a condition may compare: the entity's fields other than the one being shown. */
  fields: readonly FieldDefinition[];
  /** Pointer of the condition, e.g. `/sections/0/fields/2/visibleWhen`. */
  pointer: string;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onCondition: (condition: Condition | undefined) => void;
}

function isComparison(condition: Condition): condition is Comparison {
  return 'op' in condition;
}

const isNumeric = (field: FieldDefinition | undefined) => field?.type === 'integer' || field?.type === 'decimal';

/** A typed value as the condition needs it: numbers for numeric fields, booleans for yes/no fields. */
function scalarOf(text: string, field: FieldDefinition | undefined): string | number | boolean {
  if (field?.type === 'boolean') return text === 'true';
  if (isNumeric(field) && text.trim() !== '' && !Number.isNaN(Number(text))) return Number(text);
  return text;
}

/** The value a comparison needs after its operator changed: a list for `in`, a flag for `isNull`. */
function valueForOperator(op: FilterOperator, value: unknown): unknown {
  if (op === 'isNull') return true;
  const first = Array.isArray(value) ? value[0] : typeof value === 'boolean' ? '' : value;
  if (op === 'in') return [first ?? ''];
  return first ?? '';
}

function valueControl(controls: ConditionControls, comparison: Comparison): TemplateResult {
  const field = controls.fields.find((candidate) => candidate.name === comparison.field);
  const base = {
    id: `${controls.id}-value`,
    // A list's items (`/value/1`) are typed in the same box as the list.
    errors: controls.errors.filter((error) => isWithin(error.pointer, `${controls.pointer}/value`)),
    language: controls.language,
  };
  const set = (value: unknown) => controls.onCondition({ ...comparison, value });
  const text = (key: Parameters<typeof editorText>[1]) => editorText(controls.language, key);
  if (comparison.op === 'isNull') {
    return renderSelectControl({
      ...base,
      label: text('editor.condition.value'),
      value: comparison.value === false ? 'false' : 'true',
      options: [
        { value: 'true', label: text('editor.condition.isEmpty') },
        { value: 'false', label: text('editor.condition.isNotEmpty') },
      ],
      onValue: (value) => set(value === 'true'),
    });
  }
  if (comparison.op === 'in') {
    const list = Array.isArray(comparison.value) ? comparison.value : [];
    return renderTextControl({
      ...base,
      label: text('editor.condition.valueList'),
      value: list.join(', '),
      onValue: (value) => set(value.split(',').map((item) => scalarOf(item.trim(), field))),
    });
  }
  const choices = field?.type === 'enum' ? field.values?.map((choice) => choice.value) : undefined;
  const booleans = field?.type === 'boolean' ? ['true', 'false'] : undefined;
  if (choices || booleans) {
    return renderSelectControl({
      ...base,
      label: text('editor.condition.value'),
      value: String(comparison.value ?? ''),
      options: (choices ?? booleans ?? []).map((value) => ({ value, label: value })),
      onValue: (value) => set(scalarOf(value, field)),
    });
  }
  return renderTextControl({
    ...base,
    label: text('editor.condition.value'),
    type: isNumeric(field) ? 'number' : 'text',
    value: String(comparison.value ?? ''),
    onValue: (value) => set(scalarOf(value, field)),
  });
}

function comparisonControls(controls: ConditionControls, comparison: Comparison): TemplateResult {
  const language = controls.language;
  return html`<div class="controls">
    ${renderSelectControl({
      id: `${controls.id}-field`,
      label: editorText(language, 'editor.condition.field'),
      value: comparison.field,
      options: controls.fields.map((field) => ({ value: field.name, label: field.label[language] ?? field.label.ja })),
      errors: errorsAt(controls.errors, `${controls.pointer}/field`),
      language,
      onValue: (field) => controls.onCondition({ ...comparison, field }),
    })}
    ${renderSelectControl({
      id: `${controls.id}-op`,
      label: editorText(language, 'editor.condition.op'),
      value: comparison.op,
      options: OPERATORS.map((op) => ({ value: op, label: editorText(language, `editor.op.${op}`) })),
      errors: errorsAt(controls.errors, `${controls.pointer}/op`),
      language,
      onValue: (value) => {
        const op = value as FilterOperator;
        controls.onCondition({ field: comparison.field, op, value: valueForOperator(op, comparison.value) });
      },
    })}
    ${valueControl(controls, comparison)}
  </div>`;
}

/**
 * `visibleWhen` as one comparison: a field, an operator and a value. Conditions that combine
 * comparisons (all / any / not) are kept untouched and only described here.
 */
export function renderConditionEditor(controls: ConditionControls): TemplateResult {
  const { condition, language } = controls;
  const first = controls.fields[0];
  const claimed = condition && isComparison(condition) ? ['/field', '/op', '/value'] : [];
  return html`<fieldset class="condition">
    <legend>${editorText(language, 'editor.condition.heading')}</legend>
    ${renderCheckboxControl({
      id: `${controls.id}-enabled`,
      label: editorText(language, 'editor.condition.enabled'),
      checked: condition !== undefined,
      errors: [],
      language,
      onChecked: (checked) =>
        controls.onCondition(checked && first ? { field: first.name, op: 'isNull', value: false } : undefined),
    })}
    ${renderErrors(`${controls.id}-errors`, unclaimedErrors(controls.errors, controls.pointer, claimed), language)}
    ${
      condition === undefined
        ? nothing
        : isComparison(condition)
          ? comparisonControls(controls, condition)
          : html`<p class="note">${editorText(language, 'editor.condition.nested')}</p>`
    }
  </fieldset>`;
}
