import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { type EditorError, type EditorLanguage, errorsAt } from '../errors.ts';
import { renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { insertAt, removeAt, replaceAt } from '../shared/immutable.ts';
import type { FactOption } from './rule-facts.ts';
import { localizedString, ruleText } from './rule-messages.ts';
import {
  defaultOperand,
  isRelativeDate,
  type Operand,
  operandText,
  parseOperand,
  relativeDate,
  relativeDays,
  takesRelativeDates,
} from './rule-operands.ts';
import type { RuleComparison } from './rule-types.ts';

/** What every value input needs: where it is, what it edits, and where its errors are. */
export interface ValueContext {
  /** Id prefix of the comparison's controls. */
  id: string;
  comparison: RuleComparison;
  fact: FactOption;
  /** Pointer of the comparison in the rule. */
  pointer: string;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onValue: (value: unknown) => void;
}

/** The input that fits the comparison's operator and the fact's type; none for isNull/isNotNull. */
export function renderValueInputs(context: ValueContext): TemplateResult | typeof nothing {
  const { comparison, language } = context;
  const value = comparison.value;
  const at = (suffix: string) => errorsAt(context.errors, `${context.pointer}/value${suffix}`);
  switch (comparison.op) {
    case 'isNull':
    case 'isNotNull':
      return nothing;
    case 'withinDays':
      return renderTextControl({
        id: `${context.id}-days`,
        label: ruleText(language, 'editor.rule.days'),
        type: 'number',
        value: operandText(value, 'integer'),
        errors: at(''),
        language,
        onValue: (text) => context.onValue(parseOperand(text, 'integer')),
      });
    case 'between': {
      const pair = Array.isArray(value) ? value : [undefined, undefined];
      return html`${renderErrors(`${context.id}-value`, at(''), language)}
        <div class="controls">
          ${(['lower', 'upper'] as const).map((bound, index) =>
            renderOperand(context, {
              id: `${context.id}-${bound}`,
              label: ruleText(language, `editor.rule.${bound}`),
              value: pair[index],
              errors: at(`/${index}`),
              onValue: (next) => context.onValue(replaceAt(pair, index, next)),
            }),
          )}
        </div>`;
    }
    case 'in':
    case 'notIn':
      return context.fact.field.type === 'enum' ? renderEnumChoices(context) : renderValueList(context);
    default:
      return renderOperand(context, {
        id: `${context.id}-value`,
        label: ruleText(language, 'editor.rule.value'),
        value,
        errors: at(''),
        onValue: context.onValue,
        plainOnly: context.comparison.op === 'contains' || context.comparison.op === 'arrayContains',
      });
  }
}

interface OperandInput {
  id: string;
  label: string;
  value: unknown;
  errors: readonly EditorError[];
  onValue: (value: Operand | undefined) => void;
  /** Lists, contains and arrayContains take plain values, never a relative date. */
  plainOnly?: boolean;
}

function renderOperand(context: ValueContext, input: OperandInput): TemplateResult {
  const { fact, language } = context;
  const field = fact.field;
  if (field.type === 'enum' && !input.plainOnly) {
    const values = field.values ?? [];
    const known = values.some((each) => each.value === input.value);
    const options = values.map((each) => ({ value: each.value, label: localizedString(each.label, language) }));
    if (!known) options.unshift({ value: String(input.value ?? ''), label: String(input.value ?? '') });
    return renderSelectControl({ ...input, value: String(input.value ?? ''), options, language });
  }
  if (fact.kind === 'boolean') {
    const options = [
      { value: 'true', label: ruleText(language, 'editor.rule.true') },
      { value: 'false', label: ruleText(language, 'editor.rule.false') },
    ];
    return renderSelectControl({
      ...input,
      value: String(input.value),
      options,
      language,
      onValue: (text) => input.onValue(text === 'true'),
    });
  }
  if (takesRelativeDates(fact.kind) && !input.plainOnly) return renderDateOperand(context, input);
  return renderPlainOperand(context, input);
}

function renderPlainOperand(context: ValueContext, input: OperandInput): TemplateResult {
  const { fact, language } = context;
  const onValue = (text: string) => input.onValue(parseOperand(text, fact.kind));
  const text = operandText(input.value, fact.kind);
  if (fact.kind === 'datetime') return renderDatetimeInput(input, text, onValue, language);
  const numeric = fact.kind === 'integer' || fact.kind === 'decimal';
  const type = numeric ? 'number' : fact.kind === 'date' ? 'date' : 'text';
  return renderTextControl({ ...input, type, value: text, language, onValue });
}

/** A date given either as a calendar date or as days from the evaluation date (`-30d`). */
function renderDateOperand(context: ValueContext, input: OperandInput): TemplateResult {
  const { language } = context;
  const { value } = input;
  const mode = renderSelectControl({
    id: `${input.id}-mode`,
    label: ruleText(language, 'editor.rule.dateMode', { value: input.label }),
    value: isRelativeDate(value) ? 'relative' : 'absolute',
    options: (['absolute', 'relative'] as const).map((each) => ({
      value: each,
      label: ruleText(language, `editor.rule.dateMode.${each}`),
    })),
    errors: [],
    language,
    onValue: (next) => input.onValue(next === 'relative' ? relativeDate(0) : undefined),
  });
  const amount = isRelativeDate(value)
    ? renderTextControl({
        ...input,
        label: ruleText(language, 'editor.rule.relativeDays', { value: input.label }),
        type: 'number',
        value: String(relativeDays(value)),
        language,
        onValue: (text) => input.onValue(text === '' ? undefined : relativeDate(Number(text))),
      })
    : renderPlainOperand(context, input);
  return html`<div class="controls">${mode}${amount}</div>`;
}

function renderDatetimeInput(
  input: OperandInput,
  text: string,
  onValue: (text: string) => void,
  language: EditorLanguage,
): TemplateResult {
  const describedBy = input.errors.length > 0 ? `${input.id}-errors` : undefined;
  return html`<div class="control">
    <label for=${input.id}>${input.label}</label>
    <input
      id=${input.id}
      type="datetime-local"
      .value=${live(text)}
      aria-invalid=${ifDefined(input.errors.length > 0 ? 'true' : undefined)}
      aria-describedby=${ifDefined(describedBy)}
      @input=${(event: Event) => onValue((event.target as HTMLInputElement).value)}
    />
    ${renderErrors(input.id, input.errors, language)}
  </div>`;
}

/** in / notIn over an enum: one checkbox per value, in the order the entity lists them. */
function renderEnumChoices(context: ValueContext): TemplateResult {
  const { language } = context;
  const chosen = Array.isArray(context.comparison.value) ? (context.comparison.value as unknown[]) : [];
  const values = context.fact.field.values ?? [];
  const errors = errorsAt(context.errors, `${context.pointer}/value`);
  const toggle = (value: string, on: boolean) =>
    context.onValue(values.map((each) => each.value).filter((each) => (each === value ? on : chosen.includes(each))));
  return html`<fieldset class="choices" aria-describedby=${ifDefined(errors.length ? `${context.id}-value-errors` : undefined)}>
    <legend>${ruleText(language, 'editor.rule.value')}</legend>
    ${values.map(
      (each, index) => html`<div class="control checkbox">
        <input
          id="${context.id}-choice-${index}"
          type="checkbox"
          .checked=${live(chosen.includes(each.value))}
          @change=${(event: Event) => toggle(each.value, (event.target as HTMLInputElement).checked)}
        />
        <label for="${context.id}-choice-${index}">${localizedString(each.label, language)}</label>
      </div>`,
    )}
    ${renderErrors(`${context.id}-value`, errors, language)}
  </fieldset>`;
}

/** in / notIn over other facts: a list of values, each with its own input. */
function renderValueList(context: ValueContext): TemplateResult {
  const { language } = context;
  const list = Array.isArray(context.comparison.value) ? (context.comparison.value as unknown[]) : [];
  const at = (suffix: string) => errorsAt(context.errors, `${context.pointer}/value${suffix}`);
  const fallback = defaultOperand(context.fact);
  return html`<fieldset class="choices">
    <legend>${ruleText(language, 'editor.rule.value')}</legend>
    ${renderErrors(`${context.id}-value`, at(''), language)}
    <ol class="plain">
      ${list.map(
        (item, index) => html`<li class="toolbar">
          ${renderOperand(context, {
            id: `${context.id}-item-${index}`,
            label: ruleText(language, 'editor.rule.listItem', { position: index + 1 }),
            value: item,
            errors: at(`/${index}`),
            plainOnly: true,
            onValue: (next) => context.onValue(replaceAt(list, index, next)),
          })}
          <button type="button" class="danger" ?disabled=${list.length === 1}
            @click=${() => context.onValue(removeAt(list, index))}>
            ${ruleText(language, 'editor.rule.removeValue', { position: index + 1 })}
          </button>
        </li>`,
      )}
    </ol>
    <button type="button" @click=${() => context.onValue(insertAt(list, list.length, isRelativeDate(fallback) ? '' : fallback))}>
      ${ruleText(language, 'editor.rule.addValue')}
    </button>
  </fieldset>`;
}
