import { definePlugin } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import type { LogEntry } from './logger.ts';
import { metadataDir, NOTE_ENTITY, NOTE_ROLES } from './plugin-test-support.ts';

const HEADER = 'kiban-on-behalf-of';
const NOBODY = '00000000-0000-4000-8000-000000000000';

interface AuditItem {
  principalId: string;
  action: string;
  entity: string | null;
  recordIds: string[];
  detail: Record<string, unknown>;
}

describe.each(testDatabaseKinds())('acting for another principal on %s', (kind) => {
  let host: TestEngine;
  let admin: TestClient;
  let parent: TestClient;
  let child: TestClient;
  let stranger: TestClient;
  const ids: Record<string, string> = {};
  /** `<actor>:<subject>` pairs the guardians plugin allows, for reads and creates only. */
  const allowed = new Set<string>();
  const logs: LogEntry[] = [];

  beforeAll(async () => {
    const guardians = definePlugin({
      name: 'guardians',
      version: '1.0.0',
      metadata: [await metadataDir([NOTE_ENTITY, ...NOTE_ROLES])],
      delegation: {
        allows: async ({ actor, subject, action }) =>
          allowed.has(`${actor.id}:${subject}`) && (action === 'read' || action === 'create'),
      },
    });
    const broken = definePlugin({
      name: 'broken',
      version: '1.0.0',
      delegation: {
        allows: async () => {
          throw new Error('the link table is gone');
        },
      },
    });
    host = await startTestEngine(kind, [], {}, { plugins: [broken, guardians], log: (entry) => logs.push(entry) });
    admin = await host.signIn('admin', 'test-admin-password');
    const resident = async (name: string) => {
      const client = await host.principal('resident', `delegation-${name}`, ['note-writer']);
      ids[name] = (await client.request('GET', '/api/auth/me')).body.principal.id;
      return client;
    };
    parent = await resident('parent');
    child = await resident('child');
    stranger = await resident('stranger');
  }, 120_000);
  afterAll(() => host?.close());

  const auditOf = async (principal: string): Promise<AuditItem[]> =>
    (await admin.request('GET', `/api/audit?principalId=${principal}&limit=20`)).body.items;

  it('lets an allowed principal create and read the other’s records, audited as acting for them', async () => {
    expect((await child.request('POST', '/api/data/Note', { body: { title: '自分のメモ' } })).status).toBe(201);
    expect((await parent.request('POST', '/api/data/Note', { body: { title: '親のメモ' } })).status).toBe(201);
    allowed.add(`${ids.parent}:${ids.child}`);
    const created = await parent.request('POST', '/api/data/Note', {
      body: { title: '代理のメモ', author: '親' },
      headers: { [HEADER]: ids.child },
    });
    expect(created.status).toBe(201);
    expect(created.body.owner).toBe(ids.child);
    const childList = await child.request('GET', '/api/data/Note');
    expect((childList.body.items as { title: string }[]).map((note) => note.title).sort()).toEqual([
      '代理のメモ',
      '自分のメモ',
    ]);
    const readForChild = await parent.request('GET', '/api/data/Note', { headers: { [HEADER]: ids.child } });
    expect(readForChild.status).toBe(200);
    expect((readForChild.body.items as { owner: string }[]).every((note) => note.owner === ids.child)).toBe(true);
    expect(readForChild.body.items).toHaveLength(2);
    const own = await parent.request('GET', '/api/data/Note');
    expect((own.body.items as { title: string }[]).map((note) => note.title)).toEqual(['親のメモ']);

    const trail = await auditOf(ids.parent);
    const create = trail.find((entry) => entry.action === 'create' && entry.recordIds[0] === created.body.id);
    expect(create?.detail).toMatchObject({ onBehalfOf: ids.child, delegation: 'guardians' });
    const read = trail.find((entry) => entry.action === 'read' && entry.entity === 'Note');
    expect(read?.detail).toMatchObject({ onBehalfOf: ids.child, delegation: 'guardians' });
    expect(read?.recordIds).toHaveLength(2);
    // The child's trail holds only what the child did.
    expect((await auditOf(ids.child)).filter((entry) => entry.detail.onBehalfOf !== undefined)).toEqual([]);
    // The failing plugin was asked, logged, and allowed nothing; the other plugin decided.
    expect(logs.some((entry) => entry.plugin === 'broken' && entry.message === 'delegation failed')).toBe(true);
  });

  it('refuses what the plugin does not allow with one answer that tells nobody apart, and changes nothing', async () => {
    const count = async () => (await child.request('GET', '/api/data/Note')).body.items.length;
    const before = await count();
    const attempts = [
      stranger.request('POST', '/api/data/Note', { body: { title: 'x' }, headers: { [HEADER]: ids.child } }),
      stranger.request('POST', '/api/data/Note', { body: { title: 'x' }, headers: { [HEADER]: NOBODY } }),
      stranger.request('POST', '/api/data/Note', { body: { title: 'x' }, headers: { [HEADER]: 'not-an-id' } }),
      parent.request('POST', '/api/data/Note', { body: { title: 'x' }, headers: { [HEADER]: ids.parent } }),
      parent.request('GET', '/api/data/Note', { headers: { [HEADER]: ids.stranger } }),
    ];
    const answers = await Promise.all(attempts);
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual(answers[0].body);
    }
    expect(answers[0].body.code).toBe('access.delegationDenied');
    const [note] = (await child.request('GET', '/api/data/Note')).body.items as { id: string; version: number }[];
    const update = await parent.request('PATCH', `/api/data/Note/${note.id}`, {
      body: { title: '書き換え' },
      headers: { [HEADER]: ids.child, 'if-match': `"${note.version}"` },
    });
    expect(update.status).toBe(403);
    expect(await count()).toBe(before);
    const denied = (await auditOf(ids.stranger)).filter((entry) => entry.action === 'access.denied');
    expect(denied.map((entry) => entry.detail.reason)).toContain('access.delegationDenied');
  });

  it('stops at once when the plugin no longer allows it', async () => {
    allowed.delete(`${ids.parent}:${ids.child}`);
    const read = await parent.request('GET', '/api/data/Note', { headers: { [HEADER]: ids.child } });
    expect(read.status).toBe(403);
  });
});
