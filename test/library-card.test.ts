import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../engine/src/testing/index.ts';

const APP = resolve(import.meta.dirname, '../examples/library-card/metadata');

describe.each(testDatabaseKinds())('the library-card example app on %s', (kind) => {
  let host: TestEngine;
  let admin: TestClient;
  let librarian: TestClient;
  let hanako: TestClient;
  let taro: TestClient;
  let branchId: string;

  beforeAll(async () => {
    host = await startTestEngine(kind, [APP]);
    admin = await host.signIn('admin', 'test-admin-password');
    librarian = await host.principal('staff', 'librarian1', ['librarian']);
    hanako = await host.principal('resident', 'hanako', ['resident']);
    taro = await host.principal('resident', 'taro', ['resident']);
  });
  afterAll(() => host.close());

  it('publishes the metadata from files at first start', async () => {
    const response = await admin.request('GET', '/api/metadata');
    expect(response.status).toBe(200);
    const names = response.body.items.map((item: { kind: string; name: string }) => `${item.kind}:${item.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'entity:Applicant',
        'entity:Application',
        'entity:Branch',
        'role:resident',
        'role:librarian',
      ]),
    );
  });

  it('lets staff create branches and refuses residents', async () => {
    const created = await librarian.request('POST', '/api/data/Branch', {
      body: { name: '北図書館', code: 'KIT', ward: '北区', seats: 120, openedOn: '1998-04-01' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`/api/data/Branch/${created.body.id}`);
    expect(created.body).toMatchObject({
      name: '北図書館',
      code: 'KIT',
      seats: 120,
      openedOn: '1998-04-01',
      version: 1,
    });
    branchId = created.body.id;

    const refused = await hanako.request('POST', '/api/data/Branch', { body: { name: '偽', code: 'FAK' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('access.denied');

    const duplicate = await librarian.request('POST', '/api/data/Branch', { body: { name: '別館', code: 'KIT' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([expect.objectContaining({ pointer: '/code', code: 'record.unique' })]);
  });

  it('gives each resident their own applications only, with staff-only fields hidden', async () => {
    const applicant = await hanako.request('POST', '/api/data/Applicant', {
      body: { name: '山田 花子', nameKana: 'ヤマダ ハナコ', birthDate: '1990-05-01', postalCode: '0600001' },
    });
    expect(applicant.status).toBe(201);
    const application = await hanako.request('POST', '/api/data/Application', {
      body: { applicant: applicant.body.id, branch: branchId, deposit: 500 },
    });
    expect(application.status).toBe(201);
    expect(application.body).toMatchObject({ status: 'submitted', deposit: '500.00', wantsChildCard: false });
    expect(application.body).not.toHaveProperty('notes');

    const ownList = await hanako.request('GET', '/api/data/Application');
    expect(ownList.body.items.map((item: { id: string }) => item.id)).toEqual([application.body.id]);
    expect((await taro.request('GET', '/api/data/Application')).body.items).toEqual([]);
    expect((await taro.request('GET', `/api/data/Application/${application.body.id}`)).status).toBe(404);

    const sneaky = await hanako.request('PATCH', `/api/data/Application/${application.body.id}`, {
      body: { status: 'approved' },
      headers: { 'if-match': '"1"' },
    });
    expect(sneaky.status).toBe(403);
    expect(sneaky.body.errors).toEqual([expect.objectContaining({ pointer: '/status', code: 'access.fieldReadOnly' })]);

    const hiddenFilter = await hanako.request('GET', '/api/data/Application?filter[notes][isNull]=false');
    expect(hiddenFilter.status).toBe(403);
  });

  it('lets staff work the application with optimistic concurrency, and then the resident may no longer change it', async () => {
    const [application] = (await librarian.request('GET', '/api/data/Application')).body.items;
    const path = `/api/data/Application/${application.id}`;
    const noIfMatch = await librarian.request('PATCH', path, { body: { notes: '確認済み' } });
    expect(noIfMatch.status).toBe(428);

    const approved = await librarian.request('PATCH', path, {
      body: { status: 'approved', notes: '本人確認済み', cardNumber: 'KIT-000001' },
      headers: { 'if-match': '"1"' },
    });
    expect(approved.status).toBe(200);
    expect(approved.headers.get('etag')).toBe('"2"');
    expect(approved.body).toMatchObject({ status: 'approved', notes: '本人確認済み', version: 2 });

    const stale = await librarian.request('PATCH', path, { body: { notes: '上書き' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('record.versionConflict');

    const readOnlyForStaff = await librarian.request('PATCH', path, {
      body: { branch: branchId },
      headers: { 'if-match': '"2"' },
    });
    expect(readOnlyForStaff.status).toBe(403);

    const residentEdit = await hanako.request('PATCH', path, {
      body: { wantsChildCard: true },
      headers: { 'if-match': '"2"' },
    });
    expect(residentEdit.status).toBe(404);
    const residentView = await hanako.request('GET', path);
    expect(residentView.body).toMatchObject({ status: 'approved', cardNumber: 'KIT-000001' });
    expect(residentView.body).not.toHaveProperty('notes');
  });

  it('lists the inverse collection of a reference under the target entity policy', async () => {
    const staffView = await librarian.request('GET', `/api/data/Branch/${branchId}/applications`);
    expect(staffView.status).toBe(200);
    expect(staffView.body.items).toHaveLength(1);
    expect(staffView.body.items[0]).toMatchObject({ branch: branchId, notes: '本人確認済み' });
    expect((await taro.request('GET', `/api/data/Branch/${branchId}/applications`)).body.items).toEqual([]);
    const residentView = await hanako.request('GET', `/api/data/Branch/${branchId}/applications?fields=status`);
    expect(residentView.body.items).toEqual([{ id: staffView.body.items[0].id, status: 'approved' }]);
    const unknown = await librarian.request('GET', `/api/data/Branch/${branchId}/nothing`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('entity.unknownCollection');
  });

  it('audits staff reads of personal data and every write, never the values', async () => {
    const applicants = await librarian.request('GET', '/api/data/Applicant?fields=name,birthDate');
    expect(applicants.status).toBe(200);
    const audit = await librarian.request('GET', '/api/audit?entity=Applicant');
    expect(audit.status).toBe(200);
    const read = audit.body.items.find((entry: { action: string }) => entry.action === 'read');
    expect(read).toMatchObject({ entity: 'Applicant', fields: ['name', 'birthDate'] });
    expect(read.recordIds).toEqual([applicants.body.items[0].id]);
    const create = audit.body.items.find((entry: { action: string }) => entry.action === 'create');
    expect(create.principalId).not.toBeNull();
    expect(JSON.stringify(audit.body)).not.toContain('山田');
    expect((await hanako.request('GET', '/api/audit')).status).toBe(403);
  });

  it('adds a field on publish, live in the API and the OpenAPI document, without a restart', async () => {
    const before = await admin.request('GET', '/api/openapi.json');
    expect(before.body.components.schemas.Branch.properties).not.toHaveProperty('phone');
    const branch = (await admin.request('GET', '/api/metadata/entity/Branch')).body;
    branch.fields.push({ name: 'phone', type: 'phone', label: { ja: '電話番号', en: 'Phone' } });
    const published = await admin.request('POST', '/api/metadata/publish', { body: { upserts: [branch] } });
    expect(published.status).toBe(200);
    expect(published.body.plan.steps).toEqual([
      expect.objectContaining({ action: 'addColumn', column: 'phone', safety: 'safe' }),
    ]);

    const after = await admin.request('GET', '/api/openapi.json');
    expect(after.body.components.schemas.Branch.properties.phone).toMatchObject({ type: expect.anything() });
    expect(after.body.info.version).not.toBe(before.body.info.version);
    const updated = await librarian.request('PATCH', `/api/data/Branch/${branchId}`, {
      body: { phone: '011-123-4567' },
      headers: { 'if-match': '"1"' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.phone).toBe('011-123-4567');
    const versions = await admin.request('GET', '/api/metadata/entity/Branch/versions');
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('refuses a destructive change unless confirmed, and then backs the data up first', async () => {
    const branch = (await admin.request('GET', '/api/metadata/entity/Branch')).body;
    branch.fields = branch.fields.filter((field: { name: string }) => field.name !== 'ward');
    const refused = await admin.request('POST', '/api/metadata/publish', { body: { upserts: [branch] } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('migration.destructive');
    const still = await librarian.request('GET', `/api/data/Branch/${branchId}`);
    expect(still.body.ward).toBe('北区');

    const dryRun = await admin.request('POST', '/api/metadata/publish', { body: { upserts: [branch], dryRun: true } });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.applied).toBe(false);
    expect(dryRun.body.plan.destructive).toBe(true);

    const confirmed = await admin.request('POST', '/api/metadata/publish', {
      body: { upserts: [branch], confirmDestructive: true },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.backups).toHaveLength(1);
    const gone = await librarian.request('GET', `/api/data/Branch/${branchId}`);
    expect(gone.body).not.toHaveProperty('ward');
  });
});
