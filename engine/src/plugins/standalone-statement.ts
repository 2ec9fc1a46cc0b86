import { CompiledQuery, type Kysely } from 'kysely';
import { quoteIdent, type RawResult } from '../data/index.ts';
import { stringLiteral } from '../data/sql-literals.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { pluginSchema } from './storage-schema.ts';

/**
 * One plugin statement with no plugin transaction open: its own transaction on one pooled
 * connection, in three round trips — `begin` and `set local search_path` sent together (the
 * simple protocol takes both in one message), the statement, `commit` — instead of the five of
 * a general transaction (begin, set the path, statement, restore it, commit). A plugin's hot
 * reads (a token at every introspection) are single statements, and on a busy machine each
 * round trip is a socket write and a read. A local setting ends with the transaction, so the
 * connection goes back to the pool with the path it came with, also after a failure.
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
  // The same text as a transaction's `withPluginSearchPath` sets, as a literal: no parameters in the simple protocol.
  const path = stringLiteral(`${quoteIdent(pluginSchema(plugin))}, public`);
  const release = live.enter();
  try {
    const client: Kysely<unknown> = live.orm.em.getConnection().getClient();
    const result = await client.connection().execute(async (connection) => {
      try {
        await connection.executeQuery(CompiledQuery.raw(`begin; select set_config('search_path', ${path}, true)`));
        const answered = await connection.executeQuery<R>(CompiledQuery.raw(text, [...params]));
        await connection.executeQuery(CompiledQuery.raw('commit'));
        return answered;
      } catch (error) {
        // Outside a transaction (the `begin` itself failed) a rollback only warns.
        await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined);
        throw error;
      }
    });
    const touched = result.numAffectedRows;
    if (touched !== undefined) changed();
    return { rows: result.rows, rowCount: touched === undefined ? result.rows.length : Number(touched) };
  } finally {
    release();
  }
}
