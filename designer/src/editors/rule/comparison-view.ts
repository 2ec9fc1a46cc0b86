import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, isWithin } from '../errors.ts';
import { renderSelectControl } from '../shared/controls.ts';
import { type FactOption, factKey, operatorsFor } from './rule-facts.ts';
import { ruleText } from './rule-messages.ts';
import { valueForOperator } from './rule-operands.ts';
import type { RuleComparison, RuleOperator } from './rule-types.ts';
import { renderValueInputs } from './value-inputs.ts';

export interface ComparisonContext {
  id: string;
  comparison: RuleComparison;
  pointer: string;
  facts: readonly FactOption[];
  errors: readonly EditorError[];
  language: EditorLanguage;
  onComparison: (next: RuleComparison) => void;
}

/** A comparison as the first fact offers it: its first operator and a value of its type. */
export function newComparison(facts: readonly FactOption[]): RuleComparison {
  const fact = facts[0];
  if (!fact) return { fact: '', op: 'isNotNull' };
  return comparisonWithFact(fact, undefined);
}

/**
 * `comparison` about `fact` instead: its operator is kept when it still applies, and its
 * value when the new fact takes values of the same kind and set.
 */
function comparisonWithFact(fact: FactOption, previous: RuleComparison | undefined, previousFact?: FactOption) {
  const operators = operatorsFor(fact.kind);
  const op = previous && operators.includes(previous.op) ? previous.op : operators[0];
  const sameValues = previousFact && previousFact.kind === fact.kind && previousFact.field.type !== 'enum';
  return withValue({ ...fact.comparison, op }, valueForOperator(op, fact, sameValues ? previous?.value : undefined));
}

function withValue(comparison: RuleComparison, value: unknown): RuleComparison {
  const { value: _dropped, ...rest } = comparison;
  return value === undefined ? rest : { ...rest, value };
}

/** Whether an error is one the fact, operator or value controls show, rather than the node. */
function shownByControls(error: EditorError, pointer: string, op: RuleOperator): boolean {
  if (['/fact', '/of', '/op'].some((suffix) => isWithin(error.pointer, `${pointer}${suffix}`))) return true;
  const valueShown = op !== 'isNull' && op !== 'isNotNull';
  return valueShown && /^\/value(?:\/\d+)?$/.test(error.pointer.slice(pointer.length));
}

/** The errors inside the comparison that none of its controls shows. */
export function comparisonLevelErrors(context: ComparisonContext): EditorError[] {
  return context.errors.filter(
    (error) =>
      isWithin(error.pointer, context.pointer) && !shownByControls(error, context.pointer, context.comparison.op),
  );
}

/** The fact picker, the operators that fit the fact, and the value input that fits both. */
export function renderComparisonControls(context: ComparisonContext): TemplateResult {
  const { comparison, language, pointer } = context;
  const key = factKey(comparison);
  const fact = context.facts.find((candidate) => candidate.key === key);
  const factOptions = context.facts.map((candidate) => ({ value: candidate.key, label: candidate.label }));
  if (!fact) factOptions.unshift({ value: key, label: ruleText(language, 'editor.rule.fact.unknown', { fact: key }) });
  const operators = fact ? operatorsFor(fact.kind) : [comparison.op];
  return html`<div class="controls">
      ${renderSelectControl({
        id: `${context.id}-fact`,
        label: ruleText(language, 'editor.rule.fact'),
        value: key,
        options: factOptions,
        errors: [...errorsAt(context.errors, `${pointer}/fact`), ...errorsAt(context.errors, `${pointer}/of`)],
        language,
        onValue: (next) => {
          const chosen = context.facts.find((candidate) => candidate.key === next);
          if (chosen) context.onComparison(comparisonWithFact(chosen, comparison, fact));
        },
      })}
      ${renderSelectControl({
        id: `${context.id}-op`,
        label: ruleText(language, 'editor.rule.operator'),
        value: comparison.op,
        options: operators.map((op) => ({ value: op, label: ruleText(language, `editor.rule.op.${op}`) })),
        errors: errorsAt(context.errors, `${pointer}/op`),
        language,
        onValue: (next) => {
          const op = next as RuleOperator;
          const value = fact ? valueForOperator(op, fact, comparison.value) : comparison.value;
          context.onComparison(withValue({ ...comparison, op }, value));
        },
      })}
      ${
        fact
          ? renderValueInputs({
              id: context.id,
              comparison,
              fact,
              pointer,
              errors: context.errors,
              language,
              onValue: (value) => context.onComparison(withValue(comparison, value)),
            })
          : ''
      }
    </div>`;
}
