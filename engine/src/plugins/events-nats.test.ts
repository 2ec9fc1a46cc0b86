import { randomBytes } from 'node:crypto';
import { type Actor, definePlugin, type RecordEventPayload } from '@kiban/sdk';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNats } from '../events/index.ts';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import type { LogEntry } from './logger.ts';
import { metadataDir, NOTE_ENTITY, NOTE_ROLES } from './plugin-test-support.ts';

const natsUrl = process.env.KIBAN_TEST_NATS_URL;
const SYSTEM: Actor = { kind: 'system' };

describe.runIf(natsUrl !== undefined).each(testDatabaseKinds())('plugin events over NATS JetStream on %s', (kind) => {
  let host: TestEngine;
  let writer: TestClient;
  const seen: string[] = [];
  const logs: LogEntry[] = [];
  // A stream of its own, so that runs never see each other's events or consumers.
  const natsStream = `KIBAN_T_${randomBytes(6).toString('hex').toUpperCase()}`;

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
            const note = await ctx.data(SYSTEM).get('Note', (event.payload as RecordEventPayload).id);
            seen.push(`${event.type} ${note.title}`);
          },
        },
        {
          event: 'record.*',
          handler: async () => {
            throw new Error('this handler always fails');
          },
        },
      ],
    });
    host = await startTestEngine(kind, [], { natsUrl, natsStream }, { plugins: [watch], log: (e) => logs.push(e) });
    writer = await host.principal('resident', 'writer', ['note-writer']);
  });
  afterAll(async () => {
    await host?.close();
    const nc = await connectNats(natsUrl as string);
    await (await jetstreamManager(nc)).streams.delete(natsStream).catch(() => false);
    await nc.close();
  });

  it('delivers the event of a REST write through a durable JetStream consumer', async () => {
    expect((await writer.request('POST', '/api/data/Note', { body: { title: 'over NATS' } })).status).toBe(201);
    // One handler always fails; settled() still resolves once it has been tried.
    await host.engine.plugins.settled();
    expect(seen).toEqual(['record.created over NATS']);
    expect(logs.some((entry) => entry.message === 'event handler failed')).toBe(true);

    const nc = await connectNats(natsUrl as string);
    try {
      const jsm = await jetstreamManager(nc);
      expect((await jsm.streams.info(natsStream)).state.messages).toBeGreaterThanOrEqual(1);
      const consumers = [];
      for await (const consumer of jsm.consumers.list(natsStream)) consumers.push(consumer.name);
      expect(consumers.sort()).toEqual(['plugin_watch_0', 'plugin_watch_1']);
    } finally {
      await nc.close();
    }
  });
});
