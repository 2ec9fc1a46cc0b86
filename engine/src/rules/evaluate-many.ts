import type { ApiRecord } from '../data/index.ts';
import type { RuleMetadata } from '../metadata/types.ts';
import { comparable } from './comparable.ts';
import { type EvaluateOptions, factValue, type RelatedRecords } from './evaluate.ts';
import { evaluationDate } from './evaluation-date.ts';
import { RULE_CHECKS } from './operators.ts';
import { isPlannedFieldOperand, type PlannedCondition, planRule } from './plan.ts';

/** Which of the prepared rules one subject meets, in the order the rules were given. */
export type RulesEvaluator = (subject: ApiRecord, related?: RelatedRecords) => boolean[];

/**
 * Prepares many rules about one entity for one subject at a time — a catalogue of hundreds of
 * benefits asked of one resident. The same plan, fact values and operators as
 * `prepareRuleEvaluator`, walked directly: json-rules-engine deep-copies every rule's
 * conditions on every run, which for 500 rules cost tens of milliseconds per subject, where the
 * walk takes well under one. `agree-many.test.ts` holds it to the SQL interpreter and to
 * `evaluateRule`.
 */
export function prepareRulesEvaluator(rules: readonly RuleMetadata[], options: EvaluateOptions): RulesEvaluator {
  const date = evaluationDate(options.now);
  const plans = rules.map((rule) =>
    constants(planRule(rule, { entity: options.entity, entities: options.entities, date })),
  );
  return (subject, related = {}) => {
    const meets = (condition: PlannedCondition): boolean => {
      if ('all' in condition) return condition.all.every(meets);
      if ('any' in condition) return condition.any.some(meets);
      if ('not' in condition) return !meets(condition.not);
      const fact = factValue(condition, subject, related, date);
      const operand = isPlannedFieldOperand(condition.value)
        ? comparable(condition.fact.kind, subject[condition.value.subjectField.name])
        : condition.value;
      return RULE_CHECKS[condition.op](fact, operand);
    };
    return plans.map(meets);
  };
}

/** The plan with its constant operands made comparable once, as json-rules-engine is given them. */
function constants(condition: PlannedCondition): PlannedCondition {
  if ('all' in condition) return { all: condition.all.map(constants) };
  if ('any' in condition) return { any: condition.any.map(constants) };
  if ('not' in condition) return { not: constants(condition.not) };
  if (isPlannedFieldOperand(condition.value)) return condition;
  const { kind } = condition.fact;
  const value = Array.isArray(condition.value)
    ? condition.value.map((each) => comparable(kind, each))
    : comparable(kind, condition.value);
  return { ...condition, value };
}
