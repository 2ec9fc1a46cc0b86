import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../engine/src/access/index.ts';
import { createRecord } from '../engine/src/records/index.ts';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
  testDatabaseKinds,
} from '../engine/src/testing/index.ts';
import { app, GUARDED, rule } from './policy-leaks/app.ts';

/**
 * Policy leaks (#10, #11): every fact kind of the rule language — a plain field, the age of a
 * date, a field behind a reference, the count of a collection — against hidden fields and
 * other wards' rows, through every place a rule runs for a caller. A leak is an answer that
 * changes when only what the caller may not read changes, so the suite looks at everything a
 * ward clerk can observe, changes only what is hidden from them, and looks again.
 */
const FACTS = {
  field: { fact: 'notes', op: 'contains', value: 'secret' },
  age: { fact: 'age', of: 'birthDate', op: 'gte', value: 18 },
  referenceHiddenField: { fact: 'household.income', op: 'gt', value: 100 },
  referenceForeignRow: { fact: 'household.ward', op: 'eq', value: 'minami' },
  count: { fact: 'count', of: 'cars', op: 'eq', value: 0 },
  visibleField: { fact: 'ward', op: 'eq', value: 'kita' },
  fieldOperand: { fact: 'ward', op: 'eq', value: { field: 'notes' } },
};

describe.each(testDatabaseKinds())('policies on every rule (#10, #11) on %s', (kind) => {
  let host: TestEngine;
  let admin: TestClient;
  let kita: TestClient;
  let minami: TestClient;
  let hanako: TestClient;
  let taro: TestClient;
  const ids: Record<string, string> = {};

  const create = async (client: TestClient, entity: string, body: object) => {
    const created = await client.request('POST', `/api/data/${entity}`, { body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const patch = async (entity: string, id: string, body: object) => {
    const current = await admin.request('GET', `/api/data/${entity}/${id}`);
    const patched = await admin.request('PATCH', `/api/data/${entity}/${id}`, {
      body,
      headers: { 'if-match': current.headers.get('etag') ?? '' },
    });
    expect(patched.status).toBe(200);
  };

  beforeAll(async () => {
    host = await startTestEngine(kind);
    admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
    const published = await admin.request('POST', '/api/metadata/publish', { body: { upserts: app } });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    kita = await host.principal('staff', 'kita', ['kita-clerk', 'ward-desk']);
    minami = await host.principal('staff', 'minami', ['minami-clerk', 'ward-desk']);
    hanako = await host.principal('resident', 'hanako', ['citizen']);
    taro = await host.principal('resident', 'taro', ['citizen']);
    ids.kitaHousehold = await create(admin, 'Household', { ward: 'kita', income: 500 });
    ids.minamiHousehold = await create(admin, 'Household', { ward: 'minami', income: 50 });
    ids.p1 = await create(admin, 'Person', {
      ward: 'kita',
      name: '山田 花子',
      notes: 'secret',
      birthDate: '1980-01-01',
      household: ids.minamiHousehold,
    });
    ids.p2 = await create(admin, 'Person', {
      ward: 'kita',
      name: '佐藤 次郎',
      notes: 'plain',
      birthDate: '2015-01-01',
      household: ids.kitaHousehold,
    });
    ids.p3 = await create(admin, 'Person', { ward: 'minami', name: '田中', household: ids.minamiHousehold });
    ids.minamiCar = await create(admin, 'Car', { ward: 'minami', person: ids.p1 });
    ids.taroHousehold = await create(taro, 'Household', { ward: 'nishi', income: 1 });
    ids.hanakoHousehold = await create(hanako, 'Household', { ward: 'nishi', income: 1 });
    ids.hanakoPerson = await create(hanako, 'Person', { ward: 'nishi', household: ids.hanakoHousehold });
  });
  afterAll(() => host.close());

  /** Everything the kita clerk can see through rules: previews, lists, guards, the inbox. */
  async function observe() {
    const seen: Record<string, unknown> = {};
    for (const [name, condition] of Object.entries(FACTS)) {
      const preview = await kita.request('POST', '/api/segments/preview', { body: { rule: rule('probe', condition) } });
      seen[`preview:${name}`] = [preview.status, preview.body.count ?? preview.body.code];
    }
    for (const guard of Object.values(GUARDED)) {
      const published = await kita.request('POST', `/api/segments/${guard}/preview`);
      seen[`published:${guard}`] = [published.status, published.body.count ?? published.body.code];
    }
    const list = await kita.request('GET', '/api/data/Person?sort=id');
    seen.list = list.body.items.map((person: { id: string }) => person.id);
    for (const person of ['p1', 'p2']) {
      const status = await kita.request('GET', `/api/workflows/Person/${ids[person]}`);
      seen[`transitions:${person}`] = status.body.transitions.map((each: { name: string }) => each.name);
    }
    const tasks = await kita.request('GET', '/api/tasks');
    seen.inbox = tasks.body.items.map((task: { recordId: string }) => task.recordId).sort();
    return seen;
  }

  /** Changes only what the kita clerk may not read: hidden fields, other wards' rows. */
  async function changeWhatIsHidden() {
    await patch('Person', ids.p1, { notes: 'plain', birthDate: '2020-02-02' });
    await patch('Person', ids.p2, { notes: 'secret', birthDate: '1950-05-05' });
    await patch('Household', ids.kitaHousehold, { income: 5 });
    await patch('Household', ids.minamiHousehold, { ward: 'nishi', income: 900 });
    await create(admin, 'Car', { ward: 'minami', person: ids.p2 });
    await create(admin, 'Person', { ward: 'minami', name: '新しい人' });
  }

  it('gives the kita clerk the same answers whatever happens to what they may not read', async () => {
    const before = await observe();
    expect(before).toMatchObject({
      'preview:field': [403, 'access.fieldHidden'],
      'preview:age': [403, 'access.fieldHidden'],
      'preview:referenceHiddenField': [403, 'access.fieldHidden'],
      // P1's household is minami's: to the kita clerk it has no ward at all.
      'preview:referenceForeignRow': [200, 0],
      // P1's only car is minami's, so for the kita clerk both kita persons have none.
      'preview:count': [200, 2],
      'preview:visibleField': [200, 2],
      'preview:fieldOperand': [403, 'access.fieldHidden'],
      'published:hidden-notes': [403, 'access.fieldHidden'],
      'published:kita-household': [200, 1],
      list: [ids.p1, ids.p2].sort(),
      'transitions:p1': ['noCars'],
      'transitions:p2': ['noCars', 'kitaHousehold'],
      inbox: [ids.p1, ids.p2].sort(),
    });
    await changeWhatIsHidden();
    expect(await observe()).toEqual(before);
  });

  it('refuses a guard that reads hidden data, whatever the data says', async () => {
    const refused = await kita.request('POST', `/api/workflows/Person/${ids.p2}/transitions/richHousehold`, {
      body: {},
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('workflow.guardFailed');
  });

  it('needs metadata.publish to preview a rule that is not published', async () => {
    const refused = await hanako.request('POST', '/api/segments/preview', {
      body: { rule: rule('probe', FACTS.field) },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('access.denied');
  });

  it('keeps the inbox of each ward to its own records, reassignment included', async () => {
    const minamiTasks = (await minami.request('GET', '/api/tasks')).body.items;
    expect(minamiTasks.map((task: { recordId: string }) => task.recordId)).toContain(ids.p3);
    expect(minamiTasks.map((task: { recordId: string }) => task.recordId)).not.toContain(ids.p1);
    const foreign = minamiTasks.find((task: { recordId: string }) => task.recordId === ids.p3);
    const reassigned = await kita.request('POST', `/api/tasks/${foreign.id}/reassign`, {
      body: { assignTo: { role: 'kita-clerk' } },
    });
    expect(reassigned.status).toBe(404);
  });

  it('answers a reference to an unreadable row exactly like one to a missing row, on create and update', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const attempt = (household: string) =>
      hanako.request('POST', '/api/data/Person', { body: { ward: 'nishi', household } });
    const foreign = await attempt(ids.taroHousehold);
    const missing = await attempt(unknown);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect(foreign.body.code).toBe('record.referenceNotFound');

    const current = await hanako.request('GET', `/api/data/Person/${ids.hanakoPerson}`);
    const update = (household: string) =>
      hanako.request('PATCH', `/api/data/Person/${ids.hanakoPerson}`, {
        body: { household },
        headers: { 'if-match': current.headers.get('etag') ?? '' },
      });
    const foreignUpdate = await update(ids.taroHousehold);
    expect(foreignUpdate.status).toBe(404);
    expect(foreignUpdate.body).toEqual((await update(unknown)).body);
    expect((await hanako.request('GET', `/api/data/Person/${ids.hanakoPerson}`)).body.household).toBe(
      ids.hanakoHousehold,
    );
  });

  it('lets an update send back a reference it does not change, even to a row the writer may not read', async () => {
    const current = await kita.request('GET', `/api/data/Person/${ids.p1}`);
    expect(current.body.household).toBe(ids.minamiHousehold);
    const saved = await kita.request('PATCH', `/api/data/Person/${ids.p1}`, {
      body: { name: '山田 花子', household: ids.minamiHousehold },
      headers: { 'if-match': current.headers.get('etag') ?? '' },
    });
    expect(saved.status).toBe(200);
  });

  it("lists in /api/workflows/mine only the caller's own readable records", async () => {
    const mine = (await hanako.request('GET', '/api/workflows/mine')).body.items;
    expect(mine.map((record: { id: string }) => record.id)).toEqual([ids.hanakoPerson]);
  });

  it('applies the same rule to plugin data access (ctx.data)', async () => {
    const me = (await hanako.request('GET', '/api/auth/me')).body.principal as Principal;
    const scope = { live: host.engine.live(), principal: me, plugin: { name: 'probe', system: false } };
    const refusal = (household: string) =>
      createRecord(scope, 'Person', { ward: 'nishi', household }).then(
        () => null,
        (error) => ({ status: error.status, code: error.code, details: error.details }),
      );
    const foreign = await refusal(ids.taroHousehold);
    expect(foreign).toMatchObject({ status: 404, code: 'record.referenceNotFound' });
    expect(foreign).toEqual(await refusal('00000000-0000-4000-8000-000000000001'));
  });

  it('audits refused data requests and segment reads over personal data, never values', async () => {
    const hanakoId = (await hanako.request('GET', '/api/auth/me')).body.principal.id;
    expect((await hanako.request('GET', '/api/data/Person?filter[notes][contains]=x')).status).toBe(403);
    expect((await hanako.request('GET', `/api/data/Person/${ids.p1}`)).status).toBe(404);
    const trail = (await admin.request('GET', `/api/audit?principalId=${hanakoId}`)).body.items;
    const denied = trail.filter((entry: { action: string }) => entry.action === 'access.denied');
    expect(denied).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          entity: 'Person',
          fields: ['notes'],
          detail: expect.objectContaining({ reason: 'access.fieldHidden' }),
        }),
        expect.objectContaining({
          entity: 'Person',
          recordIds: [ids.p1],
          detail: expect.objectContaining({ reason: 'hiddenByRowPolicy' }),
        }),
        expect.objectContaining({ fields: ['household'], detail: expect.objectContaining({ target: 'Household' }) }),
      ]),
    );
    expect(JSON.stringify(trail)).not.toContain('secret');

    const named = await kita.request('POST', '/api/segments/preview', {
      body: { rule: rule('named', { fact: 'name', op: 'contains', value: '山田' }) },
    });
    expect(named.status).toBe(200);
    const kitaId = (await kita.request('GET', '/api/auth/me')).body.principal.id;
    const reads = (await admin.request('GET', `/api/audit?principalId=${kitaId}`)).body.items;
    expect(reads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'segment.read',
          entity: 'Person',
          fields: ['name'],
          detail: { rule: 'named' },
        }),
      ]),
    );
    expect(JSON.stringify(reads)).not.toContain('山田');
  });
});
