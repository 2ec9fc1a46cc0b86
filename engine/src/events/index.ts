export { type EventBus, type EventBusOptions, startEventBus } from './bus.ts';
export { type EmbeddedBusOptions, type Subscriber, startEmbeddedBus } from './embedded-bus.ts';
export {
  connectNats,
  decodeEvent,
  EVENT_STREAM,
  ensureDurableConsumer,
  ensureEventStream,
  natsPublisher,
} from './nats.ts';
export { type NatsConsumer, type NatsConsumerOptions, startNatsConsumer } from './nats-consumer.ts';
export {
  appendEvents,
  type Backoff,
  type BusEvent,
  countUnpublished,
  ensureEventTables,
  insertEventsStatement,
  type NewEvent,
  type Transact,
} from './outbox.ts';
export { applyBatchOnce, type EventHandler, type ReportEventError } from './receipts.ts';
export { type Relay, relayBatch, startRelay } from './relay.ts';
