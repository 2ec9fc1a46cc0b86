import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { LiveApp } from '../runtime/live-app.ts';

/** A plugin's open transaction and the generation it runs on. */
export interface PluginTransaction {
  live: LiveApp;
  em: EntityManager;
  /** Set when it has committed or rolled back; work it started later (a timer, say) runs on its own. */
  ended?: boolean;
  /**
   * Runs after the commit, in order (realtime sends); dropped on rollback. Absent in a
   * transaction someone else commits (`inGivenTransaction`).
   */
  afterCommit?: (() => void)[];
  /**
   * Runs once the transaction has ended, committed or rolled back: what must outlive a
   * rollback (the audit of a refused call). Absent in a transaction someone else commits.
   */
  afterEnd?: (() => Promise<void>)[];
}

/**
 * The transaction the current plugin code runs in. Data calls and published events find it
 * here, so that everything a hook, `ctx.transaction` or an event handler does joins one
 * transaction — on PGlite, which serves one session, a query on a second connection inside
 * it would wait forever.
 */
const current = new AsyncLocalStorage<PluginTransaction>();

export function currentTransaction(): PluginTransaction | undefined {
  const transaction = current.getStore();
  return transaction?.ended ? undefined : transaction;
}

/** Runs `work` as plugin code inside a transaction someone else opened and will commit, e.g. a workflow transition's. */
export function inGivenTransaction<T>(transaction: PluginTransaction, work: () => T): T {
  return current.run(transaction, work);
}

/**
 * Runs `work` in a new transaction on `live`, or joins the one already open. A new
 * transaction calls `committed` once it has committed (the event bus then looks for the
 * events it appended); one that rolls back takes its events with it.
 */
export async function inPluginTransaction<T>(
  live: () => LiveApp,
  committed: () => void,
  work: (transaction: PluginTransaction) => Promise<T>,
): Promise<T> {
  const open = currentTransaction();
  if (open) return work(open);
  const generation = live();
  const release = generation.enter();
  const opened: { transaction?: PluginTransaction } = {};
  try {
    const result = await generation.orm.em.fork().transactional((em) => {
      const transaction: PluginTransaction = { live: generation, em, afterCommit: [], afterEnd: [] };
      opened.transaction = transaction;
      return current.run(transaction, () => work(transaction));
    });
    committed();
    for (const step of opened.transaction?.afterCommit ?? []) step();
    return result;
  } finally {
    if (opened.transaction) opened.transaction.ended = true;
    for (const step of opened.transaction?.afterEnd ?? []) {
      // The call's own outcome stands; a failed step is reported, never thrown in its place.
      await step().catch((error) => console.error(`[kiban] after a plugin transaction: ${error}`));
    }
    release();
  }
}
