import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetadataItem } from '../metadata/index.ts';
import { metadataDir } from '../plugins/plugin-test-support.ts';
import {
  connectRealtime,
  startTestEngine,
  type TestClient,
  type TestEngine,
  testDatabaseKinds,
} from '../testing/index.ts';
import { RECORDS_CHANGED, RECORDS_CHANNEL } from './record-notices.ts';

const PERMIT: MetadataItem = {
  kind: 'entity',
  name: 'Permit',
  label: { ja: '許可', en: 'Permit' },
  fields: [{ name: 'title', type: 'string', label: { ja: '件名', en: 'Title' }, required: true }],
};

const CLERK: MetadataItem = {
  kind: 'role',
  name: 'permit-clerk',
  label: { ja: '許可担当', en: 'Permit clerk' },
  audience: 'staff',
  permissions: [{ entity: 'Permit', actions: ['read', 'create'], where: { owner: { eq: '$user' } } }],
};

/** Dashboards hear that records of an entity changed, through the engine's `records` channel. */
describe.each(testDatabaseKinds())('record change notices on %s', (kind) => {
  let test: TestEngine;
  let baseUrl: string;
  let server: { close(): Promise<void> };
  let clerk: TestClient;
  let outsider: TestClient;

  beforeAll(async () => {
    test = await startTestEngine(kind, [await metadataDir([PERMIT, CLERK])], { port: 0 });
    const listening = await test.engine.listen();
    server = listening;
    baseUrl = `http://127.0.0.1:${listening.port}`;
    clerk = await test.principal('staff', 'clerk', ['permit-clerk']);
    outsider = await test.principal('staff', 'outsider', []);
  });
  afterAll(async () => {
    await server?.close();
    await test?.close();
  });

  it('tells a reader of the entity that its records changed, without saying which', async () => {
    const client = await connectRealtime(baseUrl, { cookie: clerk.cookie });
    try {
      await client.join(RECORDS_CHANNEL, 'Permit');
      const created = await clerk.request('POST', '/api/data/Permit', { body: { title: '道路占用' } });
      expect(created.status).toBe(201);
      const notice = await client.waitForMessage((message) => message.room === 'Permit');
      expect(notice).toMatchObject({ channel: RECORDS_CHANNEL, event: RECORDS_CHANGED, payload: { entity: 'Permit' } });
      expect(JSON.stringify(notice.payload)).not.toContain(created.body.id);
    } finally {
      client.close();
    }
  });

  it('refuses the room to whoever may not read the entity, and names no unknown entity', async () => {
    const client = await connectRealtime(baseUrl, { cookie: outsider.cookie });
    try {
      await expect(client.join(RECORDS_CHANNEL, 'Permit')).rejects.toMatchObject({ code: 'realtime.forbidden' });
      await expect(client.join(RECORDS_CHANNEL, 'Nothing')).rejects.toMatchObject({ code: 'realtime.forbidden' });
    } finally {
      client.close();
    }
  });
});
