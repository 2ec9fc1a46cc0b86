import { CompiledQuery, type Kysely } from 'kysely';
import type pg from 'pg';
import { quoteIdent, type RawResult } from '../data/index.ts';
import { stringLiteral } from '../data/sql-literals.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { pluginSchema } from './storage-schema.ts';

/**
 * One plugin statement with no plugin transaction open. A plugin's hot reads (a token at every
 * introspection) are single statements, and on a busy machine each round trip is a socket write
 * and a read, so:
 *
 * - On a PostgreSQL server it runs in one round trip, in autocommit, on a small pool of the
 *   plugin's own whose connections start with the plugin's `search_path` (`ownPool`). No other
 *   plugin and no engine statement ever runs on those connections, so the path — or any
 *   session setting a plugin statement makes — reaches nobody else. A statement that leaves a
 *   transaction open (`begin` sent as SQL) is refused and its connection closed, which rolls it
 *   back; `ctx.transaction` is the way to group statements.
 * - On PGlite, where round trips stay in the process, it is its own transaction on the engine's
 *   pool in three: `begin` and `set local search_path` in one simple-protocol message, the
 *   statement, `commit`. A local setting ends with the transaction, so the connection goes back
 *   with the path it came with, also after a failure.
 *
 * `changed` is told when the statement reported touched rows (insert, update, delete, merge):
 * a read appends no event, so it need not wake the event bus.
 */
export async function standaloneStatement<R>(
  live: LiveApp,
  plugin: string,
  text: string,
  params: readonly unknown[],
  changed: () => void,
): Promise<RawResult<R>> {
  const path = `${quoteIdent(pluginSchema(plugin))}, public`;
  const release = live.enter();
  try {
    const own = live.ownPool(`plugin-statements:${plugin}`, `-c search_path=${path.replaceAll(' ', '\\ ')}`);
    const result = own
      ? await onOwnConnection<R>(own, plugin, text, params)
      : await inOwnTransaction<R>(live, path, text, params);
    const touched = result.numAffectedRows;
    if (touched !== undefined) changed();
    return { rows: result.rows, rowCount: touched === undefined ? result.rows.length : Number(touched) };
  } finally {
    release();
  }
}

interface Answered<R> {
  rows: R[];
  numAffectedRows?: bigint;
}

/** What counts as touched rows is Kysely's rule for `pg`, so that both paths answer alike. */
const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

async function onOwnConnection<R>(
  pool: pg.Pool,
  plugin: string,
  text: string,
  params: readonly unknown[],
): Promise<Answered<R>> {
  const client = await pool.connect();
  let result: pg.QueryResult;
  try {
    result = await client.query(text, [...params]);
  } catch (error) {
    client.release(client.getTransactionStatus() === 'I' ? undefined : true);
    throw error;
  }
  if (client.getTransactionStatus() !== 'I') {
    client.release(true);
    throw new Error(
      `The plugin ${plugin} left a transaction open in a statement of its own; it was rolled back. Use ctx.transaction to group statements.`,
    );
  }
  client.release();
  const rows = (result.rows ?? []) as R[];
  return WRITES.has(result.command) ? { rows, numAffectedRows: BigInt(result.rowCount ?? 0) } : { rows };
}

async function inOwnTransaction<R>(
  live: LiveApp,
  path: string,
  text: string,
  params: readonly unknown[],
): Promise<Answered<R>> {
  const client: Kysely<unknown> = live.orm.em.getConnection().getClient();
  return client.connection().execute(async (connection) => {
    try {
      // The same text as a transaction's `withPluginSearchPath` sets, as a literal: no parameters in the simple protocol.
      await connection.executeQuery(
        CompiledQuery.raw(`begin; select set_config('search_path', ${stringLiteral(path)}, true)`),
      );
      const answered = await connection.executeQuery<R>(CompiledQuery.raw(text, [...params]));
      await connection.executeQuery(CompiledQuery.raw('commit'));
      return answered;
    } catch (error) {
      // Outside a transaction (the `begin` itself failed) a rollback only warns.
      await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined);
      throw error;
    }
  });
}
