import type { RuleOperator } from '../metadata/types.ts';
import { isBusinessDay } from './business-days.ts';
import { foldAsciiCase } from './comparable.ts';

type Check = (fact: unknown, operand: unknown) => boolean;

/**
 * The operators on comparable values (see comparable.ts), with the language's NULL rule: a
 * comparison with a missing value is false, only isNull holds for it. `not` of such a
 * comparison is therefore true — two-valued logic, which the SQL interpreter reproduces with
 * `coalesce(…, false)` around every comparison.
 */
export const RULE_CHECKS: Record<Exclude<RuleOperator, 'withinDays'>, Check> = {
  eq: present((fact, operand) => fact === operand),
  ne: present((fact, operand) => fact !== operand),
  lt: present((fact, operand) => (fact as number) < (operand as number)),
  lte: present((fact, operand) => (fact as number) <= (operand as number)),
  gt: present((fact, operand) => (fact as number) > (operand as number)),
  gte: present((fact, operand) => (fact as number) >= (operand as number)),
  between: present((fact, operand) => {
    const [low, high] = operand as [number, number];
    return (fact as number) >= low && (fact as number) <= high;
  }),
  in: present((fact, operand) => (operand as unknown[]).includes(fact)),
  notIn: present((fact, operand) => !(operand as unknown[]).includes(fact)),
  contains: present((fact, operand) => foldAsciiCase(fact as string).includes(foldAsciiCase(operand as string))),
  arrayContains: present((fact, operand) => Array.isArray(fact) && fact.some((element) => element === operand)),
  isNull: (fact) => fact === null,
  isNotNull: (fact) => fact !== null,
  isBusinessDay: present((fact) => isBusinessDay(fact as string)),
};

function present(check: Check): Check {
  return (fact, operand) => fact !== null && check(fact, operand);
}
