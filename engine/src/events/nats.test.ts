import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectNats, decodeEvent, ensureDurableConsumer, ensureEventStream, natsPublisher } from './nats.ts';
import { type NatsConsumer, startNatsConsumer } from './nats-consumer.ts';
import { countUnpublished } from './outbox.ts';
import { applyBatchOnce } from './receipts.ts';
import { type PublishBatch, type Relay, relayBatch, startRelay } from './relay.ts';
import { type EventsTestDatabase, openEventsTestDatabase } from './test-support.ts';

const natsUrl = process.env.KIBAN_TEST_NATS_URL;
const runs = natsUrl !== undefined && process.env.KIBAN_TEST_DATABASE_URL !== undefined;

describe.runIf(runs)('durable events over NATS JetStream on postgres', () => {
  let t: EventsTestDatabase;
  let nc: NatsConnection;
  // A stream of its own per test, so that runs never see each other's messages.
  let stream: string;
  const running: { stop(): Promise<void> }[] = [];
  beforeEach(async () => {
    t = await openEventsTestDatabase('postgres');
    nc = await connectNats(natsUrl as string);
    stream = `KIBAN_T_${randomBytes(6).toString('hex').toUpperCase()}`;
    await ensureEventStream(nc, stream);
  });
  afterEach(async () => {
    for (const each of running.splice(0).reverse()) await each.stop();
    await (await jetstreamManager(nc)).streams.delete(stream);
    await nc.close();
    await t.close();
  });

  const storedMessages = async () => (await (await jetstreamManager(nc)).streams.info(stream)).state.messages;
  const relay = (): Relay => {
    const started = startRelay({ transact: t.transact, publish: natsPublisher(nc, stream), batchSize: 50, idleMs: 20 });
    running.push(started);
    return started;
  };
  const consume = async (name: string, fail?: (id: string) => boolean): Promise<NatsConsumer> => {
    const started = await startNatsConsumer({
      nc,
      transact: t.transact,
      name,
      stream,
      handler: t.effectHandler(fail),
      ackWaitMs: 1000,
      backoff: { baseMs: 50, maxMs: 50 },
    });
    running.push(started);
    return started;
  };
  const expectAppliedOnce = async (count: number) => {
    await vi.waitFor(async () => expect((await t.effects()).size).toBe(count), { timeout: 15_000, interval: 100 });
    const effects = await t.effects();
    expect([...effects.values()].filter((n) => n !== 1)).toEqual([]);
    const [receipts] = await t.db.sql.query<{ n: number }>('select count(*)::int as n from kiban_event_receipt');
    expect(Number(receipts.n)).toBe(count);
  };

  it('loses nothing and applies nothing twice when the relay dies mid-batch and restarts', async () => {
    await t.append(200);
    const publish = natsPublisher(nc, stream);
    let published = 0;
    const dying: PublishBatch = async (events, sql) => {
      for (const event of events) {
        if (published === 70) throw new Error('relay killed');
        await publish([event], sql);
        published++;
      }
      return [];
    };
    await expect(relayBatch(t.transact, dying, 100)).rejects.toThrow('relay killed');
    expect(await storedMessages()).toBe(70);
    expect(await countUnpublished(t.db.sql)).toBe(200);

    await consume('fault-test');
    await relay().drained();
    expect(await countUnpublished(t.db.sql)).toBe(0);
    // The 70 published before the crash went out again and the stream dropped them by msgID.
    expect(await storedMessages()).toBe(200);
    await expectAppliedOnce(200);
  });

  it('redelivers what a consumer applied but did not acknowledge, and the receipt skips it', async () => {
    await t.append(10);
    await relayBatch(t.transact, natsPublisher(nc, stream), 100);
    await ensureDurableConsumer(nc, 'crashy', { stream, ackWaitMs: 1000 });
    const consumer = await jetstream(nc).consumers.get(stream, 'crashy');
    const fetched = await consumer.fetch({ max_messages: 10, expires: 2000 });
    const events = [];
    for await (const message of fetched) events.push(decodeEvent(message.data));
    expect(events).toHaveLength(10);
    // Applied and committed, then the process "crashed" before acknowledging.
    await applyBatchOnce(t.transact, 'crashy', events, t.effectHandler());

    await consume('crashy');
    await vi.waitFor(
      async () => {
        const info = await (await jetstreamManager(nc)).consumers.info(stream, 'crashy');
        // Each redelivery takes a consumer sequence number of its own: 10 first, 10 again.
        expect(info.delivered.consumer_seq).toBe(20);
        expect(info.num_ack_pending + info.num_pending).toBe(0);
      },
      { timeout: 15_000, interval: 100 },
    );
    await expectAppliedOnce(10);
  });

  it('retries an event whose handler failed instead of losing it', async () => {
    const attempts = new Map<string, number>();
    await consume('flaky', (id) => {
      attempts.set(id, (attempts.get(id) ?? 0) + 1);
      return attempts.get(id) === 1;
    });
    relay();
    await t.append(5);
    await expectAppliedOnce(5);
    expect([...attempts.values()].every((n) => n === 2)).toBe(true);
  });
});
