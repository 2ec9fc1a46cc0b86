import { inTransaction, type Sql } from '../data/index.ts';
import { openTestDatabaseWithOrm, type TestDatabase } from '../data/test-database.ts';
import type { TestDatabaseKind } from '../testing/databases.ts';
import { appendEvents, ensureEventTables, type Transact } from './outbox.ts';
import type { EventHandler } from './receipts.ts';

export interface EventsTestDatabase {
  db: TestDatabase;
  transact: Transact;
  /** Appends `count` events of `type` in one committed transaction. */
  append(count: number, type?: string): Promise<void>;
  /** A handler that records every application in `event_effect`, failing when `fail` says so. */
  effectHandler(fail?: (eventId: string) => boolean): EventHandler;
  /** Effects recorded per event id. */
  effects(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

/** A fresh database with the event tables and an effects table handlers write to. */
export async function openEventsTestDatabase(kind: TestDatabaseKind): Promise<EventsTestDatabase> {
  const db = await openTestDatabaseWithOrm(kind);
  const transact: Transact = (work) => inTransaction(db.orm.em.fork(), (sql) => work(sql));
  await ensureEventTables(db.sql);
  await db.sql.run('create table event_effect (event_id uuid not null)');
  return {
    db,
    transact,
    append: (count, type = 'test.happened') =>
      transact((sql) =>
        appendEvents(
          sql,
          Array.from({ length: count }, (_, n) => ({ type, payload: { n } })),
        ),
      ),
    effectHandler: (fail) => async (event, sql: Sql) => {
      await sql.run('insert into event_effect (event_id) values (?)', [event.id]);
      if (fail?.(event.id)) throw new Error(`handler failed on ${event.id}`);
    },
    effects: async () => {
      const rows = await db.sql.query<{ id: string; n: number }>(
        'select event_id::text as id, count(*)::int as n from event_effect group by event_id',
      );
      return new Map(rows.map((row) => [row.id, Number(row.n)]));
    },
    close: () => db.close(),
  };
}
