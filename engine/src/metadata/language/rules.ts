// The rule language.
import type { MetadataBase } from './common.ts';

/** Operators of the rule language (richer than the filter language; see `metadata/schema/rule.json`). */
export const RULE_OPERATORS = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'in',
  'notIn',
  'contains',
  'arrayContains',
  'isNull',
  'isNotNull',
  'withinDays',
  'isBusinessDay',
] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** A date relative to the evaluation date, e.g. `{ "relative": "-30d" }`: thirty days ago. */
export interface RelativeDate {
  relative: string;
}

/** Another field of the same record as an operand, e.g. `{ "field": "startDate" }`. */
export interface FieldOperand {
  field: string;
}

/**
 * One comparison. `fact` names a field, a field through a reference (`household.ward`), or,
 * with `of`, a computed fact: `age` of a date field in whole years.
 */
export interface RuleComparison {
  fact: string;
  of?: string;
  op: RuleOperator;
  value?: unknown;
}

export type RuleCondition =
  | RuleComparison
  | { all: RuleCondition[] }
  | { any: RuleCondition[] }
  | { not: RuleCondition };

export interface RuleMetadata extends MetadataBase {
  kind: 'rule';
  /** The entity whose records the rule is about. */
  entity: string;
  /** `segment`: the rule selects a population to target (previews, notifications). */
  use?: 'decision' | 'segment';
  condition: RuleCondition;
}
