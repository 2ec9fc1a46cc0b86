import type { ReportParameterType } from './report-types.ts';
import type { FactKind } from './rule-facts.ts';
import type { RuleComparison, RuleCondition } from './types.ts';

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
