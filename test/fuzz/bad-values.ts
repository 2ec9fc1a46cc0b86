import fc from 'fast-check';

/**
 * Values no field accepts in the place they are put, by the kind of field. Each is wrong for
 * a reason a real client could produce: a wrong type, text with U+0000, a number past what
 * the column holds, a string in no format the field reads.
 */
const nulText = fc.string({ maxLength: 20 }).map((text) => `${text}\u0000${text}`);
const structured = fc.oneof(fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.integer()));
const hugeNumbers = fc.constantFrom(1e300, -1e300, Number.MAX_VALUE, 2 ** 63, -(2 ** 63));

/** Stands in a body for a deeply nested value until it is serialised; see `deepJson`. */
export const DEEP_JSON = '\u0001deep\u0001';

/** A JSON text nested `depth` levels, put where `DEEP_JSON` stands in a serialised body. */
export function deepJson(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

export const badText = (maxLength: number) =>
  fc.oneof(
    nulText,
    fc.integer(),
    fc.boolean(),
    structured,
    fc.string({ minLength: maxLength + 1, maxLength: maxLength + 40 }).filter((text) => text.length > maxLength),
  );

export const badDate = fc.oneof(
  nulText,
  fc.constantFrom('2023-02-30', '2023-13-01', '0000-00-00', '99999-01-01', '2024-02-30T00:00:00Z', '令和5年4月1日'),
  fc.integer(),
  structured,
);

export const badDecimal = fc.oneof(
  hugeNumbers,
  fc.constant(-5),
  fc.constantFrom('abc', '1e', 'NaN', ''),
  structured,
  fc.boolean(),
);

export const badBoolean = fc.oneof(fc.constantFrom('yes', 'true ', 1, 0), structured, nulText);

export const badReference = fc.oneof(
  fc.uuid(), // well-formed, but no such record
  fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-00000000000g', ''),
  nulText,
  fc.integer(),
  structured,
);

export const badEnum = (values: string[]) =>
  fc.oneof(
    fc.string({ maxLength: 12 }).filter((value) => !values.includes(value)),
    nulText,
    fc.integer(),
    structured,
  );

export const badEmail = fc.oneof(
  fc.constantFrom('x@', '@example.jp', 'a b@example.jp', 'なまえ'),
  nulText,
  fc.integer(),
);

/** A property name that no entity of the examples declares. */
export const unknownKey = fc.string({ minLength: 1, maxLength: 12 }).map((key) => `zz${key}`);

/** Depths past the engine's limit, up to what used to crash the server. */
export const tooDeep = fc.integer({ min: 65, max: 5000 });

export { hugeNumbers, nulText, structured };
