import type { EventHandlerContribution, Logger, PluginEvent } from '@kiban/sdk';
import type { BusEvent, Subscriber } from '../events/index.ts';
import type { PluginRuntime } from './context.ts';
import { currentTransaction } from './transaction-context.ts';

/** A plugin's event handler as a subscriber, with the log its failures go to. */
export interface PluginSubscriber extends Subscriber {
  logger: Logger;
}

/**
 * Each event handler a plugin contributes, as a durable subscriber of the event bus. The name
 * must survive restarts (receipts and NATS consumers carry it): the plugin and the handler's
 * position in its `events` list. The handler runs in the delivering transaction, which the
 * host opens as a plugin transaction (`PluginHost.transact`), so its data calls and published
 * events join it and commit together with its receipt.
 */
export function pluginSubscribers(runtimes: readonly PluginRuntime[]): PluginSubscriber[] {
  return runtimes.flatMap(({ definition, context, logger }) =>
    (definition.events ?? []).map((contribution, index) => ({
      name: subscriberName(definition.name, index),
      logger,
      async handler(busEvent: BusEvent) {
        const event = toPluginEvent(busEvent);
        if (!matches(contribution, event)) return;
        const afterCommit = currentTransaction()?.afterCommit;
        const mark = afterCommit?.length ?? 0;
        try {
          await contribution.handler(event, context);
        } catch (error) {
          // Its writes roll back to the subscriber's savepoint; entities it loaded must not
          // outlive them in the shared EntityManager, nor its realtime sends the commit.
          currentTransaction()?.em.clear();
          afterCommit?.splice(mark);
          throw error;
        }
      },
    })),
  );
}

/** `plugin_<name>_<index>`: plugin names never contain `_`, and NATS consumer names may not contain `.`. */
function subscriberName(plugin: string, index: number): string {
  return `plugin_${plugin}_${index}`;
}

/** An event as the SDK shows it to handlers, with the entity its payload names (record and workflow events). */
function toPluginEvent(event: BusEvent): PluginEvent {
  const pluginEvent: PluginEvent = { type: event.type, id: event.id, at: event.createdAt, payload: event.payload };
  const entity = (event.payload as { entity?: unknown } | null)?.entity;
  if (typeof entity === 'string') pluginEvent.entity = entity;
  return pluginEvent;
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
