import { AckPolicy, type JetStreamClient, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { BusEvent } from './outbox.ts';
import type { PublishBatch } from './relay.ts';

export const EVENT_STREAM = 'KIBAN_EVENTS';
export const EVENT_SUBJECT_PREFIX = 'kiban.events.';

/** Long enough to cover a relay that dies after publishing and restarts before marking. */
const DUPLICATE_WINDOW_NS = 10 * 60 * 1e9;

export function connectNats(url: string): Promise<NatsConnection> {
  return connect({ servers: url, name: 'kiban-engine' });
}

/** Creates the event stream, or leaves the one that exists as it is. */
export async function ensureEventStream(nc: NatsConnection, stream = EVENT_STREAM): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const exists = await jsm.streams.info(stream).then(
    () => true,
    () => false,
  );
  if (exists) return;
  await jsm.streams.add({
    name: stream,
    subjects: [`${subjectPrefix(stream)}>`],
    duplicate_window: DUPLICATE_WINDOW_NS,
  });
}

/** The subject prefix of a stream: `kiban.events.` for the engine's, a distinct one for tests' own streams. */
export function subjectPrefix(stream: string): string {
  return stream === EVENT_STREAM ? EVENT_SUBJECT_PREFIX : `${stream.toLowerCase()}.`;
}

/**
 * Publishes a batch to JetStream with the event id as message id, all in flight at once,
 * and resolves when the stream has acknowledged every one (a repeat is acknowledged as a
 * duplicate and not stored again).
 */
export function natsPublisher(nc: NatsConnection, stream = EVENT_STREAM): PublishBatch {
  const js: JetStreamClient = jetstream(nc);
  const prefix = subjectPrefix(stream);
  return async (events) => {
    await Promise.all(
      events.map((event) => js.publish(`${prefix}${event.type}`, encodeEvent(event), { msgID: event.id })),
    );
    return [];
  };
}

/** A durable pull consumer with explicit acknowledgement; an event is redelivered until acked. */
export async function ensureDurableConsumer(
  nc: NatsConnection,
  name: string,
  options: { stream?: string; filter?: string; ackWaitMs?: number } = {},
): Promise<void> {
  const stream = options.stream ?? EVENT_STREAM;
  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add(stream, {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    filter_subject: `${subjectPrefix(stream)}${options.filter ?? '>'}`,
    ack_wait: (options.ackWaitMs ?? 30_000) * 1e6,
  });
}

export function encodeEvent(event: BusEvent): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(event));
}

export function decodeEvent(data: Uint8Array): BusEvent {
  return JSON.parse(new TextDecoder().decode(data)) as BusEvent;
}
