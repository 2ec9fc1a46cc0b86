import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../api/api-test-support.ts';
import { metadataDir } from '../plugins/plugin-test-support.ts';
import { shiftBusinessDays } from '../rules/business-days.ts';
import { addDays, evaluationDate } from '../rules/index.ts';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
  testDatabaseKinds,
} from '../testing/index.ts';
import { WARD_APP } from './ward-policy.fixture.ts';

describe.each(testDatabaseKinds())('row policies on principal attributes and references, and locks, on %s', (kind) => {
  let host: TestEngine;
  let admin: TestClient;
  let kita: TestClient;
  let noWard: TestClient;
  const requests: Record<string, string> = {};
  const items: Record<string, string> = {};

  /** A PATCH with the If-Match of the record's current version, read as the administrator. */
  const patch = async (client: TestClient, path: string, body: Record<string, unknown>) => {
    const { version } = (await admin.request('GET', path)).body;
    return client.request('PATCH', path, { body, headers: { 'if-match': `"${version}"` } });
  };
  const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((item) => item.id).sort();

  beforeAll(async () => {
    host = await startTestEngine(kind, [await metadataDir(WARD_APP)], {}, { log: () => {} });
    admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
    kita = await host.principal('staff', 'kita-office', ['cleaning-office'], { attributes: { ward: 'kita' } });
    noWard = await host.principal('staff', 'new-office', ['cleaning-office']);
    for (const ward of ['kita', 'minami']) {
      const request = await admin.request('POST', '/api/data/WasteRequest', { body: { ward } });
      expect(request.status).toBe(201);
      requests[ward] = request.body.id;
      const item = await admin.request('POST', '/api/data/WasteItem', {
        body: { request: request.body.id, name: `${ward} sofa` },
      });
      expect(item.status).toBe(201);
      items[ward] = item.body.id;
    }
  });
  afterAll(() => host.close());

  it('lets an administrator set only declared attributes, with declared values, on staff', async () => {
    const { body: list } = await admin.request('GET', '/api/admin/principals');
    const office = list.items.find((p: { username: string }) => p.username === 'new-office');
    expect(office.attributes).toEqual({});
    const unknown = await admin.request('PUT', `/api/admin/principals/${office.id}/attributes`, {
      body: { attributes: { district: 'kita' } },
    });
    expectProblem(unknown, 422, 'request.invalid', [{ pointer: '/attributes/district', code: 'attribute.unknown' }]);
    const badValue = await admin.request('PUT', `/api/admin/principals/${office.id}/attributes`, {
      body: { attributes: { ward: 'higashi' } },
    });
    expectProblem(badValue, 422, 'request.invalid', [{ pointer: '/attributes/ward', code: 'attribute.invalidValue' }]);
    const resident = await admin.request('POST', '/api/admin/principals', {
      body: { kind: 'resident', username: 'resident-with-ward', roles: [], attributes: { ward: 'kita' } },
    });
    expectProblem(resident, 422, 'request.invalid', [{ pointer: '/attributes/ward', code: 'attribute.staffOnly' }]);
    const { body: after } = await admin.request('GET', '/api/admin/principals');
    expect(after.items.find((p: { username: string }) => p.username === 'new-office').attributes).toEqual({});
    expect(after.items.some((p: { username: string }) => p.username === 'resident-with-ward')).toBe(false);
  });

  it('shows ward staff only their ward: list, get, update and create', async () => {
    expect(ids(await kita.request('GET', '/api/data/WasteRequest'))).toEqual([requests.kita]);
    expect((await kita.request('GET', `/api/data/WasteRequest/${requests.kita}`)).status).toBe(200);
    expectProblem(await kita.request('GET', `/api/data/WasteRequest/${requests.minami}`), 404, 'record.notFound');
    const updated = await patch(kita, `/api/data/WasteRequest/${requests.kita}`, { note: '2 階' });
    expect(updated.status).toBe(200);
    expect(updated.body.note).toBe('2 階');
    const foreign = await patch(kita, `/api/data/WasteRequest/${requests.minami}`, { note: 'x' });
    expectProblem(foreign, 404, 'record.notFound');
    const moved = await patch(kita, `/api/data/WasteRequest/${requests.kita}`, { ward: 'minami' });
    expectProblem(moved, 403, 'access.rowDenied');
    expectProblem(
      await kita.request('POST', '/api/data/WasteRequest', { body: { ward: 'minami' } }),
      403,
      'access.rowDenied',
    );
    expect((await admin.request('GET', `/api/data/WasteRequest/${requests.minami}`)).body.note).toBeNull();
    expect((await admin.request('GET', `/api/data/WasteRequest/${requests.kita}`)).body.ward).toBe('kita');
  });

  it('follows one reference step: items are visible and writable only under a request of the ward', async () => {
    expect(ids(await kita.request('GET', '/api/data/WasteItem'))).toEqual([items.kita]);
    expectProblem(await kita.request('GET', `/api/data/WasteItem/${items.minami}`), 404, 'record.notFound');
    const renamed = await patch(kita, `/api/data/WasteItem/${items.kita}`, { name: 'ソファ' });
    expect(renamed.status).toBe(200);
    expectProblem(await patch(kita, `/api/data/WasteItem/${items.minami}`, { name: 'x' }), 404, 'record.notFound');
    // A request of another ward is one kita may not read: pointing at it answers as a missing row would.
    expectProblem(
      await kita.request('POST', '/api/data/WasteItem', { body: { request: requests.minami, name: 'x' } }),
      404,
      'record.referenceNotFound',
      [{ pointer: '/request', code: 'record.referenceNotFound' }],
    );
    expectProblem(
      await patch(kita, `/api/data/WasteItem/${items.kita}`, { request: requests.minami }),
      404,
      'record.referenceNotFound',
      [{ pointer: '/request', code: 'record.referenceNotFound' }],
    );
    const created = await kita.request('POST', '/api/data/WasteItem', { body: { request: requests.kita, name: '机' } });
    expect(created.status).toBe(201);
    expect((await kita.request('DELETE', `/api/data/WasteItem/${created.body.id}`)).status).toBe(204);
    expect(ids(await admin.request('GET', '/api/data/WasteItem'))).toEqual([items.kita, items.minami].sort());
  });

  it('denies everything to staff whose attribute is not set', async () => {
    expect((await noWard.request('GET', '/api/data/WasteRequest')).body.items).toEqual([]);
    expect((await noWard.request('GET', '/api/data/WasteItem')).body.items).toEqual([]);
    expectProblem(
      await noWard.request('POST', '/api/data/WasteRequest', { body: { ward: 'kita' } }),
      403,
      'access.rowDenied',
    );
  });

  it('locks items, for everyone, once their request is collected, with a 409 naming the condition', async () => {
    const request = await admin.request('POST', '/api/data/WasteRequest', { body: { ward: 'kita' } });
    const item = await kita.request('POST', '/api/data/WasteItem', { body: { request: request.body.id, name: '棚' } });
    expect(item.status).toBe(201);
    const collected = await patch(kita, `/api/data/WasteRequest/${request.body.id}`, { status: 'collected' });
    expect(collected.status).toBe(200);

    for (const client of [kita, admin]) {
      const create = await client.request('POST', '/api/data/WasteItem', {
        body: { request: request.body.id, name: '椅子' },
      });
      expectProblem(create, 409, 'record.locked', [{ pointer: '', code: 'record.locked' }]);
      expect(create.body.detail).toContain('申込の状態 = 状態:collected または 状態:cancelled');
      const update = await patch(client, `/api/data/WasteItem/${item.body.id}`, { name: 'x' });
      expectProblem(update, 409, 'record.locked', [{ pointer: '', code: 'record.locked' }]);
      expectProblem(await client.request('DELETE', `/api/data/WasteItem/${item.body.id}`), 409, 'record.locked', [
        { pointer: '', code: 'record.locked' },
      ]);
    }
    const english = await kita.request('DELETE', `/api/data/WasteItem/${item.body.id}`, {
      headers: { 'accept-language': 'en' },
    });
    expect(english.body.detail).toBe(
      'This Item cannot be created, changed or deleted: Status of Request = status collected or status cancelled.',
    );
    const moved = await patch(kita, `/api/data/WasteItem/${items.kita}`, { request: request.body.id });
    expectProblem(moved, 409, 'record.locked', [{ pointer: '', code: 'record.locked' }]);
    expect((await admin.request('GET', `/api/data/WasteItem/${item.body.id}`)).body.name).toBe('棚');
    const under = await admin.request('GET', `/api/data/WasteItem?filter[request][eq]=${request.body.id}`);
    expect(under.body.items).toHaveLength(1);
  });

  it('locks a request for the permission that says so, with its own message, but not for an administrator', async () => {
    const request = await admin.request('POST', '/api/data/WasteRequest', { body: { ward: 'kita' } });
    await patch(kita, `/api/data/WasteRequest/${request.body.id}`, { status: 'cancelled' });
    const refused = await patch(kita, `/api/data/WasteRequest/${request.body.id}`, { note: 'x' });
    expectProblem(refused, 409, 'record.locked', [{ pointer: '', code: 'record.locked' }]);
    expect(refused.body.detail).toBe('収集済みか取消しの申込は変更できません。');
    expect((await admin.request('GET', `/api/data/WasteRequest/${request.body.id}`)).body.note).toBeNull();
    const byAdmin = await patch(admin, `/api/data/WasteRequest/${request.body.id}`, { note: 'y' });
    expect(byAdmin.status).toBe(200);
  });

  it('refuses to publish a row policy naming an attribute no role declares', async () => {
    const role = {
      kind: 'role',
      name: 'typo-office',
      label: { ja: '誤記' },
      audience: 'staff',
      permissions: [{ entity: 'WasteRequest', actions: ['read'], where: { ward: { eq: '$principal.wrad' } } }],
    };
    const response = await admin.request('POST', '/api/metadata/publish', { body: { upserts: [role] } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        pointer: '/role/typo-office/permissions/0/where/ward/eq',
        code: 'semantic.unknownPrincipalAttribute',
      }),
    ]);
  });
});

describe.each(testDatabaseKinds())('validations beyond JSON Schema on %s', (kind) => {
  let host: TestEngine;
  let admin: TestClient;
  const today = evaluationDate(new Date()).today;
  const firstAllowed = shiftBusinessDays(today, 3);

  beforeAll(async () => {
    host = await startTestEngine(kind, [await metadataDir(WARD_APP)], {}, { log: () => {} });
    admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
  });
  afterAll(() => host.close());

  const create = (body: Record<string, unknown>, language = 'ja') =>
    admin.request('POST', '/api/data/WasteRequest', {
      body: { ward: 'kita', ...body },
      headers: { 'accept-language': language },
    });
  const count = async () => (await admin.request('GET', '/api/data/WasteRequest')).body.items.length;

  it('accepts a business day at least three business days ahead', async () => {
    const response = await create({ preferredDate: firstAllowed });
    expect(response.status).toBe(201);
  });

  it('refuses a date sooner than three business days, naming the field by its label', async () => {
    const before = await count();
    const response = await create({ preferredDate: shiftBusinessDays(today, 2) });
    expectProblem(response, 422, 'record.invalid', [{ pointer: '/preferredDate', code: 'record.validation' }]);
    expect(response.body.errors[0].message).toBe(
      '「収集希望日」は「収集希望日 ≥ 今日 + 3 開庁日」を満たす必要があります。',
    );
    const english = await create({ preferredDate: shiftBusinessDays(today, 2) }, 'en');
    expect(english.body.errors[0].message).toBe('Preferred date ≥ today + 3 business days must hold.');
    expect(await count()).toBe(before);
  });

  it('refuses a weekend or holiday', async () => {
    let saturday = addDays(firstAllowed, 7);
    while (new Date(`${saturday}T00:00:00Z`).getUTCDay() !== 6) saturday = addDays(saturday, 1);
    const response = await create({ preferredDate: saturday });
    expectProblem(response, 422, 'record.invalid', [{ pointer: '/preferredDate', code: 'record.validation' }]);
    expect(response.body.errors[0].message).toContain('収集希望日 が開庁日');
  });

  it('checks fields against each other, with the message the metadata gives, on create and update', async () => {
    const wrong = await create({ availableFrom: '2030-05-10', availableUntil: '2030-05-09' });
    expectProblem(wrong, 422, 'record.invalid', [{ pointer: '/availableFrom', code: 'record.validation' }]);
    expect(wrong.body.errors[0].message).toBe('搬出可能な最終日は初日以降にしてください。');
    const right = await create({ availableFrom: '2030-05-10', availableUntil: '2030-05-10' });
    expect(right.status).toBe(201);
    const path = `/api/data/WasteRequest/${right.body.id}`;
    const patched = await admin.request('PATCH', path, {
      body: { availableUntil: '2030-05-01' },
      headers: { 'if-match': `"${right.body.version}"` },
    });
    expectProblem(patched, 422, 'record.invalid', [{ pointer: '/availableFrom', code: 'record.validation' }]);
    expect((await admin.request('GET', path)).body.availableUntil).toBe('2030-05-10');
    const unrelated = await admin.request('PATCH', path, {
      body: { note: 'ok' },
      headers: { 'if-match': `"${right.body.version}"` },
    });
    expect(unrelated.status).toBe(200);
  });

  it('refuses to publish a validation whose field operand is of another kind', async () => {
    const entity = {
      ...WARD_APP[0],
      validations: [{ condition: { fact: 'availableUntil', op: 'gte', value: { field: 'note' } } }],
    };
    const response = await admin.request('POST', '/api/metadata/publish', { body: { upserts: [entity] } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        pointer: '/entity/WasteRequest/validations/0/condition/value/field',
        code: 'semantic.rule.invalidFieldOperand',
      }),
    ]);
  });
});
