import type { Condition, RecordData } from '../../metadata/index.ts';

/**
 * Evaluates a `visibleWhen` condition on the form's current values, with the rule language's
 * semantics: a comparison with a missing value is false (only `isNull` holds), `contains`
 * ignores the case of A–Z only, and `in` matches any listed value.
 */
export function conditionHolds(condition: Condition, values: RecordData): boolean {
  if ('all' in condition) return condition.all.every((inner) => conditionHolds(inner, values));
  if ('any' in condition) return condition.any.some((inner) => conditionHolds(inner, values));
  if ('not' in condition) return !conditionHolds(condition.not, values);
  const actual = values[condition.field];
  const missing = actual === undefined || actual === null || actual === '';
  if (condition.op === 'isNull') return missing === (condition.value ?? true);
  if (missing) return false;
  const expected = condition.value;
  switch (condition.op) {
    case 'eq':
      return same(actual, expected);
    case 'ne':
      return !same(actual, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((candidate) => same(actual, candidate));
    case 'contains':
      return foldAsciiCase(String(actual)).includes(foldAsciiCase(String(expected)));
    case 'lt':
      return compare(actual, expected) < 0;
    case 'lte':
      return compare(actual, expected) <= 0;
    case 'gt':
      return compare(actual, expected) > 0;
    case 'gte':
      return compare(actual, expected) >= 0;
  }
}

/** Decimals are held as exact strings, so a number in a condition is compared by value. */
function same(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number') return Number(actual) === expected;
  return actual === expected;
}

function compare(actual: unknown, expected: unknown): number {
  if (typeof expected === 'number') return Number(actual) - expected;
  const [a, b] = [String(actual), String(expected)];
  return a < b ? -1 : a > b ? 1 : 0;
}

function foldAsciiCase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}
