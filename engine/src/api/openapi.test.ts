import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { LIBRARY_CARD } from './api-test-support.ts';

async function expectValid(document: Record<string, unknown>): Promise<void> {
  const validator = new Validator();
  const result = await validator.validate(document);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
}

const operations = (body: { paths: Record<string, Record<string, unknown>> }) =>
  Object.entries(body.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => key !== 'parameters')
      .map((method) => `${method.toUpperCase()} ${path}`),
  );

describe.each(testDatabaseKinds())('the generated OpenAPI document on %s', (kind) => {
  let host: TestEngine;
  let admin: TestClient;
  let resident: TestClient;
  let librarian: TestClient;
  let nobody: TestClient;

  beforeAll(async () => {
    host = await startTestEngine(kind, [LIBRARY_CARD]);
    admin = await host.signIn('admin', 'test-admin-password');
    resident = await host.principal('resident', 'resident1', ['resident']);
    librarian = await host.principal('staff', 'librarian1', ['librarian']);
    nobody = await host.principal('staff', 'no-roles', []);
  });
  afterAll(() => host.close());

  it('is a valid OpenAPI 3.1 document for every caller, without the access marks', async () => {
    for (const caller of [admin, resident, librarian, nobody]) {
      const { body } = await caller.request('GET', '/api/openapi.json');
      await expectValid(body);
      expect(JSON.stringify(body)).not.toContain('x-kiban-access');
    }
  });

  it('describes every published entity with read, create and update schemas from the metadata', async () => {
    const { body } = await admin.request('GET', '/api/openapi.json');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/data/Applicant', '/api/data/Application/{id}', '/api/data/Branch']),
    );
    const { Branch, BranchCreate, BranchUpdate } = body.components.schemas;
    expect(BranchCreate.required).toEqual(expect.arrayContaining(['name', 'code']));
    expect(BranchCreate.additionalProperties).toBe(false);
    expect(BranchUpdate.required ?? []).toEqual([]);
    expect(Branch.properties).toHaveProperty('version');
    expect(Branch.properties).not.toHaveProperty('applications');
    expect(body.paths['/api/data/Branch/{id}'].patch.parameters).toEqual([
      expect.objectContaining({ name: 'If-Match', in: 'header', required: true }),
    ]);
    expect(body.components.schemas.Application.properties).toHaveProperty('notes');
  });

  it("shows a resident only the routes, entities and fields the resident's role allows", async () => {
    const { body } = await resident.request('GET', '/api/openapi.json');
    const shown = operations(body);
    expect(shown).toEqual(
      expect.arrayContaining([
        'GET /api/data/Branch',
        'GET /api/data/Branch/{id}',
        'POST /api/data/Application',
        'PATCH /api/data/Application/{id}',
        'DELETE /api/data/Application/{id}',
      ]),
    );
    for (const hidden of ['POST /api/data/Branch', 'PATCH /api/data/Branch/{id}', 'DELETE /api/data/Branch/{id}']) {
      expect(shown).not.toContain(hidden);
    }
    const schemas = body.components.schemas;
    expect(Object.keys(schemas)).not.toContain('BranchCreate');
    expect(Object.keys(schemas)).not.toContain('BranchUpdate');
    // The hidden field is gone everywhere; read-only ones stay readable but are not writable.
    expect(schemas.Application.properties).not.toHaveProperty('notes');
    expect(schemas.Application.properties).toHaveProperty('status');
    expect(schemas.ApplicationCreate.properties).toHaveProperty('branch');
    expect(schemas.ApplicationCreate.properties).toHaveProperty('applicant');
    for (const name of ['notes', 'status', 'cardNumber', 'issuedAt']) {
      expect(schemas.ApplicationCreate.properties).not.toHaveProperty(name);
      expect(schemas.ApplicationUpdate.properties).not.toHaveProperty(name);
    }
    const filter = body.paths['/api/data/Application'].get.parameters.find(
      (parameter: { name: string }) => parameter.name === 'filter',
    );
    expect(filter.schema.properties).toHaveProperty('branch');
    expect(filter.schema.properties).not.toHaveProperty('notes');
  });

  it('shows a librarian what the librarian may do, and a caller without roles no entity at all', async () => {
    const librarianView = await librarian.request('GET', '/api/openapi.json');
    const shown = operations(librarianView.body);
    expect(shown).toEqual(expect.arrayContaining(['POST /api/data/Branch', 'PATCH /api/data/Application/{id}']));
    expect(shown).not.toContain('POST /api/data/Application');
    expect(shown).not.toContain('DELETE /api/data/Branch/{id}');
    expect(librarianView.body.components.schemas.ApplicationUpdate.properties).not.toHaveProperty('branch');
    expect(librarianView.body.components.schemas.Application.properties).toHaveProperty('notes');

    const empty = await nobody.request('GET', '/api/openapi.json');
    expect(operations(empty.body).filter((operation) => operation.includes('/api/data/'))).toEqual([]);
    expect(Object.keys(empty.body.components.schemas).filter((name) => name.startsWith('Appl'))).toEqual([]);
  });

  it('needs a signed-in principal', async () => {
    expect((await host.client().request('GET', '/api/openapi.json')).status).toBe(401);
  });
});
