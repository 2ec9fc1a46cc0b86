import type { AuditEntryInput, SqlApi } from '@kiban/sdk';
import type { Principal } from '../access/index.ts';
import { recordAudit } from '../access/index.ts';
import { rawQuery, sqlOf } from '../data/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { principalOf } from './actors.ts';
import { standaloneStatement } from './standalone-statement.ts';
import { withPluginSearchPath } from './storage-schema.ts';
import { currentTransaction, type PluginTransaction } from './transaction-context.ts';

/** Runs work in the plugin transaction open here, or in a new one. */
export type InPluginTransaction = <T>(work: (transaction: PluginTransaction) => Promise<T>) => Promise<T>;

/**
 * `ctx.sql`: the plugin's statements, with its schema first on the search path, in its
 * transaction — or, with none open, each in a transaction of its own (`standalone-statement.ts`).
 */
export function createSqlApi(
  plugin: string,
  inTransaction: InPluginTransaction,
  standalone: { live(): LiveApp; committed(): void },
): SqlApi {
  return {
    query: <R>(text: string, params: unknown[] = []) =>
      currentTransaction()
        ? inTransaction(({ em }) => withPluginSearchPath(em, plugin, () => rawQuery<R>(em, text, params)))
        : standaloneStatement<R>(standalone.live(), plugin, text, params, standalone.committed),
  };
}

/** `ctx.audit`: an entry naming the plugin, by the actor's principal (the plugin's own for the system). */
export function createAuditApi(plugin: string, inTransaction: InPluginTransaction, systemPrincipal: () => Principal) {
  return async ({ actor, action, entity, recordId, details }: AuditEntryInput): Promise<void> => {
    if (typeof action !== 'string' || action === '') throw new Error(`The plugin ${plugin} audited an empty action.`);
    await inTransaction(({ em }) =>
      recordAudit(sqlOf(em), {
        principal: principalOf(actor, systemPrincipal),
        action,
        entity,
        recordIds: recordId === undefined ? [] : [recordId],
        detail: { ...details, plugin },
      }),
    );
  };
}
