import fc from 'fast-check';
import type { ComputeExpression } from '../../metadata/types.ts';

/**
 * Random computed expressions over the test order (test-entities.ts) and random orders with
 * lines, for the property that the one-record and the SQL interpreters store the same values.
 * Values sit where they could disagree: missing values, halves at the rounding digit,
 * divisions that do not terminate, 29 February, year-end closures and holiday weeks.
 */

const fact = (name: string): ComputeExpression => ({ fact: name });

/** Decimals with up to 3 places, halves included, some negative, as text (as the API holds them). */
const decimalText = fc.oneof(
  fc.constantFrom('0', '0.005', '-0.005', '1.5', '2.5', '-2.5', '0.125', '999.999', '3'),
  fc.integer({ min: -999_999, max: 999_999 }).map((units) => (units / 1000).toFixed(3)),
);
const literalNumber = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constantFrom(0.5, 1.1, 0.333, -2.25, 3, 7));
const dateText = fc.oneof(
  fc.constantFrom('2024-02-29', '2023-12-28', '2024-12-27', '2025-04-28', '2025-05-02', '1964-02-29', '2025-03-01'),
  fc
    .integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2040, 0, 1) })
    .map((ms) => new Date(ms).toISOString().slice(0, 10)),
);
const orNull = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null, freq: 5 });

/** Numbers over one order line: its quantity, price and the price item's fee. */
const lineNumber: fc.Arbitrary<ComputeExpression> = fc.letrec<{ n: ComputeExpression }>((tie) => ({
  n: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(fact('quantity'), fact('price'), fact('item.fee')),
    literalNumber,
    fc
      .tuple(fc.constantFrom('add', 'sub', 'mul', 'div'), tie('n'), tie('n'))
      .map(([op, a, b]) => ({ [op]: [a, b] }) as ComputeExpression),
  ),
})).n;

/** Expressions of each kind over the order itself. */
export const expressions = fc.letrec<{ number: ComputeExpression; date: ComputeExpression; text: ComputeExpression }>(
  (tie) => ({
    number: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(fact('copies'), fact('discount'), { fact: 'count', of: 'lines' } as ComputeExpression),
      literalNumber,
      fc
        .tuple(fc.constantFrom('sum', 'min', 'max'), lineNumber)
        .map(([fn, value]) => ({ [fn]: value, of: 'lines' }) as ComputeExpression),
      fc
        .tuple(fc.constantFrom('add', 'sub', 'mul', 'div'), tie('number'), tie('number'))
        .map(([op, a, b]) => ({ [op]: [a, b] }) as ComputeExpression),
      fc
        .tuple(fc.constantFrom('daysBetween', 'ageOn'), tie('date'), tie('date'))
        .map(([fn, a, b]) => ({ [fn]: [a, b] }) as ComputeExpression),
    ),
    date: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(fact('birthDate'), fact('orderedOn')),
      fc.constantFrom('min', 'max').map((fn) => ({ [fn]: fact('servedOn'), of: 'lines' }) as ComputeExpression),
      fc
        .tuple(tie('date'), fc.integer({ min: -400, max: 400 }))
        .map(([date, days]) => ({ addDays: [date, days] }) as ComputeExpression),
      fc
        .tuple(tie('date'), fc.oneof(fc.integer({ min: -2, max: 40 }), fc.constant(fact('copies'))))
        .map(([date, days]) => ({ addBusinessDays: [date, days] }) as ComputeExpression),
    ),
    text: fc.oneof(
      fc.constantFrom(fact('familyName'), fact('givenName'), '　', 'さん', "O'Brien?"),
      fc
        .array(fc.constantFrom(fact('familyName'), fact('givenName'), ' ', '様'), { minLength: 1, maxLength: 4 })
        .map((parts) => ({ concat: parts }) as ComputeExpression),
    ),
  }),
);

const priceItemIds = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];

export const PRICE_ITEMS = [
  { id: priceItemIds[0], title: '住民票', fee: '300.000' },
  { id: priceItemIds[1], title: '手数料', fee: '0.333' },
];

const lineArbitrary = fc.record({
  item: fc.constantFrom(...priceItemIds, null),
  quantity: orNull(fc.integer({ min: 0, max: 30 })),
  price: orNull(decimalText),
  servedOn: orNull(dateText),
});

export const orderArbitrary = fc.record({
  familyName: orNull(fc.constantFrom('山田', 'Smith', '𠮷田')),
  givenName: orNull(fc.constantFrom('花子', 'Ann', '')),
  birthDate: orNull(dateText),
  orderedOn: orNull(dateText),
  discount: orNull(decimalText),
  copies: orNull(fc.integer({ min: 0, max: 30 })),
  lines: fc.array(lineArbitrary, { maxLength: 4 }),
});

export type GeneratedOrder = typeof orderArbitrary extends fc.Arbitrary<infer T> ? T : never;
