import { type Subscriber, startEmbeddedBus } from './embedded-bus.ts';
import { EVENT_STREAM } from './nats.ts';
import { startNatsBus } from './nats-bus.ts';
import type { Backoff, Transact } from './outbox.ts';
import type { ReportEventError } from './receipts.ts';

/**
 * The event bus port. Events are appended to the outbox in the transaction of the change they
 * report (`appendEvents`); the bus hands each committed event to every subscriber at least
 * once, and receipts make each subscriber apply it once.
 */
export interface EventBus {
  /** Checks the outbox now, e.g. after a commit that appended events, instead of at the next poll. */
  wake(): void;
  /**
   * Resolves once every event appended before the call has been handed to every subscriber
   * and handled — or, when a subscriber's handler failed on it, attempted: an event waiting
   * for its retry (back-off) does not hold `settled` up, so a handler that always fails
   * cannot make it hang. The failure has been reported to `onError` by then.
   */
  settled(): Promise<void>;
  /** Stops delivering; the batch in progress finishes first. Calling it again does nothing more. */
  stop(): Promise<void>;
}

export interface EventBusOptions {
  /** NATS server; without it the embedded bus runs the subscribers in this process. */
  natsUrl?: string;
  /** JetStream stream (and with it the subjects and durable consumers); `KIBAN_EVENTS` by default. */
  natsStream?: string;
  /** Opens the transactions the relay and the subscribers work in. */
  transact: Transact;
  /**
   * The relay's own transactions, when `transact` wakes the bus on commit: a relay woken by
   * its own look at the outbox would look again at once and never rest.
   */
  relayTransact?: Transact;
  /** Durable subscribers; a name must stay the same across restarts, since receipts (and NATS consumers) carry it. */
  subscribers: readonly Subscriber[];
  onError: ReportEventError;
  /** How often the outbox is polled when nobody calls `wake`. */
  idleMs?: number;
  /** When an event a handler failed is handed to it again: doubling from `baseMs` up to `maxMs`. */
  backoff?: Backoff;
}

/**
 * Starts the bus the configuration asks for: NATS JetStream with a durable consumer per
 * subscriber, or the embedded bus over the same outbox with the same at-least-once contract.
 */
export async function startEventBus(options: EventBusOptions): Promise<EventBus> {
  if (options.natsUrl !== undefined) {
    return startNatsBus({ ...options, natsUrl: options.natsUrl, stream: options.natsStream ?? EVENT_STREAM });
  }
  const relay = startEmbeddedBus(options);
  return { wake: relay.wake, settled: relay.drained, stop: relay.stop };
}
