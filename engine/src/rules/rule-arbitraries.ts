import fc from 'fast-check';
import type { ApiRecord } from '../data/index.ts';
import type { RuleComparison, RuleCondition } from '../metadata/types.ts';
import { WARDS } from './test-entities.ts';

/**
 * Random residents and random rules over them for the property that both interpreters agree.
 * Values cluster on the edges where they could disagree: missing values, birthdays on and
 * around 29 February, dates next to "today" in Tokyo, case in text, JSON that is not an array.
 */

export const HOUSEHOLDS: ApiRecord[] = [
  { id: '00000000-0000-4000-8000-000000000001', ward: 'kita', size: 1 },
  { id: '00000000-0000-4000-8000-000000000002', ward: 'minami', size: null },
  { id: '00000000-0000-4000-8000-000000000003', ward: null, size: 3 },
];

/** Instants around midnight in Tokyo on leap days and year ends, and ordinary ones. */
export const nowArbitrary = fc
  .oneof(
    fc.constantFrom(
      '2024-02-28T14:59:59.999Z',
      '2024-02-28T15:00:00.000Z',
      '2025-02-28T14:59:59.999Z',
      '2025-02-28T15:00:00.000Z',
      '2025-12-31T15:00:00.000Z',
    ),
    fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 11, 31) }).map((ms) => new Date(ms).toISOString()),
  )
  .map((iso) => new Date(iso));

const DAY = 86_400_000;
const around2025 = (spanDays: number) =>
  fc.integer({ min: -spanDays * DAY, max: spanDays * DAY }).map((offset) => new Date(Date.UTC(2025, 0, 1) + offset));

const dateValue = fc.oneof(
  fc.constantFrom('1960-02-29', '1964-02-29', '1959-02-28', '1959-03-01', '1950-12-31', '2024-02-29', '2025-03-01'),
  around2025(500).map((date) => date.toISOString().slice(0, 10)),
  fc
    .integer({ min: Date.UTC(1930, 0, 1), max: Date.UTC(2020, 0, 1) })
    .map((ms) => new Date(ms).toISOString().slice(0, 10)),
);
const datetimeValue = around2025(500).map((date) => date.toISOString());
const textValue = fc.oneof(
  fc.constantFrom('Sato', 'sato', 'SATO Taro', '鈴木', "O'Brien", '50%', 'a_b', ''),
  fc.stringMatching(/^[abAB%_鈴]{0,4}$/),
);
const decimalValue = fc.integer({ min: -100_000, max: 1_000_000 }).map((cents) => cents / 100);
const tagValue = fc.constantFrom('senior', 'child', 'Senior', 1, true);
const jsonValue = fc.oneof(fc.array(tagValue, { maxLength: 3 }), fc.constantFrom({ senior: true }, 'senior', 1));

const orNull = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null, freq: 4 });

export const residentArbitrary: fc.Arbitrary<ApiRecord> = fc.record({
  id: fc.uuid({ version: 4 }),
  name: orNull(textValue),
  birthDate: orNull(dateValue),
  income: orNull(decimalValue.map((value) => value.toFixed(2))),
  householdSize: orNull(fc.integer({ min: 0, max: 8 })),
  hasCar: orNull(fc.boolean()),
  registeredAt: orNull(datetimeValue),
  tags: orNull(jsonValue),
  household: orNull(fc.constantFrom(...HOUSEHOLDS.map((each) => each.id as string))),
});

const relative = fc.integer({ min: -400, max: 30 }).map((days) => ({ relative: `${days >= 0 ? '+' : ''}${days}d` }));
/** Business days on the city's calendar, both interpreters reading `business-days.ts`. */
const businessRelative = fc
  .integer({ min: -60, max: 30 })
  .map((days) => ({ relative: `${days >= 0 ? '+' : ''}${days}bd` }));
/** Another field of the same kind as the operand. */
const fieldOperand = (fact: string, field: string) =>
  fc
    .constantFrom('eq', 'ne', 'lt', 'lte', 'gt', 'gte' as const)
    .map((op): RuleComparison => ({ fact, op, value: { field } }));
const presence = (fact: string) => fc.constantFrom<RuleComparison>({ fact, op: 'isNull' }, { fact, op: 'isNotNull' });
/** `operand` may be relative where the language allows it; lists take absolute values only. */
const ordered = (
  fact: string,
  scalar: fc.Arbitrary<unknown>,
  operand: fc.Arbitrary<unknown> = scalar,
  of?: string,
): fc.Arbitrary<RuleComparison> =>
  fc
    .oneof(
      fc.record({ op: fc.constantFrom('eq', 'ne', 'lt', 'lte', 'gt', 'gte' as const), value: operand }),
      fc.record({ op: fc.constant('between' as const), value: fc.tuple(operand, operand) }),
      fc.record({
        op: fc.constantFrom('in', 'notIn' as const),
        value: fc.array(scalar, { minLength: 1, maxLength: 3 }),
      }),
    )
    .map((comparison) => ({ fact, ...(of ? { of } : {}), ...comparison }) as RuleComparison);
const equality = (fact: string, value: fc.Arbitrary<unknown>): fc.Arbitrary<RuleComparison> =>
  fc
    .oneof(
      fc.record({ op: fc.constantFrom('eq', 'ne' as const), value }),
      fc.record({
        op: fc.constantFrom('in', 'notIn' as const),
        value: fc.array(value, { minLength: 1, maxLength: 3 }),
      }),
    )
    .map((comparison) => ({ fact, ...comparison }) as RuleComparison);
const withinDays = (fact: string) =>
  fc.integer({ min: 0, max: 400 }).map((value): RuleComparison => ({ fact, op: 'withinDays', value }));

const comparisonArbitrary: fc.Arbitrary<RuleComparison> = fc.oneof(
  equality(
    'name',
    textValue.filter((text) => text !== ''),
  ),
  textValue.filter((text) => text !== '').map((value): RuleComparison => ({ fact: 'name', op: 'contains', value })),
  ordered('birthDate', dateValue, fc.oneof(dateValue, relative, businessRelative)),
  fc.constant<RuleComparison>({ fact: 'birthDate', op: 'isBusinessDay' }),
  fieldOperand('householdSize', 'householdSize'),
  fieldOperand('income', 'income'),
  withinDays('birthDate'),
  ordered('age', fc.integer({ min: 0, max: 100 }), undefined, 'birthDate'),
  ordered('income', decimalValue),
  ordered('householdSize', fc.integer({ min: 0, max: 8 })),
  equality('hasCar', fc.boolean()),
  ordered('registeredAt', datetimeValue, fc.oneof(datetimeValue, relative)),
  withinDays('registeredAt'),
  tagValue.map((value): RuleComparison => ({ fact: 'tags', op: 'arrayContains', value })),
  equality('household.ward', fc.constantFrom(...WARDS)),
  ordered('household.size', fc.integer({ min: 0, max: 4 })),
  equality('household', fc.constantFrom(...HOUSEHOLDS.map((each) => each.id as string))),
  ordered('count', fc.integer({ min: 0, max: 3 }), undefined, 'cars'),
  ...['name', 'birthDate', 'income', 'tags', 'household', 'household.ward'].map(presence),
  presence('age').map((comparison) => ({ ...comparison, of: 'birthDate' })),
);

export const conditionArbitrary: fc.Arbitrary<RuleCondition> = fc.letrec<{ condition: RuleCondition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparisonArbitrary,
    fc.record({ all: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('condition') }),
  ),
})).condition;

/** Cars for a population: each picks its owner by position, so several may share one. */
export const carOwnersArbitrary = fc.array(fc.nat(), { maxLength: 20 });
