import { type JsMsg, jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { decodeEvent, EVENT_STREAM, ensureDurableConsumer } from './nats.ts';
import { type Backoff, DEFAULT_BACKOFF, type Transact } from './outbox.ts';
import { applyEachOnce, type EventHandler, type ReportEventError } from './receipts.ts';

export interface NatsConsumerOptions {
  nc: NatsConnection;
  transact: Transact;
  /** The durable consumer's name; it is also the receipt's consumer. */
  name: string;
  handler: EventHandler;
  stream?: string;
  /** Subject filter below the stream's prefix, e.g. `record.>`. */
  filter?: string;
  ackWaitMs?: number;
  /** Delay before a failed event is redelivered, doubling with each delivery. */
  backoff?: Backoff;
  /** Most events applied in one transaction. */
  batchSize?: number;
  onError?: ReportEventError;
}

const NOT_YET = Symbol('not yet');
const nextTurn = () => new Promise<typeof NOT_YET>((resolve) => setImmediate(resolve, NOT_YET));

export interface NatsConsumer {
  /** How many events this consumer failed and has not applied since: they wait for their redelivery. */
  retrying(): number;
  stop(): Promise<void>;
}

/**
 * Consumes the durable consumer `name`: events are applied once (see `applyBatchOnce`) and
 * acknowledged only after their transaction committed, so a crash before the ack redelivers
 * events their receipts then skip. A failing event is negatively acknowledged and retried.
 * Whatever has arrived is applied together, up to `batchSize`.
 */
export async function startNatsConsumer(options: NatsConsumerOptions): Promise<NatsConsumer> {
  const { nc, transact, name, handler, stream = EVENT_STREAM, backoff = DEFAULT_BACKOFF } = options;
  const { batchSize = 500, onError = () => {} } = options;
  await ensureDurableConsumer(nc, name, { stream, filter: options.filter, ackWaitMs: options.ackWaitMs });
  const consumer = await jetstream(nc).consumers.get(stream, name);
  const messages = await consumer.consume({ max_messages: batchSize * 2 });
  const iterator = messages[Symbol.asyncIterator]();
  // Stream sequences of the events whose last delivery failed.
  const retrying = new Set<number>();
  const apply = async (batch: readonly JsMsg[]) => {
    const events = batch.map((message) => decodeEvent(message.data));
    const failed = await applyEachOnce(transact, name, events, handler).catch((error: unknown) => {
      // The database itself failed: nothing was applied, so all of them come again.
      onError(error);
      return new Map(events.map((event) => [event, error]));
    });
    batch.forEach((message, index) => {
      const event = events[index];
      if (failed.has(event)) {
        onError(failed.get(event), { subscriber: name, event });
        retrying.add(message.seq);
        message.nak(retryDelay(backoff, message.info.deliveryCount));
      } else {
        retrying.delete(message.seq);
        message.ack();
      }
    });
  };
  const loop = (async () => {
    let next = iterator.next();
    for (;;) {
      const first = await next;
      if (first.done) return;
      next = iterator.next();
      // Gather what has already arrived, without waiting for more: `messages.getPending()`
      // is no guide (waiting on it stalled until a pull request expired, 30 s).
      const batch: JsMsg[] = [first.value];
      let ended = false;
      while (batch.length < batchSize) {
        const ready = await Promise.race([next, nextTurn()]);
        if (ready === NOT_YET) break;
        if (ready.done) {
          ended = true;
          break;
        }
        next = iterator.next();
        batch.push(ready.value);
      }
      await apply(batch);
      if (ended) return;
    }
  })();
  return {
    retrying: () => retrying.size,
    async stop() {
      await messages.close();
      await loop;
    },
  };
}

function retryDelay({ baseMs, maxMs }: Backoff, deliveries: number): number {
  return Math.min(baseMs * 2 ** Math.min(deliveries - 1, 30), maxMs);
}
