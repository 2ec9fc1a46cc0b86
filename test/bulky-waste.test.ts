import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../engine/src/packages/package-test-support.ts';
import { shiftBusinessDays } from '../engine/src/rules/business-days.ts';
import { addDays, evaluationDate } from '../engine/src/rules/index.ts';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
  testDatabaseKinds,
} from '../engine/src/testing/index.ts';

const PACKAGE = resolve(import.meta.dirname, '../examples/bulky-waste/package');

const today = evaluationDate(new Date()).today;
const preferredDate = shiftBusinessDays(today, 10);
const collectionDate = shiftBusinessDays(today, 12);
const reminderAt = new Date(`${shiftBusinessDays(collectionDate, -2)}T00:00:00+09:00`);

/** What a resident types: full-width digits, a hyphenated postal code, a name in hiragana. */
const TYPED = {
  applicantName: ' 神戸 花子 ',
  applicantKana: 'こうべ はなこ',
  phone: '０７８－３３１－８１８１',
  postalCode: '６５０－８５７０',
  address: '東灘区住吉東町５丁目',
  ward: '東灘区',
  preferredDate,
};

describe.each(testDatabaseKinds())('the bulky waste collection example (粗大ごみ収集申込) on %s', (kind) => {
  let host: TestEngine;
  let dir: string;
  let admin: TestClient;
  let resident: TestClient;
  let higashinada: TestClient;
  let nada: TestClient;
  let requestId: string;
  let typeIds: Record<string, string>;

  const upload = async (client: TestClient, path: string, archive: Buffer) =>
    client.request('POST', path, {
      rawBody: archive as unknown as string,
      headers: { 'content-type': 'application/gzip' },
    });
  const archiveOf = async (source: string) => {
    const file = join(dir, `${Date.now()}.tar.gz`);
    await host.engine.packages.writeArchive(source, file);
    return readFile(file);
  };
  const move = (client: TestClient, id: string, name: string) =>
    client.request('POST', `/api/workflows/BulkyWasteRequest/${id}/transitions/${name}`, { body: {} });
  const read = (client: TestClient) => client.request('GET', `/api/data/BulkyWasteRequest/${requestId}`);
  const patch = async (client: TestClient, body: Record<string, unknown>, language = 'ja') => {
    const { version } = (await read(admin)).body;
    return client.request('PATCH', `/api/data/BulkyWasteRequest/${requestId}`, {
      body,
      headers: { 'if-match': `"${version}"`, 'accept-language': language },
    });
  };

  beforeAll(async () => {
    host = await startTestEngine(kind, [], {}, { log: () => {} });
    dir = await temporaryDirectory();
    admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await host?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('imports the app over HTTP with its fee table as reference data, after a plan that lists every row', async () => {
    const archive = await archiveOf(PACKAGE);
    const plan = await upload(admin, '/api/admin/packages/plan', archive);
    expect(plan.body.errors).toBeUndefined();
    expect(plan.status).toBe(200);
    expect(plan.body.created).toHaveLength(7);
    expect(plan.body.partial).toBe(false);
    expect(plan.body.data).toEqual([
      expect.objectContaining({ entity: 'BulkyItemType', key: ['code'], deleted: [], updated: [], unchanged: 0 }),
    ]);
    expect(plan.body.data[0].inserted).toHaveLength(18);
    const imported = await upload(admin, '/api/admin/packages/import', archive);
    expect(imported.status).toBe(200);
    expect(imported.body.applied).toBe(true);

    resident = await host.principal('resident', 'hanako', ['bulky-applicant']);
    // One role serves every ward office; the staff member's `ward` attribute scopes it.
    higashinada = await host.principal('staff', 'higashinada-clerk', ['bulky-ward-office'], {
      department: '東灘区',
      attributes: { ward: '東灘区' },
    });
    nada = await host.principal('staff', 'nada-clerk', ['bulky-ward-office'], {
      department: '灘区',
      attributes: { ward: '灘区' },
    });
    const types = await resident.request('GET', '/api/data/BulkyItemType?sort=code&limit=50');
    expect(types.body.items).toHaveLength(18);
    expect(types.body.items[13]).toMatchObject({ code: 'K014', name: '自転車', reading: 'じてんしゃ', fee: 600 });
    typeIds = Object.fromEntries(types.body.items.map((type: { code: string; id: string }) => [type.code, type.id]));
  });

  it('takes a request with several items in one write, normalising what the resident typed and totalling the fees', async () => {
    const created = await resident.request('POST', '/api/data/BulkyWasteRequest', {
      body: {
        ...TYPED,
        lines: [
          { itemType: typeIds.K014, quantity: 1 },
          { itemType: typeIds.K002, quantity: 4 },
        ],
      },
    });
    expect(created.body.errors).toBeUndefined();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      applicantName: '神戸 花子',
      applicantKana: 'コウベ ハナコ',
      phone: '078-331-8181',
      postalCode: '6508570',
      address: '東灘区住吉東町5丁目',
      ward: '東灘区',
      status: 'requested',
      itemCount: 5,
      total: 600 + 4 * 300,
    });
    requestId = created.body.id;
    const items = await resident.request('GET', `/api/data/BulkyWasteRequest/${requestId}/lines`);
    expect(items.body.items.map((item: { quantity: number }) => item.quantity).sort()).toEqual([1, 4]);

    const refused = await resident.request('POST', '/api/data/BulkyWasteRequest', {
      body: { ...TYPED, ward: 'Higashinada', postalCode: '650-857', lines: [{ itemType: typeIds.K001, quantity: 1 }] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual([
      '/postalCode',
      '/ward',
    ]);
    const noItems = await resident.request('POST', '/api/data/BulkyWasteRequest', { body: { ...TYPED, lines: [] } });
    expect(noItems.status).toBe(422);
  });

  it('wants a preferred day at least three business days ahead, on a business day', async () => {
    const tooSoon = await resident.request('POST', '/api/data/BulkyWasteRequest', {
      body: { ...TYPED, preferredDate: addDays(today, 1), lines: [{ itemType: typeIds.K001, quantity: 1 }] },
    });
    expect(tooSoon.status).toBe(422);
    expect(tooSoon.body.errors).toEqual([
      expect.objectContaining({
        pointer: '/preferredDate',
        code: 'record.validation',
        message: '希望収集日は 3 開庁日以上先の日にしてください。',
      }),
    ]);
  });

  it('lets only the office of the request ward see and schedule it, and says which condition a move breaks', async () => {
    expect((await nada.request('GET', '/api/data/BulkyWasteRequest')).body.items).toEqual([]);
    expect((await read(nada)).status).toBe(404);
    expect((await nada.request('GET', '/api/data/BulkyWasteItem')).body.items).toEqual([]);
    expect((await move(nada, requestId, 'schedule')).status).toBe(404);

    const { body: tasks } = await higashinada.request('GET', '/api/tasks');
    expect(tasks.items).toEqual([
      expect.objectContaining({ recordId: requestId, assignee: { kind: 'department', value: '東灘区' } }),
    ]);
    expect((await higashinada.request('GET', '/api/data/BulkyWasteItem')).body.items).toHaveLength(2);
    const moved = await patch(higashinada, { ward: '灘区' }, 'en');
    expect(moved.status).toBe(403);
    expect(moved.body.code).toBe('access.rowDenied');
    expect(moved.body.detail).toBe(
      'You may not store a Bulky waste collection request record with these values. Allowed only when: "Ward" = your ward.',
    );
    expect((await patch(higashinada, { collectionDate })).status).toBe(200);
    expect((await move(higashinada, requestId, 'schedule')).status).toBe(200);
  });

  it('reminds the resident two business days before the collection day', async () => {
    expect(await host.engine.workflows.fireDueTimers(new Date(reminderAt.getTime() - 1000))).toEqual([]);
    const fired = await host.engine.workflows.fireDueTimers(new Date(reminderAt.getTime() + 1000));
    expect(fired).toEqual([expect.objectContaining({ result: 'notified' })]);
    const [reminder] = await host.engine
      .live()
      .sql()
      .query<{ payload: { to: unknown; message: { ja: string } } }>(
        "select payload from kiban_outbox where type = 'notification.requested' and payload->>'id' = ?",
        [requestId],
      );
    expect(reminder.payload.message.ja).toContain('収集日が近づいています');
  });

  it('locks the request and its items once they are collected', async () => {
    expect((await move(higashinada, requestId, 'collect')).status).toBe(200);
    expect((await read(higashinada)).body.status).toBe('collected');
    const refused = await patch(higashinada, { collectionDate: preferredDate });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'record.locked',
      detail: '収集済みまたは取消しの申込は変更できません。',
    });
    expect((await read(higashinada)).body.collectionDate).toBe(collectionDate);
    const item = (await admin.request('GET', `/api/data/BulkyWasteRequest/${requestId}/lines`)).body.items[0];
    const changed = await admin.request('PATCH', `/api/data/BulkyWasteItem/${item.id}`, {
      body: { quantity: 2 },
      headers: { 'if-match': `"${item.version}"` },
    });
    expect(changed.status).toBe(409);
  });

  it('names a field the resident may not write by its label', async () => {
    const refused = await resident.request('POST', '/api/data/BulkyWasteRequest', {
      body: { ...TYPED, collectionDate, lines: [{ itemType: typeIds.K001, quantity: 1 }] },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual([
      { pointer: '/collectionDate', code: 'access.fieldReadOnly', message: '項目「収集日」は変更できません。' },
    ]);
  });
});
