import type { Actor } from './common.ts';
import type { PluginContext } from './context.ts';

export interface PluginEvent<T = unknown> {
  /** `record.created`, `record.updated`, `record.deleted`, or `<plugin>.<name>` for plugin events. */
  type: string;
  id: string;
  at: string;
  /** The entity the event is about, when its payload names one (`payload.entity`: record and workflow events). */
  entity?: string;
  payload: T;
}

/** The payload of `record.created`, `record.updated` and `record.deleted`: which record, never its values. */
export interface RecordEventPayload {
  /** The entity, also given as `PluginEvent.entity`. */
  entity: string;
  id: string;
  /** The version written; null for a deletion. */
  version: number | null;
  /** Who wrote it. */
  actor: Actor;
  /** The plugin that wrote it, when a plugin did. */
  plugin?: string;
}

export interface EventBus {
  /**
   * Publishes `<plugin>.<type>` (a `type` already starting with `<plugin>.` is kept). Inside
   * `ctx.transaction` the event waits for the commit and is dropped on rollback.
   */
  publish(type: string, payload: unknown): Promise<void>;
  /** Publishes several events as `publish` does each, in one statement and in their order (an import's). */
  publishMany(events: ReadonlyArray<{ type: string; payload: unknown }>): Promise<void>;
}

/**
 * Events reach a handler at least once, after the write that produced them committed, and it
 * applies each once: it runs in a transaction with its receipt, which its `ctx.data` and
 * `ctx.transaction` calls and `ctx.events.publish` join. When it throws, all of that rolls back
 * and the event comes again after a back-off. A handler is known by its plugin and its position
 * in `events`: keep the order when adding handlers.
 */
export interface EventHandlerContribution {
  /** Event type, or a prefix ending in `*` (`record.*`). */
  event: string;
  /** Only events of this entity (record events). */
  entity?: string;
  handler(event: PluginEvent, ctx: PluginContext): Promise<void>;
}

/**
 * Messages to the browsers on a realtime channel. `channel` is one the plugin declares in
 * `realtime.channels` (its name, or `<plugin>.<name>`); only sockets that joined `room` of it
 * receive the message, as the socket event `kiban:message` with an increasing `id`. Inside
 * `ctx.transaction` (or an event handler) it is sent once the transaction commits and
 * dropped when it rolls back; the payload must be JSON.
 */
export interface RealtimeApi {
  emit(channel: string, room: string, event: string, payload?: unknown): Promise<void>;
}

/** A realtime channel a plugin declares; clients join `<plugin>.<name>` rooms through socket.io at `/realtime`. */
export interface RealtimeChannelContribution {
  /** kebab-case, unique within the plugin. */
  name: string;
  /**
   * Whether `actor` may receive the messages of `room` — a resident only their own rooms, say
   * (`actor.id === room`). Anything but `true` denies; a throw denies too.
   */
  authorize(join: { actor: Actor; room: string }, ctx: PluginContext): boolean | Promise<boolean>;
  /**
   * Whether a guest — a socket without a session, such as an anonymous visitor's chat — may
   * receive the messages of `room`, given the `credential` it joins with (a conversation token,
   * say). Without it the channel takes no guests. Anything but `true` denies; a throw denies too.
   * The engine rate-limits guest connections and joins per client address.
   */
  authorizeGuest?(join: { room: string; credential: string }, ctx: PluginContext): boolean | Promise<boolean>;
}
