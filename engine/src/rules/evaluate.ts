import { Engine, type NestedCondition, type TopLevelCondition } from 'json-rules-engine';
import type { ApiRecord } from '../data/index.ts';
import type { EntityMetadata, RuleMetadata } from '../metadata/types.ts';
import { comparable } from './comparable.ts';
import { ageOn, type EvaluationDate, evaluationDate } from './evaluation-date.ts';
import { RULE_CHECKS } from './operators.ts';
import {
  comparisonsOf,
  isPlannedFieldOperand,
  type PlannedComparison,
  type PlannedCondition,
  planRule,
} from './plan.ts';

export interface EvaluateOptions {
  /** The evaluation instant; ages and relative dates are taken on its Asia/Tokyo date. */
  now: Date;
  entity: EntityMetadata;
  /** Entities that reference facts lead to; required when the rule has one. */
  entities?: ReadonlyMap<string, EntityMetadata>;
}

/**
 * The records around the subject, by field name: what each reference points to
 * (`{ household: { ward: 'kita', … } }`; a missing one makes its facts missing) and the
 * records of each counted collection (`{ cars: [ … ] }`; a missing one counts as none).
 */
export type RelatedRecords = Readonly<Record<string, ApiRecord | readonly ApiRecord[] | null | undefined>>;

export type RuleEvaluator = (subject: ApiRecord, related?: RelatedRecords) => Promise<boolean>;

const OPERATOR_PREFIX = 'kiban.';

/** Decides whether one subject meets the rule, with json-rules-engine. */
export function evaluateRule(
  rule: RuleMetadata,
  subject: ApiRecord,
  options: EvaluateOptions & { related?: RelatedRecords },
): Promise<boolean> {
  return prepareRuleEvaluator(rule, options)(subject, options.related);
}

/**
 * Prepares the rule once for many subjects on the same evaluation date: the engine, its
 * operators and the plan are built once; each call only computes the subject's facts.
 */
export function prepareRuleEvaluator(rule: RuleMetadata, options: EvaluateOptions): RuleEvaluator {
  const date = evaluationDate(options.now);
  const plan = planRule(rule, { entity: options.entity, entities: options.entities, date });
  const comparisons = comparisonsOf(plan);
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const [name, check] of Object.entries(RULE_CHECKS)) engine.addOperator(`${OPERATOR_PREFIX}${name}`, check);
  const condition = toEngineCondition(plan);
  const top: TopLevelCondition =
    'all' in condition || 'any' in condition || 'not' in condition ? condition : { all: [condition] };
  engine.addRule({ conditions: top, event: { type: 'match' } });
  return async (subject, related = {}) => {
    const facts: Record<string, unknown> = {};
    for (const comparison of comparisons) {
      facts[factId(comparison)] = factValue(comparison, subject, related, date);
      if (isPlannedFieldOperand(comparison.value)) {
        const { subjectField } = comparison.value;
        // The semantic checks require the same kind as the fact's.
        facts[operandFactId(comparison)] = comparable(comparison.fact.kind, subject[subjectField.name]);
      }
    }
    const { events } = await engine.run(facts);
    return events.length > 0;
  };
}

function toEngineCondition(condition: PlannedCondition): NestedCondition {
  if ('all' in condition) return { all: condition.all.map(toEngineCondition) };
  if ('any' in condition) return { any: condition.any.map(toEngineCondition) };
  if ('not' in condition) return { not: toEngineCondition(condition.not) };
  const { kind } = condition.fact;
  if (isPlannedFieldOperand(condition.value)) {
    // json-rules-engine resolves a `{ fact }` operand before the operator sees it.
    return {
      fact: factId(condition),
      operator: `${OPERATOR_PREFIX}${condition.op}`,
      value: { fact: operandFactId(condition) },
    };
  }
  const value = Array.isArray(condition.value)
    ? condition.value.map((each) => comparable(kind, each))
    : comparable(kind, condition.value);
  return { fact: factId(condition), operator: `${OPERATOR_PREFIX}${condition.op}`, value: value as never };
}

function factId(comparison: PlannedComparison): string {
  return `fact${comparison.index}`;
}

/** The fact holding the value of a comparison's field operand. */
function operandFactId(comparison: PlannedComparison): string {
  return `operand${comparison.index}`;
}

export function factValue(
  comparison: PlannedComparison,
  subject: ApiRecord,
  related: RelatedRecords,
  date: EvaluationDate,
): unknown {
  const { fact } = comparison;
  switch (fact.source) {
    case 'field':
      return comparable(fact.kind, subject[fact.field.name]);
    case 'reference': {
      const target = related[fact.reference.name];
      return target && !isList(target) ? comparable(fact.kind, target[fact.field.name]) : null;
    }
    case 'count': {
      const records = related[fact.field.name];
      return records && isList(records) ? records.length : 0;
    }
    case 'age': {
      const birthDate = comparable('date', subject[fact.field.name]);
      return birthDate === null ? null : ageOn(birthDate as string, date.today);
    }
  }
}

function isList(related: ApiRecord | readonly ApiRecord[]): related is readonly ApiRecord[] {
  return Array.isArray(related);
}
