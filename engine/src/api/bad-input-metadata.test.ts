import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
  testDatabaseKinds,
} from '../testing/index.ts';
import { expectProblem, LIBRARY_CARD, withoutChanges } from './api-test-support.ts';

describe.each(testDatabaseKinds())('metadata publications that must be refused on %s', (kind) => {
  let host: TestEngine;
  let admin: TestClient;
  // biome-ignore lint/suspicious/noExplicitAny: metadata items are edited as plain JSON
  let branch: any;
  let generation: number;

  beforeAll(async () => {
    host = await startTestEngine(kind, [LIBRARY_CARD]);
    admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
    const librarian = await host.principal('staff', 'librarian1', ['librarian']);
    await librarian.request('POST', '/api/data/Branch', { body: { name: '北図書館', code: 'KIT', seats: 120 } });
    branch = (await admin.request('GET', '/api/metadata/entity/Branch')).body;
    generation = host.engine.live().generation;
  });
  afterAll(() => host.close());

  /** What a client can see of the published app: its items, versions and API document. */
  const published = async () => ({
    metadata: (await admin.request('GET', '/api/metadata')).body,
    versions: (await admin.request('GET', '/api/metadata/entity/Branch/versions')).body,
    openapi: (await admin.request('GET', '/api/openapi.json')).body,
  });

  const publish = async (body: unknown, headers: Record<string, string> = {}) => {
    const before = await published();
    const response = await withoutChanges(host, () =>
      admin.request('POST', '/api/metadata/publish', { body, headers }),
    );
    expect(await published()).toEqual(before);
    return response;
  };

  const brokenBranch = () => {
    const broken = structuredClone(branch);
    broken.fields[0].type = 'strng';
    delete broken.fields[1].label;
    return broken;
  };

  it('refuses an item that fails its schema with 422 metadata.invalid, pointing at each problem', async () => {
    const response = await publish({ upserts: [brokenBranch()] });
    expectProblem(response, 422, 'metadata.invalid', [
      { pointer: '/entity/Branch/fields/0/type', code: 'schema.enum' },
      { pointer: '/entity/Branch/fields/1/label', code: 'schema.required' },
    ]);
    expect(response.body.detail).toBe('メタデータに 2 件の問題があります。');
    expect(response.body.errors.map((error: { message: string }) => error.message)).toEqual([
      expect.stringContaining('fields[0].type に "strng" は使えません。使える値: "string", "text"'),
      'fields[1] に必須の項目「label」がありません。',
    ]);
  });

  it('gives the same problems in English for Accept-Language: en', async () => {
    const response = await publish({ upserts: [brokenBranch()] }, { 'accept-language': 'en' });
    expect(response.status).toBe(422);
    expect(response.body.detail).toBe('The metadata has 2 problem(s).');
    expect(response.body.errors.map((error: { message: string }) => error.message)).toEqual([
      expect.stringContaining('fields[0].type cannot be "strng". Allowed values: "string", "text"'),
      'fields[1] is missing the required property "label".',
    ]);
  });

  it('refuses a reference to an entity that does not exist as a semantic problem', async () => {
    const extended = structuredClone(branch);
    extended.fields.push({ name: 'region', type: 'reference', target: 'Region', label: { ja: '地域' } });
    const response = await publish({ upserts: [extended] });
    expectProblem(response, 422, 'metadata.invalid', [
      { pointer: '/entity/Branch/fields/6/target', code: 'semantic.unknownEntity' },
    ]);
    expect(response.body.errors[0].message).toBe('fields[6].target に指定したエンティティ「Region」はありません。');
  });

  it('refuses removing an entity that other items still use, naming each user', async () => {
    const response = await publish({ removals: [{ kind: 'entity', name: 'Branch' }] });
    expectProblem(response, 422, 'metadata.invalid', [
      { pointer: '/entity/Application/fields/1/target', code: 'semantic.unknownEntity' },
      { pointer: '/role/librarian/permissions/0/entity', code: 'semantic.unknownEntity' },
      { pointer: '/role/resident/permissions/0/entity', code: 'semantic.unknownEntity' },
    ]);
  });

  it('applies nothing of a publication when one of its items is invalid', async () => {
    const withPhone = structuredClone(branch);
    withPhone.fields.push({ name: 'phone', type: 'phone', label: { ja: '電話番号' } });
    const applicant = (await admin.request('GET', '/api/metadata/entity/Applicant')).body;
    applicant.fields[0].maxLength = -1;
    const response = await publish({ upserts: [withPhone, applicant] });
    expectProblem(response, 422, 'metadata.invalid', [
      { pointer: '/entity/Applicant/fields/0/maxLength', code: 'schema.minimum' },
    ]);
  });

  it('refuses an invalid publication even as a dry run', async () => {
    const response = await publish({ upserts: [brokenBranch()], dryRun: true });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('metadata.invalid');
  });

  it('refuses a publish request whose shape is wrong with 422 request.invalid', async () => {
    expectProblem(await publish({ upsert: [branch] }), 422, 'request.invalid', [
      { pointer: '/upsert', code: 'schema.additionalProperties' },
    ]);
    const { name: _name, ...nameless } = branch;
    expectProblem(await publish({ upserts: [nameless, { ...branch, kind: 'widget' }] }), 422, 'request.invalid', [
      { pointer: '/upserts/0/name', code: 'schema.required' },
      { pointer: '/upserts/1/kind', code: 'schema.enum' },
    ]);
    expectProblem(await publish({ removals: [{ kind: 'entity' }], dryRun: 'yes' }), 422, 'request.invalid', [
      { pointer: '/removals/0/name', code: 'schema.required' },
      { pointer: '/dryRun', code: 'schema.type' },
    ]);
  });

  it('keeps serving the records of the live generation after every refusal', async () => {
    const records = await admin.request('GET', '/api/data/Branch');
    expect(records.body.items).toEqual([expect.objectContaining({ code: 'KIT', seats: 120 })]);
    expect(records.body.items[0]).not.toHaveProperty('phone');
    expect(host.engine.live().generation).toBe(generation);
  });
});
