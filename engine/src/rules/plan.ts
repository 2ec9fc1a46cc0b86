import type { ResolvedFact } from '../metadata/rule-facts.ts';
import { isRelativeDate, relativeDays, resolveFact } from '../metadata/rule-facts.ts';
import type { EntityMetadata, RuleComparison, RuleCondition, RuleMetadata, RuleOperator } from '../metadata/types.ts';
import { addDays, addDaysToInstant, type EvaluationDate } from './evaluation-date.ts';

/**
 * A rule prepared for interpretation: facts resolved against the metadata and operands made
 * absolute for one evaluation date. Both interpreters work from the same plan, so relative
 * dates and day windows mean the same instant in each.
 */
export type PlannedCondition =
  | { all: PlannedCondition[] }
  | { any: PlannedCondition[] }
  | { not: PlannedCondition }
  | PlannedComparison;

export interface PlannedComparison {
  /** Position among the rule's comparisons, depth first; names the fact for json-rules-engine. */
  index: number;
  fact: ResolvedFact;
  /** `withinDays` becomes `between` a window ending on the evaluation date. */
  op: Exclude<RuleOperator, 'withinDays'>;
  /** Absolute operand(s): a value, a list (in, notIn, between) or nothing (isNull, isNotNull). */
  value: unknown;
}

export interface PlanContext {
  entity: EntityMetadata;
  /** Entities that reference facts (`household.ward`) lead to. */
  entities?: ReadonlyMap<string, EntityMetadata>;
  date: EvaluationDate;
}

export function planRule(rule: RuleMetadata, context: PlanContext): PlannedCondition {
  if (rule.entity !== context.entity.name) {
    throw new Error(`The rule ${rule.name} is about ${rule.entity}, not ${context.entity.name}`);
  }
  let next = 0;
  const entities = context.entities ?? new Map([[context.entity.name, context.entity]]);
  const plan = (condition: RuleCondition): PlannedCondition => {
    if ('all' in condition) return { all: condition.all.map(plan) };
    if ('any' in condition) return { any: condition.any.map(plan) };
    if ('not' in condition) return { not: plan(condition.not) };
    const fact = resolveFact(condition, context.entity, entities);
    if ('problem' in fact) {
      // Published rules passed the semantic checks, so this is a caller passing the wrong metadata.
      throw new Error(`The fact ${condition.fact} of rule ${rule.name} does not resolve (${fact.problem})`);
    }
    return { index: next++, fact, ...planOperator(condition, fact, context.date) };
  };
  return plan(rule.condition);
}

function planOperator(
  comparison: RuleComparison,
  fact: ResolvedFact,
  date: EvaluationDate,
): Pick<PlannedComparison, 'op' | 'value'> {
  const { op, value } = comparison;
  if (op === 'withinDays') {
    const days = value as number;
    return fact.kind === 'date'
      ? { op: 'between', value: [addDays(date.today, -days), date.today] }
      : { op: 'between', value: [addDaysToInstant(date.now, -days), date.now.toISOString()] };
  }
  const absolute = (operand: unknown) => {
    if (!isRelativeDate(operand)) return operand;
    const days = relativeDays(operand.relative);
    return fact.kind === 'date' ? addDays(date.today, days) : addDaysToInstant(date.now, days);
  };
  if (op === 'between') return { op, value: (value as unknown[]).map(absolute) };
  return { op, value: absolute(value) };
}

/** Every comparison of a plan, in index order. */
export function comparisonsOf(condition: PlannedCondition): PlannedComparison[] {
  if ('all' in condition) return condition.all.flatMap(comparisonsOf);
  if ('any' in condition) return condition.any.flatMap(comparisonsOf);
  if ('not' in condition) return comparisonsOf(condition.not);
  return [condition];
}
