import { type ColumnType, formatColumnType } from './column-types.ts';
import type { Sql } from './sql.ts';

/** A column whose live default and desired default are both present and spelled differently. */
export interface DefaultPair {
  live: string;
  desired: string;
  type: ColumnType;
}

/**
 * A constant as PostgreSQL prints a default (`'abc'::character varying`, `12.50`,
 * `'{"a": 1}'::jsonb`, `'-5'::integer`): a literal followed by casts. Only such expressions
 * are ever evaluated, so comparing never runs a function with side effects.
 */
const CONSTANT =
  /^\(?(?:'(?:[^'\0]|'')*'|-?\d+(?:\.\d+)?|true|false)\)?(?:::[a-z][a-z0-9 _]*(?:\(\d+(?:,\d+)?\))?(?:\[\])?)*$/;
const TRAILING_CAST = /::[a-z][a-z0-9 _]*(?:\(\d+(?:,\d+)?\))?(?:\[\])?$/;

/** Cheap first test: the same text once PostgreSQL's casts are stripped from both sides. */
export function sameDefaultText(live: string, desired: string): boolean {
  return stripCasts(live) === stripCasts(desired);
}

function stripCasts(expression: string): string {
  let text = expression.trim();
  while (TRAILING_CAST.test(text)) text = text.replace(TRAILING_CAST, '');
  return text.replace(/^\((.*)\)$/, '$1');
}

/**
 * Whether each live default denotes the same value as the desired one, asked of PostgreSQL
 * in one query (`12.5` and `12.50`, or `{"a":1}` and `{"a": 1}`, are the same value).
 * Pairs that are not both constants count as different; re-setting a default is harmless.
 */
export async function defaultsMatch(sql: Sql, pairs: readonly DefaultPair[]): Promise<boolean[]> {
  const comparable = pairs.map((p) => CONSTANT.test(p.live) && CONSTANT.test(p.desired));
  const expressions = pairs.flatMap((pair, i) => {
    if (!comparable[i]) return [];
    const type = formatColumnType(pair.type);
    // Both sides come from PostgreSQL's catalog or from column-types.ts, never from a request;
    // the CONSTANT pattern above admits only literals and casts.
    return [`((${pair.live})::${type} is not distinct from (${pair.desired})::${type}) as "${i}"`];
  });
  if (expressions.length === 0) return pairs.map(() => false);
  const [row] = await sql.query<Record<string, boolean>>(`select ${expressions.join(', ')}`);
  return pairs.map((_, i) => comparable[i] && row?.[String(i)] === true);
}
