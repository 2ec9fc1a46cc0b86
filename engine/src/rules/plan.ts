import type { ResolvedFact } from '../metadata/rule-facts.ts';
import { countsBusinessDays, isRelativeDate, relativeDays, resolveFact } from '../metadata/rule-facts.ts';
import { fieldNamed } from '../metadata/semantic-context.ts';
import type {
  EntityMetadata,
  FieldDefinition,
  RuleComparison,
  RuleCondition,
  RuleMetadata,
  RuleOperator,
} from '../metadata/types.ts';
import { shiftBusinessDays } from './business-days.ts';
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
  /**
   * Absolute operand(s): a value, a list (in, notIn, between) or nothing (isNull, isNotNull,
   * isBusinessDay); a `PlannedFieldOperand` where the operand is another field of the subject.
   */
  value: unknown;
}

/** `{ "field": "startDate" }` resolved: the subject's other field, compared as it is stored. */
export interface PlannedFieldOperand {
  subjectField: FieldDefinition;
}

export function isPlannedFieldOperand(value: unknown): value is PlannedFieldOperand {
  return typeof value === 'object' && value !== null && 'subjectField' in value;
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
    return { index: next++, fact, ...planOperator(condition, fact, context) };
  };
  return plan(rule.condition);
}

function planOperator(
  comparison: RuleComparison,
  fact: ResolvedFact,
  { date, entity }: PlanContext,
): Pick<PlannedComparison, 'op' | 'value'> {
  const { op, value } = comparison;
  if (op === 'withinDays') {
    const days = value as number;
    return fact.kind === 'date'
      ? { op: 'between', value: [addDays(date.today, -days), date.today] }
      : { op: 'between', value: [addDaysToInstant(date.now, -days), date.now.toISOString()] };
  }
  const absolute = (operand: unknown) => {
    if (isFieldOperand(operand)) {
      const subjectField = fieldNamed(entity, operand.field);
      // Published conditions passed the semantic checks, so this is a caller passing the wrong metadata.
      if (!subjectField) throw new Error(`The operand field ${operand.field} is not a field of ${entity.name}`);
      return { subjectField } satisfies PlannedFieldOperand;
    }
    if (!isRelativeDate(operand)) return operand;
    const days = relativeDays(operand.relative);
    if (countsBusinessDays(operand.relative)) return shiftBusinessDays(date.today, days);
    return fact.kind === 'date' ? addDays(date.today, days) : addDaysToInstant(date.now, days);
  };
  if (op === 'between') return { op, value: (value as unknown[]).map(absolute) };
  return { op, value: absolute(value) };
}

function isFieldOperand(value: unknown): value is { field: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'field' in value;
}

/** Every comparison of a plan, in index order. */
export function comparisonsOf(condition: PlannedCondition): PlannedComparison[] {
  if ('all' in condition) return condition.all.flatMap(comparisonsOf);
  if ('any' in condition) return condition.any.flatMap(comparisonsOf);
  if ('not' in condition) return comparisonsOf(condition.not);
  return [condition];
}
