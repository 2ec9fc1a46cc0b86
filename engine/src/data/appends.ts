import type { Sql } from './sql.ts';

/**
 * Statements that only append rows and return nothing (a write's audit entries and outbox
 * events), their values inlined (no bind parameters), carried by `main` as data-modifying
 * WITH queries: PostgreSQL runs each of them whether or not the statement reads it, so a write
 * can send them with a statement it runs anyway (its recompute) instead of one of their own.
 */
export function withAppends(appends: readonly string[], main: string): string {
  if (appends.length === 0) return main;
  return `with ${appends.map((append, i) => `append${i} as (${append})`).join(', ')} ${main}`;
}

/** The appends in one statement of their own, when no statement of the write carries them. */
export async function runAppends(sql: Sql, appends: readonly string[]): Promise<void> {
  const last = appends.at(-1);
  if (last !== undefined) await sql.run(withAppends(appends.slice(0, -1), last));
}
