import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import type { EventBus } from './bus.ts';
import type { Subscriber } from './embedded-bus.ts';
import { connectNats, ensureEventStream, natsPublisher } from './nats.ts';
import { type NatsConsumer, startNatsConsumer } from './nats-consumer.ts';
import type { Backoff, Transact } from './outbox.ts';
import type { ReportEventError } from './receipts.ts';
import { startRelay } from './relay.ts';

export interface NatsBusOptions {
  natsUrl: string;
  stream: string;
  transact: Transact;
  relayTransact?: Transact;
  subscribers: readonly Subscriber[];
  onError: ReportEventError;
  idleMs?: number;
  backoff?: Backoff;
}

/** How often `settled` asks the server about the consumers' progress. */
const SETTLED_POLL_MS = 20;

/**
 * The production bus: the relay publishes the outbox to JetStream (event id as message id)
 * and every subscriber is a durable consumer of its own. The consumers are in place before
 * the relay starts, so that the first start's events reach them.
 */
export async function startNatsBus(options: NatsBusOptions): Promise<EventBus> {
  const { stream, transact, subscribers, onError, backoff } = options;
  const nc = await connectNats(options.natsUrl);
  const consumers: NatsConsumer[] = [];
  let jsm: JetStreamManager;
  const stopConsumers = async () => {
    for (const consumer of consumers.splice(0)) await consumer.stop();
  };
  try {
    jsm = await jetstreamManager(nc);
    await ensureEventStream(nc, stream);
    for (const { name, handler } of subscribers) {
      consumers.push(await startNatsConsumer({ nc, transact, name, handler, stream, backoff, onError }));
    }
  } catch (error) {
    await stopConsumers();
    await nc.close();
    throw error;
  }
  const relay = startRelay({
    transact: options.relayTransact ?? transact,
    publish: natsPublisher(nc, stream),
    idleMs: options.idleMs,
    onError,
  });
  /** Everything delivered, and whatever is not acknowledged yet failed here and waits for its redelivery. */
  const caughtUp = async (name: string, consumer: NatsConsumer) => {
    const info = await jsm.consumers.info(stream, name);
    return info.num_pending === 0 && info.num_ack_pending <= consumer.retrying();
  };
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    await relay.stop();
    await stopConsumers();
    await nc.close();
  };
  return {
    wake: relay.wake,
    async settled() {
      await relay.drained();
      for (const [index, consumer] of consumers.entries()) {
        while (!(await caughtUp(subscribers[index].name, consumer))) {
          await new Promise((resolve) => setTimeout(resolve, SETTLED_POLL_MS));
        }
      }
    },
    stop() {
      stopping ??= stop();
      return stopping;
    },
  };
}
