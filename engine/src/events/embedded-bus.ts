import type { Sql } from '../data/index.ts';
import type { Backoff, Transact } from './outbox.ts';
import { applyEachOnce, type EventHandler, type ReportEventError } from './receipts.ts';
import { type PublishBatch, type Relay, startRelay } from './relay.ts';

export interface Subscriber {
  /** Names the subscriber's receipts; keep it stable across restarts. */
  name: string;
  handler: EventHandler;
}

export interface EmbeddedBusOptions {
  transact: Transact;
  /** The relay's transactions, which the subscribers work in too (see `EventBusOptions`). */
  relayTransact?: Transact;
  subscribers: readonly Subscriber[];
  batchSize?: number;
  /** How often the outbox is polled when nobody calls `wake`. */
  idleMs?: number;
  /** When an event a subscriber failed is handed on again. */
  backoff?: Backoff;
  onError?: ReportEventError;
}

/**
 * The bus when no NATS is configured: the relay hands outbox events straight to the
 * subscribers, inside its own transaction — PGlite serves one session, so a handler cannot
 * wait for another connection. Each subscriber works under a savepoint with receipts (see
 * `applyBatchOnce`); an event one of them failed stays in the outbox and comes again after a
 * back-off, and those that applied it skip it then.
 */
export function startEmbeddedBus(options: EmbeddedBusOptions): Relay {
  const { transact, subscribers, onError = () => {} } = options;
  const publish: PublishBatch = async (events, sql) => {
    const left = new Set<string>();
    for (const subscriber of subscribers) {
      const failed = await applyEachOnce(underSavepoint(sql), subscriber.name, events, subscriber.handler);
      for (const [event, error] of failed) {
        onError(error, { subscriber: subscriber.name, event });
        left.add(event.id);
      }
    }
    return [...left];
  };
  return startRelay({
    transact: options.relayTransact ?? transact,
    publish,
    batchSize: options.batchSize,
    idleMs: options.idleMs,
    backoff: options.backoff,
    onError,
  });
}

/** Nested "transactions" inside the relay's: a savepoint each, released or rolled back. */
function underSavepoint(sql: Sql): Transact {
  return async (work) => {
    await sql.run('savepoint kiban_event_subscriber');
    try {
      const result = await work(sql);
      await sql.run('release savepoint kiban_event_subscriber');
      return result;
    } catch (error) {
      await sql.run('rollback to savepoint kiban_event_subscriber');
      throw error;
    }
  };
}
