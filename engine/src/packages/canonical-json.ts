/**
 * Keys people look for first, in this order, at every level; the rest follow sorted. The
 * registry stores items as jsonb, which reorders keys, so a fixed order is what makes two
 * exports of the same state byte-identical and keeps git diffs small.
 */
const LEADING_KEYS = ['kind', 'name', 'field', 'type', 'label', 'description'];

/** Compares by code unit so that the order never depends on the machine's locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function canonicalKeyOrder(keys: string[]): string[] {
  const leading = LEADING_KEYS.filter((key) => keys.includes(key));
  const rest = keys.filter((key) => !LEADING_KEYS.includes(key)).sort(compareCodeUnits);
  return [...leading, ...rest];
}

/** The same value with every object's keys in canonical order; arrays keep their order. */
export function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  // fromEntries defines own properties, so even a key named `__proto__` survives.
  return Object.fromEntries(canonicalKeyOrder(Object.keys(record)).map((key) => [key, canonicalize(record[key])]));
}

/** The file text of a package document: canonical keys, two-space indent, trailing newline. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(canonicalize(value), null, 2)}\n`;
}
