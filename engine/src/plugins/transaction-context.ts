import { AsyncLocalStorage } from 'node:async_hooks';
import type { PluginEvent } from '@kiban/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { LiveApp } from '../runtime/live-app.ts';

/** A plugin's open transaction: the generation it runs on, and the events held until it commits. */
export interface PluginTransaction {
  live: LiveApp;
  em: EntityManager;
  pending: PluginEvent[];
  /** Set when it has committed or rolled back; work it started later (a timer, say) runs on its own. */
  ended?: boolean;
}

/**
 * The transaction the current plugin code runs in. Data calls and published events find it
 * here, so that everything a hook or `ctx.transaction` does joins one transaction — on PGlite,
 * which serves one session, a query on a second connection inside it would wait forever.
 */
const current = new AsyncLocalStorage<PluginTransaction>();

export function currentTransaction(): PluginTransaction | undefined {
  const transaction = current.getStore();
  return transaction?.ended ? undefined : transaction;
}

/**
 * Runs `work` in a new transaction on `live`, or joins the one already open. Events held by a
 * new transaction go to `deliver` after it commits and are dropped when it rolls back.
 */
export async function inPluginTransaction<T>(
  live: () => LiveApp,
  deliver: (events: PluginEvent[]) => void,
  work: (transaction: PluginTransaction) => Promise<T>,
): Promise<T> {
  const open = currentTransaction();
  if (open) return work(open);
  const generation = live();
  const release = generation.enter();
  const pending: PluginEvent[] = [];
  const opened: { transaction?: PluginTransaction } = {};
  try {
    const result = await generation.orm.em.fork().transactional((em) => {
      const transaction = { live: generation, em, pending };
      opened.transaction = transaction;
      return current.run(transaction, () => work(transaction));
    });
    deliver(pending);
    return result;
  } finally {
    if (opened.transaction) opened.transaction.ended = true;
    release();
  }
}

/** Runs `work` outside any plugin transaction, e.g. an event handler delivered after a commit. */
export function outsideTransaction<T>(work: () => T): T {
  return current.exit(work);
}
