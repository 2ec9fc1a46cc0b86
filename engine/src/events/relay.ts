import type { Sql } from '../data/index.ts';
import { type BusEvent, lockUnpublished, markPublished, type Transact } from './outbox.ts';

/**
 * Hands a batch of events on, in order, inside the relay's transaction; resolves with the
 * ids of events that could not be handed on yet and stay in the outbox for a retry.
 */
export type PublishBatch = (events: readonly BusEvent[], sql: Sql) => Promise<readonly string[]>;

export interface RelayedBatch {
  published: number;
  left: number;
}

/**
 * Moves one batch from the outbox on: the rows stay locked while they are published and are
 * marked in the same transaction, so a relay that dies before the mark leaves them to be
 * published again (NATS drops the repeat by message id).
 */
export function relayBatch(transact: Transact, publish: PublishBatch, limit: number): Promise<RelayedBatch> {
  return transact(async (sql) => {
    const { seqs, events } = await lockUnpublished(sql, limit);
    if (events.length === 0) return { published: 0, left: 0 };
    const left = new Set(await publish(events, sql));
    await markPublished(
      sql,
      seqs.filter((_, index) => !left.has(events[index].id)),
    );
    return { published: events.length - left.size, left: left.size };
  });
}

export interface RelayOptions {
  transact: Transact;
  publish: PublishBatch;
  batchSize?: number;
  /** How long to wait when the outbox is empty, or before retrying what failed. */
  idleMs?: number;
  onError?: (error: unknown) => void;
}

export interface Relay {
  /** Checks the outbox now instead of at the next poll, e.g. after a commit that appended events. */
  wake(): void;
  /** Resolves once the outbox held nothing unpublished at a check made after this call. */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs `relayBatch` until stopped: back to back while there is work, polling when idle. */
export function startRelay(options: RelayOptions): Relay {
  const { transact, publish, batchSize = 500, idleMs = 200, onError = () => {} } = options;
  let stopped = false;
  let wakeUp = () => {};
  let waiters: (() => void)[] = [];
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = (async () => {
    while (!stopped) {
      const asked = [...waiters];
      let batch: RelayedBatch;
      try {
        batch = await relayBatch(transact, publish, batchSize);
      } catch (error) {
        onError(error);
        await sleep(idleMs);
        continue;
      }
      if (batch.left > 0) await sleep(idleMs);
      if (batch.published > 0 || batch.left > 0) continue;
      waiters = waiters.filter((waiter) => !asked.includes(waiter));
      for (const waiter of asked) waiter();
      if (waiters.length === 0 && !stopped) await sleep(idleMs);
    }
  })();
  return {
    wake: () => wakeUp(),
    drained: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        wakeUp();
      }),
    async stop() {
      stopped = true;
      wakeUp();
      await loop;
      for (const waiter of waiters.splice(0)) waiter();
    },
  };
}
