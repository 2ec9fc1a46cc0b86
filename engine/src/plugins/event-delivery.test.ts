import { type Actor, definePlugin } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { metadataDir, NOTE_ENTITY, NOTE_ROLES } from './plugin-test-support.ts';

const SYSTEM: Actor = { kind: 'system' };

describe.each(testDatabaseKinds())('durable plugin event delivery on %s', (kind) => {
  let host: TestEngine;
  let writer: TestClient;
  const created: string[] = [];
  const ponged: number[] = [];
  // Pings whose first attempt fails after the handler wrote and published.
  const failFirst = new Set<number>();

  beforeAll(async () => {
    const courier = definePlugin({
      name: 'courier',
      version: '1.0.0',
      metadata: [await metadataDir([NOTE_ENTITY, ...NOTE_ROLES])],
      events: [
        { event: 'record.created', entity: 'Note', handler: async (event) => void created.push(event.id) },
        {
          event: 'courier.ping',
          async handler(event, ctx) {
            const { n } = event.payload as { n: number };
            // Joins the delivering transaction; on PGlite a second one would wait forever.
            await ctx.transaction(SYSTEM, (data) => data.create('Note', { title: `pong ${n}` }));
            await ctx.events.publish('ponged', { n });
            if (failFirst.delete(n)) throw new Error('the first attempt fails');
          },
        },
        { event: 'courier.ponged', handler: async (event) => void ponged.push((event.payload as { n: number }).n) },
      ],
    });
    host = await startTestEngine(kind, [], {}, { plugins: [courier], log: () => {} });
    writer = await host.principal('resident', 'writer', ['note-writer']);
  });
  afterAll(() => host?.close());

  const sql = () => host.engine.live().sql();
  const context = () => host.engine.plugins.context('courier');
  const outbox = (where: string, params: unknown[]) =>
    sql().query<{ id: string; type: string; payload: Record<string, unknown>; published: boolean }>(
      `select id::text as id, type, payload, published_at is not null as published from kiban_outbox where ${where}`,
      params,
    );
  const notes = (title: string) =>
    context()
      .data(SYSTEM)
      .count('Note', { title: { eq: title } });

  it('writes a record event with its write, and none when the write rolls back', async () => {
    const response = await writer.request('POST', '/api/data/Note', { body: { title: 'kept', author: 'Sato' } });
    expect(response.status).toBe(201);
    const events = await outbox(`payload->>'id' = ?`, [response.body.id]);
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe('record.created');
    // Which record and who wrote it, never the values.
    expect(Object.keys(events[0].payload).sort()).toEqual(['actor', 'entity', 'id', 'version']);
    expect(events[0].payload).toMatchObject({ entity: 'Note', version: 1, actor: { kind: 'principal' } });

    let rolledBack = '';
    const failed = context().transaction(SYSTEM, async (data) => {
      rolledBack = String((await data.create('Note', { title: 'rolled back' })).id);
      throw new Error('changed my mind');
    });
    await expect(failed).rejects.toThrow('changed my mind');
    expect(rolledBack).not.toBe('');
    expect(await outbox(`payload->>'id' = ?`, [rolledBack])).toEqual([]);
  });

  it('applies an event once per handler, also when it is delivered again', async () => {
    const response = await writer.request('POST', '/api/data/Note', { body: { title: 'twice' } });
    await host.engine.plugins.settled();
    const [event] = await outbox(`payload->>'id' = ?`, [response.body.id]);
    expect(event.published).toBe(true);
    expect(created.filter((id) => id === event.id)).toHaveLength(1);

    // As if the relay had died after handing the event on and before marking it published.
    await sql().run('update kiban_outbox set published_at = null where id = ?', [event.id]);
    await host.engine.plugins.settled();
    expect((await outbox('id = ?', [event.id]))[0].published).toBe(true);
    expect(created.filter((id) => id === event.id)).toHaveLength(1);
    const receipts = await sql().query<{ consumer: string }>(
      'select consumer from kiban_event_receipt where event_id = ? order by consumer',
      [event.id],
    );
    // Every handler is receipted, also those the event does not match.
    expect(receipts.map((row) => row.consumer)).toEqual(['plugin_courier_0', 'plugin_courier_1', 'plugin_courier_2']);
  });

  it("commits a handler's writes and published events with its receipt, and nothing of a failed attempt", async () => {
    failFirst.add(1);
    await context().events.publish('ping', { n: 1 });
    await host.engine.plugins.settled();
    const [ping] = await outbox(`type = 'courier.ping' and payload->>'n' = '1'`, []);
    expect(failFirst.has(1)).toBe(false);
    expect(await notes('pong 1')).toBe(0);
    expect(await outbox(`type = 'courier.ponged'`, [])).toEqual([]);
    expect(await receiptsOf(ping.id, 'plugin_courier_1')).toBe(0);

    // The retry comes after the back-off (a second) and goes through.
    await vi.waitFor(() => expect(ponged).toEqual([1]), { timeout: 10_000, interval: 100 });
    await host.engine.plugins.settled();
    expect(await notes('pong 1')).toBe(1);
    expect(await outbox(`type = 'courier.ponged'`, [])).toHaveLength(1);
    expect(await receiptsOf(ping.id, 'plugin_courier_1')).toBe(1);
  });

  const receiptsOf = async (eventId: string, consumer: string) => {
    const [row] = await sql().query<{ n: number }>(
      'select count(*)::int as n from kiban_event_receipt where event_id = ? and consumer = ?',
      [eventId, consumer],
    );
    return Number(row.n);
  };
});
