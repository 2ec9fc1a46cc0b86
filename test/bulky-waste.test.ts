import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../engine/src/packages/package-test-support.ts';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
  testDatabaseKinds,
} from '../engine/src/testing/index.ts';

const PACKAGE = resolve(import.meta.dirname, '../examples/bulky-waste/package');

/** What a resident types: full-width digits, a hyphenated postal code, a name in hiragana. */
const TYPED = {
  applicantName: ' 神戸 花子 ',
  applicantKana: 'こうべ はなこ',
  phone: '０７８－３３１－８１８１',
  postalCode: '６５０－８５７０',
  address: '東灘区住吉東町５丁目',
  ward: '東灘区',
  preferredDate: '2026-12-10',
};

describe.each(testDatabaseKinds())('the bulky waste collection example (粗大ごみ収集申込) on %s', (kind) => {
  let host: TestEngine;
  let dir: string;
  let admin: TestClient;
  let resident: TestClient;
  let higashinada: TestClient;
  let nada: TestClient;
  let requestId: string;

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

  beforeAll(async () => {
    host = await startTestEngine(kind);
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
    expect(plan.body.created).toHaveLength(8);
    expect(plan.body.partial).toBe(false);
    expect(plan.body.data).toEqual([
      expect.objectContaining({ entity: 'BulkyItemType', key: ['code'], deleted: [], updated: [], unchanged: 0 }),
    ]);
    expect(plan.body.data[0].inserted).toHaveLength(18);
    const imported = await upload(admin, '/api/admin/packages/import', archive);
    expect(imported.status).toBe(200);
    expect(imported.body.applied).toBe(true);

    resident = await host.principal('resident', 'hanako', ['bulky-applicant']);
    higashinada = await host.principal('staff', 'higashinada-clerk', ['bulky-clerk-higashinada'], {
      department: '東灘区役所',
    });
    nada = await host.principal('staff', 'nada-clerk', ['bulky-clerk-nada'], { department: '灘区役所' });
    const types = await resident.request('GET', '/api/data/BulkyItemType?sort=code&limit=50');
    expect(types.body.items).toHaveLength(18);
    expect(types.body.items[13]).toMatchObject({ code: 'K014', name: '自転車', reading: 'じてんしゃ', fee: 600 });
  });

  it('takes a request with several items and stores what the resident typed in one form', async () => {
    const created = await resident.request('POST', '/api/data/BulkyWasteRequest', { body: TYPED });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      applicantName: '神戸 花子',
      applicantKana: 'コウベ ハナコ',
      phone: '078-331-8181',
      postalCode: '6508570',
      address: '東灘区住吉東町5丁目',
      ward: '東灘区',
      status: 'requested',
    });
    requestId = created.body.id;
    const types = (await resident.request('GET', '/api/data/BulkyItemType?sort=code&limit=50')).body.items;
    const byCode = (code: string) => types.find((type: { code: string }) => type.code === code).id;
    for (const [code, quantity] of [
      ['K014', 1],
      ['K002', 4],
    ] as const) {
      const item = await resident.request('POST', '/api/data/BulkyWasteItem', {
        body: { request: requestId, itemType: byCode(code), quantity },
      });
      expect(item.status).toBe(201);
    }
    const items = await resident.request('GET', `/api/data/BulkyWasteRequest/${requestId}/items`);
    expect(items.body.items.map((item: { quantity: number }) => item.quantity).sort()).toEqual([1, 4]);
    const wrongWard = await resident.request('POST', '/api/data/BulkyWasteRequest', {
      body: { ...TYPED, ward: 'Higashinada', postalCode: '650-857' },
    });
    expect(wrongWard.status).toBe(422);
    expect(wrongWard.body.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual([
      '/postalCode',
      '/ward',
    ]);
  });

  it('lets only the ward office of the request ward see and schedule it', async () => {
    expect((await nada.request('GET', '/api/data/BulkyWasteRequest')).body.items).toEqual([]);
    expect((await nada.request('GET', `/api/data/BulkyWasteRequest/${requestId}`)).status).toBe(404);
    expect((await move(nada, requestId, 'schedule')).status).toBe(404);

    const seen = await higashinada.request('GET', `/api/data/BulkyWasteRequest/${requestId}`);
    expect(seen.body).toMatchObject({ ward: '東灘区', applicantName: '神戸 花子' });
    const dated = await higashinada.request('PATCH', `/api/data/BulkyWasteRequest/${requestId}`, {
      body: { collectionDate: '2026-12-10' },
      headers: { 'if-match': `"${seen.body.version}"` },
    });
    expect(dated.status).toBe(200);
    const moved = await higashinada.request('PATCH', `/api/data/BulkyWasteRequest/${requestId}`, {
      body: { ward: '灘区' },
      headers: { 'if-match': `"${dated.body.version}"`, 'accept-language': 'en' },
    });
    expect(moved.status).toBe(403);
    expect(moved.body.code).toBe('access.rowDenied');
    expect(moved.body.detail).toBe(
      'You may not store a Bulky waste collection request record with these values. Allowed only when: "Ward" = 東灘区 and "Status" is one of requested, scheduled.',
    );
    expect((await move(higashinada, requestId, 'schedule')).status).toBe(200);
  });

  it('names a field the resident may not write by its label', async () => {
    const refused = await resident.request('POST', '/api/data/BulkyWasteRequest', {
      body: { ...TYPED, collectionDate: '2026-12-01' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual([
      { pointer: '/collectionDate', code: 'access.fieldReadOnly', message: '項目「収集日」は変更できません。' },
    ]);
  });

  it('locks the request once it is collected', async () => {
    expect((await move(higashinada, requestId, 'collect')).status).toBe(200);
    const record = await higashinada.request('GET', `/api/data/BulkyWasteRequest/${requestId}`);
    expect(record.body.status).toBe('collected');
    const refused = await higashinada.request('PATCH', `/api/data/BulkyWasteRequest/${requestId}`, {
      body: { collectionDate: '2026-12-11' },
      headers: { 'if-match': `"${record.body.version}"` },
    });
    expect(refused.status).toBe(404);
    expect((await higashinada.request('GET', `/api/data/BulkyWasteRequest/${requestId}`)).body.collectionDate).toBe(
      '2026-12-10',
    );
  });
});
