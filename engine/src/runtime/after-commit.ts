import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Steps to run once a transaction the live app opened (`LiveApp.transaction`) has committed,
 * found by its EntityManager: code handed only the `em` (a workflow's plugin action) can still
 * send something after the commit. A rollback drops them with the transaction.
 */
const steps = new WeakMap<EntityManager, (() => void)[]>();

export async function transactionWithAfterCommit<T>(
  fork: EntityManager,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  const after: (() => void)[] = [];
  const result = await fork.transactional((em) => {
    steps.set(em, after);
    return work(em);
  });
  for (const step of after) step();
  return result;
}

/** The after-commit steps of the transaction `em` belongs to; undefined when nobody will run them. */
export function afterCommitOf(em: EntityManager): (() => void)[] | undefined {
  return steps.get(em);
}
