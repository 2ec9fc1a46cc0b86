import type { FactKind } from './rule-facts.ts';
import type { MetadataItem, ReportParameterType, RuleComparison, RuleCondition } from './types.ts';

/** `{ "param": "from" }`: a comparison value bound at run time. */
export interface ParameterOperand {
  param: string;
}

export function isParameterOperand(value: unknown): value is ParameterOperand {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'param' in value;
}

/** The parameters a comparison's value names, with their place under `value`. */
export function parametersIn(comparison: RuleComparison): { name: string; at: number[] }[] {
  const { value } = comparison;
  if (isParameterOperand(value)) return [{ name: value.param, at: [] }];
  if (!Array.isArray(value)) return [];
  return value.flatMap((each, i) => (isParameterOperand(each) ? [{ name: each.param, at: [i] }] : []));
}

/**
 * Rewrites each comparison that names a parameter: `replace` returns the comparison to use,
 * or null to leave it out. An `all`/`any` left empty, and a `not` of nothing, are left out too,
 * so a filter whose optional parameters are all absent filters nothing (null).
 */
export function rewriteParameterComparisons(
  condition: RuleCondition,
  replace: (comparison: RuleComparison) => RuleCondition | null,
): RuleCondition | null {
  if ('all' in condition || 'any' in condition) {
    const list = 'all' in condition ? condition.all : condition.any;
    const kept = list.flatMap((each) => {
      const rewritten = rewriteParameterComparisons(each, replace);
      return rewritten === null ? [] : [rewritten];
    });
    if (kept.length === 0) return null;
    return 'all' in condition ? { all: kept } : { any: kept };
  }
  if ('not' in condition) {
    const inner = rewriteParameterComparisons(condition.not, replace);
    return inner === null ? null : { not: inner };
  }
  return parametersIn(condition).length === 0 ? condition : replace(condition);
}

/** Which fact kinds a parameter type may be compared with. A date is compared with dates only: against a datetime its midnight would depend on the session's time zone. */
export const PARAMETER_KINDS: Record<ReportParameterType, readonly FactKind[]> = {
  string: ['text', 'uuid'],
  integer: ['integer', 'decimal'],
  decimal: ['integer', 'decimal'],
  boolean: ['boolean'],
  date: ['date'],
  datetime: ['datetime'],
};

/** `{ "rule": "<name>" }` in a report's filter: the condition of a published rule about the same entity. */
export interface SavedCondition {
  rule: string;
}

export function isSavedCondition(condition: unknown): condition is SavedCondition {
  return typeof condition === 'object' && condition !== null && 'rule' in condition;
}

/**
 * The filter with each saved condition replaced by its rule's condition. `missing` is told of
 * each one that names no rule about `entity` (with its path), which then filters nothing out
 * of its place: the checks refuse such a report before it is published.
 */
export function expandSavedConditions(
  condition: RuleCondition,
  entity: string,
  items: readonly MetadataItem[],
  missing: (name: string, path: (string | number)[]) => void = () => {},
  path: (string | number)[] = [],
): RuleCondition {
  if (isSavedCondition(condition)) {
    const rule = items.find((item) => item.kind === 'rule' && item.name === condition.rule);
    if (rule?.kind === 'rule' && rule.entity === entity) return rule.condition;
    missing(condition.rule, path);
    return { all: [] };
  }
  const expand = (each: RuleCondition, at: (string | number)[]) =>
    expandSavedConditions(each, entity, items, missing, at);
  if ('all' in condition) return { all: condition.all.map((each, i) => expand(each, [...path, 'all', i])) };
  if ('any' in condition) return { any: condition.any.map((each, i) => expand(each, [...path, 'any', i])) };
  if ('not' in condition) return { not: expand(condition.not, [...path, 'not']) };
  return condition;
}
