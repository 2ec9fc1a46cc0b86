import type { Condition, FieldDefinition, FilterOperator } from '@kiban/runtime-ui';
import { html, type TemplateResult } from 'lit';
import { FILTER_OPERATORS } from '../../../../engine/src/metadata/types.ts';
import { type EditorError, type EditorLanguage, errorsAt, isWithin, unclaimedErrors } from '../errors.ts';
import { editorText } from '../i18n/index.ts';
import { type ComparisonNode, renderConditionTree } from '../shared/condition-tree-view.ts';
import { renderCheckboxControl, renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';

type Comparison = Extract<Condition, { op: FilterOperator }>;

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
      options: FILTER_OPERATORS.map((op) => ({ value: op, label: editorText(language, `editor.op.${op}`) })),
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

/** The comparison a new condition (or a new member of a group) starts as: the first field is filled in. */
function newComparison(fields: readonly FieldDefinition[]): Condition {
  return { field: fields[0]?.name ?? '', op: 'isNull', value: false };
}

/**
 * `visibleWhen` as a tree: comparisons of a field, an operator and a value, combined in
 * all / any groups and negated with not — the rule editor's tree (`../shared/condition-tree-view.ts`)
 * with the form language's comparisons. The root's controls keep the condition's own ids
 * (`<id>-field`, `<id>-op`, `<id>-value`); a node below adds its path (`<id>-all-1-field`).
 */
export function renderConditionEditor(controls: ConditionControls): TemplateResult {
  const { condition, language } = controls;
  const nodeControls = (node: ComparisonNode<Condition>): ConditionControls => ({
    ...controls,
    id: node.id,
    condition: node.comparison,
    pointer: node.pointer,
    onCondition: (next) => {
      if (next) node.onComparison(next);
    },
  });
  return html`<fieldset class="condition">
    <legend>${editorText(language, 'editor.condition.heading')}</legend>
    ${renderCheckboxControl({
      id: `${controls.id}-enabled`,
      label: editorText(language, 'editor.condition.enabled'),
      checked: condition !== undefined,
      errors: [],
      language,
      onChecked: (checked) =>
        controls.onCondition(checked && controls.fields[0] ? newComparison(controls.fields) : undefined),
    })}
    ${
      condition === undefined
        ? renderErrors(`${controls.id}-errors`, unclaimedErrors(controls.errors, controls.pointer, []), language)
        : renderConditionTree<Condition>({
            root: condition,
            pointer: controls.pointer,
            id: controls.id,
            errors: controls.errors,
            language,
            onRoot: (next) => controls.onCondition(next),
            newComparison: () => newComparison(controls.fields),
            renderComparison: (node) => comparisonControls(nodeControls(node), node.comparison as Comparison),
            comparisonErrors: (node) => unclaimedErrors(controls.errors, node.pointer, ['/field', '/op', '/value']),
          })
    }
  </fieldset>`;
}
