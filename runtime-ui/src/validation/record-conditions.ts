import { countsBusinessDays, isRelativeDate, relativeDays } from '../../../engine/src/metadata/rule-facts.ts';
import type { RecordValidation, RuleComparison, RuleCondition } from '../../../engine/src/metadata/types.ts';
import { isBusinessDay, shiftBusinessDays } from '../../../engine/src/rules/business-days.ts';
import { describeCondition } from '../../../engine/src/rules/describe.ts';
import { addDays, evaluationDate } from '../../../engine/src/rules/evaluation-date.ts';
import type { EntityMetadata, Language, RecordData } from '../metadata/index.ts';
import type { FieldProblem } from './field-problem.ts';

/**
 * The entity's rule-language validations (`validations` on fields and on the entity), checked
 * in the browser as the record service checks them on the server — the same calendar
 * (`business-days.ts`), the same Asia/Tokyo "today" and the same message wording
 * (`describe.ts`), so the resident reads under the field what the server would answer. A
 * condition that reads another record (`request.status`) is left to the server.
 */
export function conditionProblems(
  entity: EntityMetadata,
  record: RecordData,
  language: Language,
  now: Date = new Date(),
): FieldProblem[] {
  const today = evaluationDate(now).today;
  const problems: FieldProblem[] = [];
  const check = (validation: RecordValidation, field: string, label?: string) => {
    if (holds(validation.condition, record, today) !== false) return;
    problems.push({ kind: 'server', field, message: messageOf(entity, validation, language, label) });
  };
  for (const field of entity.fields) {
    if (record[field.name] === null || record[field.name] === undefined || record[field.name] === '') continue;
    for (const validation of field.validations ?? []) check(validation, field.name, field.label.ja);
  }
  for (const validation of entity.validations ?? []) {
    const first = firstField(validation.condition);
    if (first !== undefined) check(validation, first);
  }
  return problems;
}

function messageOf(entity: EntityMetadata, validation: RecordValidation, language: Language, label?: string): string {
  const own = validation.message?.[language];
  if (own) return own;
  const japanese = language === 'ja' || language === 'ja-x-easy';
  if (japanese && validation.message?.ja) return validation.message.ja;
  if (!japanese && validation.message?.en) return validation.message.en;
  const described = describeCondition(validation.condition, entity, new Map([[entity.name, entity]]));
  if (!japanese) return `${described.en} must hold.`;
  return label === undefined
    ? `「${described.ja}」を満たしていません。`
    : `「${label}」は「${described.ja}」を満たす必要があります。`;
}

/** true, false, or undefined when the browser cannot decide (a fact through a reference, age, count). */
function holds(condition: RuleCondition, record: RecordData, today: string): boolean | undefined {
  if ('all' in condition)
    return combine(
      condition.all.map((part) => holds(part, record, today)),
      false,
    );
  if ('any' in condition)
    return combine(
      condition.any.map((part) => holds(part, record, today)),
      true,
    );
  if ('not' in condition) {
    const inner = holds(condition.not, record, today);
    return inner === undefined ? undefined : !inner;
  }
  return compare(condition, record, today);
}

/** `all` fails on any false and `any` holds on any true, even when other parts are undecided. */
function combine(results: (boolean | undefined)[], decisive: boolean): boolean | undefined {
  if (results.includes(decisive)) return decisive;
  return results.includes(undefined) ? undefined : !decisive;
}

function compare(comparison: RuleComparison, record: RecordData, today: string): boolean | undefined {
  if (comparison.of !== undefined || comparison.fact.includes('.')) return undefined;
  const fact = present(record[comparison.fact]);
  const operand = (value: unknown): unknown => {
    if (typeof value === 'object' && value !== null && 'field' in value) return present(record[String(value.field)]);
    if (!isRelativeDate(value)) return value;
    const days = relativeDays(value.relative);
    return countsBusinessDays(value.relative) ? shiftBusinessDays(today, days) : addDays(today, days);
  };
  const { op, value } = comparison;
  if (op === 'isNull') return fact === null;
  if (op === 'isNotNull') return fact !== null;
  if (fact === null) return false;
  if (op === 'isBusinessDay') return typeof fact === 'string' && isBusinessDay(fact);
  if (op === 'in' || op === 'notIn') return (value as unknown[]).includes(fact) === (op === 'in');
  if (op === 'between') {
    const [low, high] = (value as unknown[]).map(operand);
    return low !== null && high !== null && order(fact, low) >= 0 && order(fact, high) <= 0;
  }
  const other = operand(value);
  if (other === null || other === undefined) return false;
  switch (op) {
    case 'eq':
      return order(fact, other) === 0;
    case 'ne':
      return order(fact, other) !== 0;
    case 'lt':
      return order(fact, other) < 0;
    case 'lte':
      return order(fact, other) <= 0;
    case 'gt':
      return order(fact, other) > 0;
    case 'gte':
      return order(fact, other) >= 0;
    default:
      return undefined;
  }
}

function present(value: unknown): unknown {
  return value === undefined || value === '' ? null : value;
}

/** Numbers (also numeric text, as decimals arrive) by value; dates and other text by code unit, as ISO dates sort. */
function order(a: unknown, b: unknown): number {
  const x = Number(a);
  const y = Number(b);
  if (typeof a !== 'string' || typeof b !== 'string') return x === y ? 0 : x < y ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

function firstField(condition: RuleCondition): string | undefined {
  if ('all' in condition) return firstField(condition.all[0]);
  if ('any' in condition) return firstField(condition.any[0]);
  if ('not' in condition) return firstField(condition.not);
  return condition.fact.split('.')[0];
}
