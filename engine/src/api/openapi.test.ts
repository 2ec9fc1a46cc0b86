import { resolve } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine } from '../testing/index.ts';

const APP = resolve(import.meta.dirname, '../../../examples/library-card/metadata');

describe('the generated OpenAPI document', () => {
  let host: TestEngine;
  let admin: TestClient;

  beforeAll(async () => {
    host = await startTestEngine('pglite', [APP]);
    admin = await host.signIn('admin', 'test-admin-password');
  });
  afterAll(() => host.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    const { body } = await admin.request('GET', '/api/openapi.json');
    const validator = new Validator();
    const result = await validator.validate(body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
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
  });

  it('needs a signed-in principal', async () => {
    expect((await host.client().request('GET', '/api/openapi.json')).status).toBe(401);
  });
});
