import { randomUUID } from 'node:crypto';
import type { EventHandlerContribution, Logger, PluginContext, PluginEvent, RecordEventPayload } from '@kiban/sdk';
import type { RecordChange } from '../records/index.ts';
import { actorOf } from './actors.ts';
import { outsideTransaction } from './transaction-context.ts';

/** One plugin's handler with the context it runs in. */
export interface EventSubscription {
  contribution: EventHandlerContribution;
  context: PluginContext;
  logger: Logger;
}

/**
 * The in-process event bus: events reach every matching handler after the transaction that
 * produced them has committed, each handler on its own, so that a failing handler neither
 * fails the write nor keeps the others from their events. Delivery is at most once and ends
 * with the process; the durable transactional outbox (and NATS JetStream) replaces this in a
 * later issue with the same handler contract.
 */
export interface EventDispatcher {
  deliver(events: PluginEvent[]): void;
  /** Resolves once every handler started so far — and whatever they published — has finished. */
  settled(): Promise<void>;
  /** Stops delivering; events published afterwards are dropped. */
  close(): void;
}

export function createEventDispatcher(subscriptions: readonly EventSubscription[]): EventDispatcher {
  const running = new Set<Promise<void>>();
  let closed = false;
  const run = (subscription: EventSubscription, event: PluginEvent) => {
    const handled = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => outsideTransaction(() => subscription.contribution.handler(event, subscription.context)))
      .catch((error: unknown) =>
        subscription.logger.error('event handler failed', {
          event: event.type,
          eventId: event.id,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => running.delete(handled));
    running.add(handled);
  };
  return {
    deliver(events) {
      if (closed) return;
      for (const event of events) {
        for (const subscription of subscriptions)
          if (matches(subscription.contribution, event)) run(subscription, event);
      }
    },
    async settled() {
      while (running.size > 0) await Promise.all([...running]);
    },
    close() {
      closed = true;
    },
  };
}

/** `record.created` matches itself, `record.*` and `*`; an `entity` narrows record events to one entity. */
export function matches(contribution: Pick<EventHandlerContribution, 'event' | 'entity'>, event: PluginEvent): boolean {
  const pattern = contribution.event;
  const typeMatches =
    pattern === '*' ||
    pattern === event.type ||
    (pattern.endsWith('.*') && event.type.startsWith(pattern.slice(0, -1)));
  return typeMatches && (contribution.entity === undefined || contribution.entity === event.entity);
}

/** The event of a committed record write: which record and who wrote it, never the values. */
export function recordEvent(change: RecordChange): PluginEvent<RecordEventPayload> {
  const payload: RecordEventPayload = {
    id: change.id,
    version: change.version,
    actor: change.plugin?.system ? { kind: 'system' } : actorOf(change.principal),
  };
  if (change.plugin) payload.plugin = change.plugin.name;
  return newEvent(`record.${change.action}`, payload, change.entity);
}

export function newEvent<T>(type: string, payload: T, entity?: string): PluginEvent<T> {
  const event: PluginEvent<T> = { type, id: randomUUID(), at: new Date().toISOString(), payload };
  if (entity !== undefined) event.entity = entity;
  return event;
}
