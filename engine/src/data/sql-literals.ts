import pg from 'pg';

/**
 * Literals for DDL, where PostgreSQL accepts no bound parameters (column defaults, type
 * lengths). Every function checks its input's type, so only the intended literal can result.
 */

/** A standard SQL string literal: quotes doubled. Backslashes are plain characters because
 * `standard_conforming_strings` is on (the default since PostgreSQL 9.1). */
export function stringLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('PostgreSQL text cannot contain NUL characters');
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A string literal for values callers gave (record input inside JSON): the same value
 * whatever `standard_conforming_strings` says, as the driver's own `escapeLiteral` writes it
 * (with a backslash, an E'' string). A statement whose values are inlined this way has no bind
 * parameters, so it can be joined to another statement (see `withAppends`).
 */
export function escapedStringLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('PostgreSQL text cannot contain NUL characters');
  return pg.escapeLiteral(value).trimStart();
}

/** A JSON value as an `escapedStringLiteral` cast to jsonb. */
export function jsonbInputLiteral(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error('Value has no JSON representation');
  return `${escapedStringLiteral(text)}::jsonb`;
}

export function integerLiteral(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Not a safe integer: ${String(value)}`);
  return String(value);
}

/** A decimal already in canonical form (see values.ts), checked once more before it enters SQL. */
export function decimalLiteral(value: string): string {
  if (!/^-?\d+(?:\.\d+)?$/.test(value)) throw new Error(`Not a decimal literal: ${JSON.stringify(value)}`);
  return value;
}

export function jsonbLiteral(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error('Value has no JSON representation');
  return `${stringLiteral(text)}::jsonb`;
}
