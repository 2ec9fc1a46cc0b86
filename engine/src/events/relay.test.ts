import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/databases.ts';
import { countUnpublished } from './outbox.ts';
import { type PublishBatch, relayBatch } from './relay.ts';
import { type EventsTestDatabase, openEventsTestDatabase } from './test-support.ts';

describe.each(testDatabaseKinds())('outbox relay on %s', (kind) => {
  let t: EventsTestDatabase;
  beforeEach(async () => {
    t = await openEventsTestDatabase(kind);
  });
  afterEach(() => t.close());

  it('lets two relays (two engine nodes) share the outbox without publishing a row twice', async () => {
    await t.append(300);
    const published: string[] = [];
    // Slow enough that both relays hold locked batches at the same time on a server.
    const publish: PublishBatch = async (events) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      published.push(...events.map((event) => event.id));
      return [];
    };
    const drain = async () => {
      while ((await relayBatch(t.transact, publish, 40)).published > 0);
    };
    await Promise.all([drain(), drain()]);
    expect(published).toHaveLength(300);
    expect(new Set(published).size).toBe(300);
    expect(await countUnpublished(t.db.sql)).toBe(0);
  });

  it('leaves the whole batch in the outbox when publishing fails', async () => {
    await t.append(5);
    const failing: PublishBatch = async () => {
      throw new Error('NATS is down');
    };
    await expect(relayBatch(t.transact, failing, 10)).rejects.toThrow('NATS is down');
    expect(await countUnpublished(t.db.sql)).toBe(5);
  });
});
