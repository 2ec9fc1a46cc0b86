import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The narrow SQL port system tables use. Placeholders are `?`; values are always bound,
 * never concatenated. Inside a transaction, pass the transactional EntityManager.
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement and returns how many rows it touched. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
}

export function sqlOf(em: EntityManager): Sql {
  return {
    query: <T>(text: string, params: readonly unknown[] = []) => em.execute(text, [...params]) as Promise<T[]>,
    run: async (text, params = []) => {
      const result = (await em.execute(text, [...params], 'run')) as { affectedRows: number };
      return result.affectedRows;
    },
  };
}

/**
 * Runs `fn` in one transaction (a savepoint when `em` is already in one): it commits when `fn`
 * resolves and rolls back when it throws. Schema changes join it too, since PostgreSQL's DDL
 * is transactional.
 */
export function inTransaction<T>(em: EntityManager, fn: (sql: Sql, em: EntityManager) => Promise<T>): Promise<T> {
  return em.transactional((tx) => fn(sqlOf(tx), tx));
}
