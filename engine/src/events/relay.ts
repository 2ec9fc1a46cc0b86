import type { Sql } from '../data/index.ts';
import {
  type Backoff,
  type BusEvent,
  DEFAULT_BACKOFF,
  lockUnpublished,
  markPublished,
  scheduleRetry,
  type Transact,
} from './outbox.ts';

/**
 * Hands a batch of events on, in order, inside the relay's transaction; resolves with the
 * ids of events that could not be handed on yet and stay in the outbox for a retry, backed off.
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
export function relayBatch(
  transact: Transact,
  publish: PublishBatch,
  limit: number,
  backoff: Backoff = DEFAULT_BACKOFF,
): Promise<RelayedBatch> {
  return transact(async (sql) => {
    const { seqs, events } = await lockUnpublished(sql, limit);
    if (events.length === 0) return { published: 0, left: 0 };
    const left = new Set(await publish(events, sql));
    const isLeft = (index: number) => left.has(events[index].id);
    await markPublished(
      sql,
      seqs.filter((_, index) => !isLeft(index)),
    );
    await scheduleRetry(
      sql,
      seqs.filter((_, index) => isLeft(index)),
      backoff,
    );
    return { published: events.length - left.size, left: left.size };
  });
}

export interface RelayOptions {
  transact: Transact;
  publish: PublishBatch;
  batchSize?: number;
  /** How long to wait when the outbox is empty, or after an error. */
  idleMs?: number;
  /** When events that could not be handed on are due again. */
  backoff?: Backoff;
  /**
   * After a batch that did not fill up, how long more events may gather before the next one:
   * under a steady stream of writes the relay then works in fewer, larger transactions
   * instead of one per commit, for at most this much latency. `drained` never waits for it.
   */
  gatherMs?: number;
  onError?: (error: unknown) => void;
}

export interface Relay {
  /** Checks the outbox now instead of at the next poll, e.g. after a commit that appended events. */
  wake(): void;
  /**
   * Resolves once the outbox held nothing unpublished and due at a check made after this
   * call; events waiting for a retry after a failure do not hold it up.
   */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs `relayBatch` until stopped: back to back while there is work, polling when idle. */
export function startRelay(options: RelayOptions): Relay {
  const { transact, publish, batchSize = 500, idleMs = 200, gatherMs = 20, backoff, onError = () => {} } = options;
  let stopped = false;
  let waiters: (() => void)[] = [];
  // A wake while a batch runs is kept, so that the events it announces do not wait for the next poll.
  let woken = false;
  let wakeUp: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const done = () => {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakeUp = done;
    });
  const wake = () => {
    if (wakeUp) wakeUp();
    else woken = true;
  };
  const loop = (async () => {
    while (!stopped) {
      const asked = [...waiters];
      // This batch sees every commit announced so far.
      woken = false;
      let batch: RelayedBatch;
      try {
        batch = await relayBatch(transact, publish, batchSize, backoff);
      } catch (error) {
        onError(error);
        // Not cut short by commits: a relay that cannot publish should not retry on each one.
        await pause(idleMs);
        continue;
      }
      if (batch.published > 0 || batch.left > 0) {
        const full = batch.published + batch.left >= batchSize;
        if (!full && waiters.length === 0) await pause(gatherMs);
        continue;
      }
      waiters = waiters.filter((waiter) => !asked.includes(waiter));
      for (const waiter of asked) waiter();
      if (waiters.length === 0) await sleep(idleMs);
    }
  })();
  return {
    wake,
    drained: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        wake();
      }),
    async stop() {
      stopped = true;
      wake();
      await loop;
      for (const waiter of waiters.splice(0)) waiter();
    },
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
