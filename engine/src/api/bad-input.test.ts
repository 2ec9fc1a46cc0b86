import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
  testDatabaseKinds,
} from '../testing/index.ts';
import { type ExpectedDetail, expectProblem, LIBRARY_CARD, withoutChanges } from './api-test-support.ts';

const BODY_LIMIT = 2048;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const JSON_TYPE = { 'content-type': 'application/json' };

describe.each(testDatabaseKinds())('bad request bodies, records and credentials on %s', (kind) => {
  let host: TestEngine;
  let admin: TestClient;
  let librarian: TestClient;
  let hanako: TestClient;
  let branchId: string;
  let applicationId: string;

  beforeAll(async () => {
    host = await startTestEngine(kind, [LIBRARY_CARD], { bodyLimitBytes: BODY_LIMIT });
    admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
    librarian = await host.principal('staff', 'librarian1', ['librarian']);
    hanako = await host.principal('resident', 'hanako', ['resident']);
    const branch = await librarian.request('POST', '/api/data/Branch', { body: { name: '北図書館', code: 'KIT' } });
    branchId = branch.body.id;
    const applicant = await hanako.request('POST', '/api/data/Applicant', {
      body: { name: '山田 花子', nameKana: 'ヤマダ ハナコ', birthDate: '1990-05-01' },
    });
    const application = await hanako.request('POST', '/api/data/Application', {
      body: { applicant: applicant.body.id, branch: branchId },
    });
    expect(application.status).toBe(201);
    applicationId = application.body.id;
  });
  afterAll(() => host.close());

  const postBranch = (options: { rawBody?: string; body?: unknown; headers?: Record<string, string> }) =>
    withoutChanges(host, () => librarian.request('POST', '/api/data/Branch', options));

  it('answers malformed JSON with 400 request.malformedJson', async () => {
    const response = await postBranch({ rawBody: '{"name": "北", ', headers: JSON_TYPE });
    expectProblem(response, 400, 'request.malformedJson');
  });

  it.each([
    ['an array', '[{"name":"北図書館","code":"KIT"}]'],
    ['a string', '"KIT"'],
    ['a number', '42'],
    ['null', 'null'],
  ])('answers %s as the body with 400 request.not-an-object', async (_label, rawBody) => {
    expectProblem(await postBranch({ rawBody, headers: JSON_TYPE }), 400, 'request.notAnObject');
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml'])(
    'answers the content type %s with 415 request.mediaType',
    async (type) => {
      const response = await postBranch({
        rawBody: '{"name":"西図書館","code":"NIS"}',
        headers: { 'content-type': type },
      });
      expectProblem(response, 415, 'request.mediaType');
    },
  );

  it('answers a body over bodyLimitBytes with 413 request.too-large, with or without Content-Length', async () => {
    const rawBody = JSON.stringify({ name: 'x'.repeat(BODY_LIMIT), code: 'BIG' });
    expectProblem(await postBranch({ rawBody, headers: JSON_TYPE }), 413, 'request.tooLarge');
    const declared = { ...JSON_TYPE, 'content-length': String(Buffer.byteLength(rawBody)) };
    expectProblem(await postBranch({ rawBody, headers: declared }), 413, 'request.tooLarge');
    const publish = await withoutChanges(host, () =>
      admin.request('POST', '/api/metadata/publish', { body: { upserts: [], padding: 'x'.repeat(BODY_LIMIT) } }),
    );
    expectProblem(publish, 413, 'request.tooLarge');
  });

  it('answers every record route of an unknown entity with 404 entity.unknown', async () => {
    const path = `/api/data/Book/${MISSING_ID}`;
    const ifMatch = { 'if-match': '"1"' };
    expectProblem(await admin.request('GET', '/api/data/Book'), 404, 'entity.unknown');
    expectProblem(await admin.request('GET', path), 404, 'entity.unknown');
    const writes = [
      () => admin.request('POST', '/api/data/Book', { body: { title: '坊っちゃん' } }),
      () => admin.request('PATCH', path, { body: { title: '坊っちゃん' }, headers: ifMatch }),
      () => admin.request('DELETE', path, { headers: ifMatch }),
    ];
    for (const write of writes) expectProblem(await withoutChanges(host, write), 404, 'entity.unknown');
  });

  it('refuses unknown fields in a create body with 422 and a pointer to each', async () => {
    const response = await postBranch({ body: { name: '西図書館', code: 'NIS', colour: 'red', floors: 3 } });
    expectProblem(response, 422, 'record.invalid', [
      { pointer: '/colour', code: 'schema.additionalProperties' },
      { pointer: '/floors', code: 'schema.additionalProperties' },
    ]);
  });

  const mismatches: [string, () => TestClient, string, () => Record<string, unknown>, ExpectedDetail[]][] = [
    [
      'an integer given as a string or a fraction, and an impossible date',
      () => librarian,
      'Branch',
      () => ({ name: '西図書館', code: 'NIS', seats: '12', openedOn: '2024-02-30' }),
      [
        { pointer: '/openedOn', code: 'schema.format' },
        { pointer: '/seats', code: 'schema.type' },
      ],
    ],
    [
      'a fractional integer and a value breaking the field pattern',
      () => librarian,
      'Branch',
      () => ({ name: '西図書館', code: 'nis', seats: 12.5 }),
      [
        { pointer: '/code', code: 'schema.pattern' },
        { pointer: '/seats', code: 'schema.type' },
      ],
    ],
    [
      'a date in words and a postal code with a hyphen',
      () => hanako,
      'Applicant',
      () => ({ name: '山田 太郎', nameKana: 'ヤマダ タロウ', birthDate: 'yesterday', postalCode: '060-0001' }),
      [
        { pointer: '/birthDate', code: 'schema.format' },
        { pointer: '/postalCode', code: 'schema.pattern' },
      ],
    ],
    [
      'a reference that is no uuid, a value outside the enum and a decimal with letters',
      () => admin,
      'Application',
      () => ({ applicant: 'not-a-uuid', branch: branchId, status: 'open', deposit: '12a' }),
      [
        { pointer: '/applicant', code: 'schema.format' },
        { pointer: '/status', code: 'schema.enum' },
        { pointer: '/deposit', code: 'schema.pattern' },
      ],
    ],
  ];

  it.each(mismatches)('points at %s with 422 record.invalid', async (_label, client, entity, body, details) => {
    const response = await withoutChanges(host, () =>
      client().request('POST', `/api/data/${entity}`, { body: body() }),
    );
    expectProblem(response, 422, 'record.invalid', details);
  });

  it('refuses a reference to a missing record with 404 record.referenceNotFound and rolls the write back', async () => {
    const applicant = (await admin.request('GET', `/api/data/Application/${applicationId}`)).body.applicant;
    const created = await withoutChanges(host, () =>
      admin.request('POST', '/api/data/Application', { body: { applicant: MISSING_ID, branch: branchId } }),
    );
    expectProblem(created, 404, 'record.referenceNotFound', [
      { pointer: '/applicant', code: 'record.referenceNotFound' },
    ]);

    const updated = await withoutChanges(host, () =>
      admin.request('PATCH', `/api/data/Application/${applicationId}`, {
        body: { branch: MISSING_ID },
        headers: { 'if-match': '"1"' },
      }),
    );
    expectProblem(updated, 404, 'record.referenceNotFound', [{ pointer: '/branch', code: 'record.referenceNotFound' }]);
    const stored = await admin.request('GET', `/api/data/Application/${applicationId}`);
    expect(stored.body).toMatchObject({ applicant, branch: branchId, version: 1 });
  });

  it.each(['abc', '*', '1', '"1", "2"', 'W/"one"', '"-1"'])(
    'answers If-Match: %s with 400 request.if-match on update and delete',
    async (ifMatch) => {
      const path = `/api/data/Branch/${branchId}`;
      const headers = { 'if-match': ifMatch };
      const patch = () => librarian.request('PATCH', path, { body: { seats: 10 }, headers });
      expectProblem(await withoutChanges(host, patch), 400, 'request.ifMatch');
      expectProblem(
        await withoutChanges(host, () => admin.request('DELETE', path, { headers })),
        400,
        'request.ifMatch',
      );
    },
  );

  it('answers a missing If-Match with 428 and a stale one with 412', async () => {
    const path = `/api/data/Branch/${branchId}`;
    const missing = await withoutChanges(host, () => librarian.request('PATCH', path, { body: { seats: 10 } }));
    expectProblem(missing, 428, 'record.ifMatchRequired');
    const stale = await withoutChanges(host, () =>
      librarian.request('PATCH', path, { body: { seats: 10 }, headers: { 'if-match': '"7"' } }),
    );
    expectProblem(stale, 412, 'record.versionConflict');
  });

  it('answers a request without credentials with 401 auth.required and a Bearer challenge', async () => {
    const anonymous = host.client();
    const list = await anonymous.request('GET', '/api/data/Branch');
    expectProblem(list, 401, 'auth.required');
    expect(list.headers.get('www-authenticate')).toBe('Bearer realm="kiban"');
    const create = await withoutChanges(host, () =>
      anonymous.request('POST', '/api/data/Branch', { body: { name: '西図書館', code: 'NIS' } }),
    );
    expectProblem(create, 401, 'auth.required');
    expectProblem(await host.client('kiban_session=forged').request('GET', '/api/data/Branch'), 401, 'auth.required');
  });

  it.each([
    ['an unknown API token', 'Bearer kbn_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG'],
    ['an unknown session token', 'Bearer 0123456789abcdefghijklmnopqrstuvwxyzABCDEFG'],
    ['an empty bearer', 'Bearer '],
    ['a token with spaces', 'Bearer not a token'],
    ['an oversized token', `Bearer kbn_${'a'.repeat(300)}`],
    ['another scheme', `Basic ${Buffer.from(`admin:${TEST_ADMIN_PASSWORD}`).toString('base64')}`],
  ])('answers %s in Authorization with 401 auth.required', async (_label, authorization) => {
    const response = await withoutChanges(host, () =>
      host.client().request('GET', '/api/data/Branch', { headers: { authorization } }),
    );
    expectProblem(response, 401, 'auth.required');
  });

  it('does not fall back to a valid session cookie when the bearer token is invalid', async () => {
    const login = await host.client().request('POST', '/api/auth/login', {
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const withCookie = host.client(cookie);
    expect((await withCookie.request('GET', '/api/data/Branch')).status).toBe(200);
    const response = await withCookie.request('GET', '/api/data/Branch', {
      headers: { authorization: 'Bearer kbn_x' },
    });
    expectProblem(response, 401, 'auth.required');
  });

  it('answers a resident on admin and metadata routes with 403 access.denied', async () => {
    const reads = ['/api/admin/principals', '/api/audit', '/api/metadata', '/api/metadata/entity/Branch/versions'];
    for (const path of reads) expectProblem(await hanako.request('GET', path), 403, 'access.denied');
    const writes = [
      () =>
        hanako.request('POST', '/api/admin/principals', {
          body: { kind: 'staff', username: 'mallory', password: 'mallory-password-1', roles: ['kiban:admin'] },
        }),
      () =>
        hanako.request('POST', '/api/metadata/publish', { body: { removals: [{ kind: 'entity', name: 'Branch' }] } }),
      () => hanako.request('PUT', '/api/metadata/drafts/role/resident', { body: { kind: 'role', name: 'resident' } }),
    ];
    for (const write of writes) expectProblem(await withoutChanges(host, write), 403, 'access.denied');
  });

  it('writes detail and messages in Japanese by default and in English for Accept-Language: en', async () => {
    const detail = async (acceptLanguage?: string) =>
      (
        await admin.request('GET', '/api/data/Book', {
          headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
        })
      ).body.detail;
    expect(await detail()).toBe('エンティティ「Book」は公開されていません。');
    expect(await detail('en')).toBe('The entity "Book" is not published.');
    expect(await detail('en-US,en;q=0.9')).toBe('The entity "Book" is not published.');
    expect(await detail('ja;q=0.4, en;q=0.8')).toBe('The entity "Book" is not published.');
    expect(await detail('fr-FR, de')).toBe('エンティティ「Book」は公開されていません。');

    const english = await librarian.request('POST', '/api/data/Branch', {
      body: { name: '西図書館', code: 'NIS', colour: 'red' },
      headers: { 'accept-language': 'en' },
    });
    expect(english.body).toMatchObject({
      detail: 'The record has invalid values.',
      errors: [{ pointer: '/colour', message: 'There is an unknown property "colour".' }],
    });
    const japanese = await librarian.request('POST', '/api/data/Branch', {
      body: { name: '西図書館', code: 'NIS', colour: 'red' },
    });
    expect(japanese.body).toMatchObject({
      detail: '入力内容に誤りがあります。',
      errors: [{ pointer: '/colour', message: '不明な項目「colour」があります。' }],
    });
  });
});
