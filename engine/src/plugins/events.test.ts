import { type Actor, definePlugin, type PluginEvent, type RecordEventPayload } from '@kiban/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { matches } from './events.ts';
import type { LogEntry } from './logger.ts';
import { metadataDir, NOTE_ENTITY, NOTE_ROLES } from './plugin-test-support.ts';

const SYSTEM: Actor = { kind: 'system' };

describe('matches', () => {
  const event = (type: string, entity?: string): PluginEvent => ({ type, id: 'e', at: '', entity, payload: {} });
  it('takes an exact type, a prefix ending in *, or *, and narrows record events to an entity', () => {
    expect(matches({ event: 'record.created' }, event('record.created', 'Note'))).toBe(true);
    expect(matches({ event: 'record.*' }, event('record.deleted', 'Note'))).toBe(true);
    expect(matches({ event: '*' }, event('desk.opened'))).toBe(true);
    expect(matches({ event: 'record.*' }, event('records.created'))).toBe(false);
    expect(matches({ event: 'record.created', entity: 'Note' }, event('record.created', 'Memo'))).toBe(false);
  });
});

describe.each(testDatabaseKinds())('plugin events on %s', (kind) => {
  let host: TestEngine;
  let writer: TestClient;
  let writerId: string;
  const seen: string[] = [];
  const logs: LogEntry[] = [];

  beforeAll(async () => {
    const watch = definePlugin({
      name: 'watch',
      version: '1.0.0',
      metadata: [await metadataDir([NOTE_ENTITY, ...NOTE_ROLES])],
      events: [
        {
          event: 'record.created',
          entity: 'Note',
          async handler(event, ctx) {
            const { id, actor, version } = event.payload as RecordEventPayload;
            // Delivered after the commit, in a transaction of its own: the record is there to be read.
            const note = await ctx.data(SYSTEM).get('Note', id);
            seen.push(`${event.type} ${note.title} v${version} by ${actor.kind === 'principal' ? actor.id : 'system'}`);
          },
        },
        {
          event: 'watch.*',
          handler: async (event) => void seen.push(`${event.type} ${JSON.stringify(event.payload)}`),
        },
        {
          event: 'watch.noted',
          handler: async () => {
            throw new Error('this handler always fails');
          },
        },
      ],
    });
    host = await startTestEngine(kind, [], {}, { plugins: [watch], log: (entry) => logs.push(entry) });
    writer = await host.principal('resident', 'writer', ['note-writer']);
    writerId = (await writer.request('GET', '/api/auth/me')).body.principal.id;
  });
  afterAll(() => host?.close());
  beforeEach(() => {
    seen.length = 0;
  });

  const context = () => host.engine.plugins.context('watch');

  it('delivers record.created of a REST write once it has committed', async () => {
    expect((await writer.request('POST', '/api/data/Note', { body: { title: 'from REST' } })).status).toBe(201);
    await host.engine.plugins.settled();
    expect(seen).toEqual([`record.created from REST v1 by ${writerId}`]);
  });

  it('holds the events of a plugin transaction until it commits', async () => {
    await context().transaction(SYSTEM, async (data) => {
      await data.create('Note', { title: 'in a transaction' });
      await context().events.publish('noted', { count: 1 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).toEqual([]);
    });
    await host.engine.plugins.settled();
    expect(seen.sort()).toEqual(['record.created in a transaction v1 by system', 'watch.noted {"count":1}']);
  });

  it('drops the events of a transaction that rolls back', async () => {
    const failed = context().transaction(SYSTEM, async (data) => {
      await data.create('Note', { title: 'rolled back' });
      await context().events.publish('watch.noted', { count: 2 });
      throw new Error('changed my mind');
    });
    await expect(failed).rejects.toThrow('changed my mind');
    await host.engine.plugins.settled();
    expect(seen).toEqual([]);
    expect(
      await context()
        .data(SYSTEM)
        .count('Note', { title: { eq: 'rolled back' } }),
    ).toBe(0);
  });

  it('keeps delivering to other handlers when one always fails, logs the failure, and settles all the same', async () => {
    await context().events.publish('noted', { count: 3 });
    // The failing handler has been tried once; its retries (backed off) do not hold settled() up.
    await host.engine.plugins.settled();
    expect(seen).toEqual(['watch.noted {"count":3}']);
    expect(logs.at(-1)).toMatchObject({
      level: 'error',
      plugin: 'watch',
      message: 'event handler failed',
      fields: { event: 'watch.noted', error: 'this handler always fails' },
    });
  });
});
