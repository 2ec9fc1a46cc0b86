import type { FactKind } from '../metadata/rule-facts.ts';

/**
 * A fact value or operand in the form the one-subject interpreter compares: numbers for
 * integers and decimals, `YYYY-MM-DD` for dates, epoch milliseconds for datetimes, lower-case
 * uuids. A missing value is null, whatever spelling it arrived in.
 */
export function comparable(kind: FactKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'integer':
    case 'decimal':
      return Number(value);
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
    case 'datetime':
      return value instanceof Date ? value.getTime() : Date.parse(String(value));
    case 'uuid':
      return String(value).toLowerCase();
    case 'text':
      return String(value);
    default:
      return value;
  }
}

/**
 * Case folding for `contains`: Latin A–Z only. PostgreSQL's case folding follows the
 * database's locale while JavaScript's follows Unicode, so the rule language folds only what
 * both fold identically (Japanese has no case to fold).
 */
export function foldAsciiCase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}
