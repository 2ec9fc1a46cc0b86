import { resolve } from 'node:path';
import { definePlugin } from '@kiban/sdk';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine } from '../testing/index.ts';

const APP = resolve(import.meta.dirname, '../../../examples/library-card/metadata');

const stamps = definePlugin({
  name: 'stamps',
  version: '1.0.0',
  actions: [
    {
      name: 'issue',
      label: { ja: 'スタンプを発行', en: 'Issue stamps' },
      input: { type: 'object', required: ['count'], properties: { count: { type: 'integer', minimum: 1 } } },
      roles: ['librarian'],
      handler: async (input: unknown) => input,
    },
  ],
});

describe('the generated OpenAPI document', () => {
  let host: TestEngine;
  let admin: TestClient;

  beforeAll(async () => {
    host = await startTestEngine('pglite', [APP], {}, { plugins: [stamps] });
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

  it('documents every route the engine serves, and each plugin action with its input schema', async () => {
    const { body } = await admin.request('GET', '/api/openapi.json');
    // Records and workflows are documented per published entity and workflow, plugin routes by their plugin.
    const generated = /^\/api\/(?:data|workflows\/:entity|plugins)\//;
    const served = host.engine.app.routes
      .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/') && !generated.test(route.path))
      .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
      .filter((route) => route !== 'post /api/actions/{name}');
    const documented = Object.entries(body.paths as Record<string, object>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(served.length).toBeGreaterThan(30);
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
    expect(body.paths['/api/actions/stamps.issue'].post).toMatchObject({
      requestBody: { content: { 'application/json': { schema: { required: ['count'] } } } },
      description: 'Roles: librarian',
    });
    expect(
      body.paths['/api/admin/principals'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('department');
  });

  it('needs a signed-in principal', async () => {
    expect((await host.client().request('GET', '/api/openapi.json')).status).toBe(401);
  });
});
