import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
  testDatabaseKinds,
} from '../testing/index.ts';
import { expectProblem, LIBRARY_CARD, withoutChanges } from './api-test-support.ts';

const DRAFT = '/api/metadata/drafts/entity/Branch';

describe.each(testDatabaseKinds())('metadata drafts on %s', (kind) => {
  let host: TestEngine;
  let admin: TestClient;
  let librarian: TestClient;
  // biome-ignore lint/suspicious/noExplicitAny: metadata items are edited as plain JSON
  let branch: any;

  beforeAll(async () => {
    host = await startTestEngine(kind, [LIBRARY_CARD]);
    admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
    librarian = await host.principal('staff', 'librarian1', ['librarian']);
    branch = (await admin.request('GET', '/api/metadata/entity/Branch')).body;
  });
  afterAll(() => host.close());

  const withField = (name: string, type: string) => ({
    ...branch,
    fields: [...branch.fields, { name, type, label: { ja: name, en: name } }],
  });

  /** What the live app shows: its generation, the Branch item, the API document and the records API. */
  const liveApp = async () => ({
    generation: host.engine.live().generation,
    item: (await admin.request('GET', '/api/metadata/entity/Branch')).body,
    versions: (await admin.request('GET', '/api/metadata/entity/Branch/versions')).body,
    openapi: (await admin.request('GET', '/api/openapi.json')).body,
  });

  it('keeps drafts apart from the live app, guarded by revision, until they are published', async () => {
    const before = await liveApp();

    const first = await admin.request('PUT', DRAFT, { body: withField('phone', 'phone') });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"1"');
    expect(first.body).toMatchObject({ revision: 1, item: withField('phone', 'phone'), errors: [] });

    const second = await admin.request('PUT', DRAFT, {
      body: withField('email', 'email'),
      headers: { 'if-match': '"1"' },
    });
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).toBe('"2"');
    expect(second.body.revision).toBe(2);

    const stale = await withoutChanges(host, () =>
      admin.request('PUT', DRAFT, { body: withField('fax', 'phone'), headers: { 'if-match': '"1"' } }),
    );
    expectProblem(stale, 412, 'draft.conflict');
    const stored = await admin.request('GET', DRAFT);
    expect(stored.headers.get('etag')).toBe('"2"');
    expect(stored.body.item).toEqual(withField('email', 'email'));

    expect(await liveApp()).toEqual(before);
    expect(before.openapi.components.schemas.Branch.properties).not.toHaveProperty('email');
    const early = await librarian.request('POST', '/api/data/Branch', {
      body: { name: '北図書館', code: 'KIT', email: 'kita@library.example.jp' },
    });
    expectProblem(early, 422, 'record.invalid', [{ pointer: '/email', code: 'schema.additionalProperties' }]);

    const published = await admin.request('POST', '/api/metadata/publish', { body: { drafts: true } });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ applied: true, changed: [{ kind: 'entity', name: 'Branch' }] });
    expect(published.body.plan.steps).toEqual([expect.objectContaining({ action: 'addColumn', column: 'email' })]);

    expectProblem(await admin.request('GET', DRAFT), 404, 'metadata.notFound');
    expect((await admin.request('GET', '/api/metadata/drafts')).body).toEqual({ items: [] });
    const after = await liveApp();
    expect(after.generation).toBe(before.generation + 1);
    expect(after.item).toEqual(withField('email', 'email'));
    expect(after.versions.items.map((version: { version: number }) => version.version)).toEqual([2, 1]);
    expect(after.openapi.components.schemas.Branch.properties.email).toMatchObject({ format: 'email' });
    const live = await librarian.request('POST', '/api/data/Branch', {
      body: { name: '北図書館', code: 'KIT', email: 'kita@library.example.jp' },
    });
    expect(live.status).toBe(201);
    expect(live.body.email).toBe('kita@library.example.jp');
    branch = after.item;
  });

  it('refuses a second new draft without If-Match, as the first one already exists', async () => {
    const created = await admin.request('PUT', DRAFT, { body: withField('phone', 'phone') });
    expect(created.headers.get('etag')).toBe('"1"');
    const again = await withoutChanges(host, () => admin.request('PUT', DRAFT, { body: withField('fax', 'phone') }));
    expectProblem(again, 412, 'draft.conflict');
    const unknown = await withoutChanges(host, () =>
      admin.request('PUT', '/api/metadata/drafts/entity/Applicant', {
        body: { kind: 'entity', name: 'Applicant' },
        headers: { 'if-match': '"3"' },
      }),
    );
    expectProblem(unknown, 412, 'draft.conflict');
  });

  it('saves an invalid draft with its problems listed, and refuses to publish it', async () => {
    const broken = withField('region', 'reference');
    const saved = await admin.request('PUT', DRAFT, { body: broken, headers: { 'if-match': '"1"' } });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"2"');
    expect(saved.body.errors).toEqual([
      {
        kind: 'entity',
        name: 'Branch',
        pointer: '/fields/7/target',
        code: 'schema.required',
        message: {
          ja: 'fields[7] に必須の項目「target」がありません。',
          en: 'fields[7] is missing the required property "target".',
        },
      },
    ]);
    const before = await liveApp();
    const refused = await withoutChanges(host, () =>
      admin.request('POST', '/api/metadata/publish', { body: { drafts: true } }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('metadata.invalid');
    expect(await liveApp()).toEqual(before);
    expect((await admin.request('GET', DRAFT)).body.item).toEqual(broken);
  });

  it('refuses malformed draft requests without saving anything', async () => {
    const cases = [
      () => admin.request('PUT', '/api/metadata/drafts/entity/Library', { body: branch }),
      () => admin.request('PUT', DRAFT, { body: { name: 'Branch' } }),
      () => admin.request('PUT', DRAFT, { body: branch, headers: { 'if-match': 'two' } }),
      () => admin.request('PUT', '/api/metadata/drafts/widget/Branch', { body: { ...branch, kind: 'widget' } }),
      () => librarian.request('PUT', DRAFT, { body: branch, headers: { 'if-match': '"2"' } }),
    ];
    const expected: [number, string][] = [
      [422, 'draft.keyMismatch'],
      [422, 'request.invalid'],
      [400, 'request.ifMatch'],
      [404, 'metadata.notFound'],
      [403, 'access.denied'],
    ];
    for (const [i, send] of cases.entries()) {
      const response = await withoutChanges(host, send);
      expect([response.status, response.body.code]).toEqual(expected[i]);
      expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    }
  });
});
