import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../engine/src/testing/index.ts';

const LIBRARY = resolve(import.meta.dirname, '../examples/library-card/metadata');

/** What the designer needs from the engine besides the metadata registry: packages, rule previews, its page. */
describe.each(testDatabaseKinds())('the designer API on %s', (kind) => {
  let source: TestEngine;
  let target: TestEngine;
  let admin: TestClient;
  let designerDir: string;

  beforeAll(async () => {
    designerDir = await mkdtemp(join(tmpdir(), 'kiban-designer-'));
    await writeFile(join(designerDir, 'designer.html'), '<!doctype html><title>designer</title>');
    await writeFile(join(designerDir, 'designer.js'), 'export {};');
    [source, target] = await Promise.all([
      startTestEngine(kind, [LIBRARY], { designerDir }),
      startTestEngine(kind, [], { designerDir }),
    ]);
    admin = await source.signIn('admin', 'test-admin-password');
  });
  afterAll(async () => {
    await Promise.all([source?.close(), target?.close()]);
    await rm(designerDir, { recursive: true, force: true });
  });

  it('serves the designer with its own content security policy', async () => {
    const page = await source.client().request('GET', '/designer/entities/Branch');
    expect(page.body).toContain('<title>designer</title>');
    expect(page.headers.get('content-security-policy')).toContain("worker-src 'self' blob:");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    expect((await source.client().request('GET', '/designer/assets/designer.js')).status).toBe(200);
  });

  it('exports the app as an archive that another engine plans and imports', async () => {
    const exported = await source.engine.app.request('/api/admin/packages/export', {
      method: 'POST',
      headers: { cookie: await cookieOf(source), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'library-card', version: '1.0.0' }),
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('library-card-1.0.0.tar.gz');
    const archive = new Uint8Array(await exported.arrayBuffer());

    const targetCookie = await cookieOf(target);
    const upload = (path: string) =>
      target.engine.app.request(path, {
        method: 'POST',
        headers: { cookie: targetCookie, 'content-type': 'application/gzip' },
        body: archive,
      });
    const plan = await upload('/api/admin/packages/plan');
    expect(plan.status).toBe(200);
    expect((await plan.json()).created).toHaveLength(source.engine.live().items.length);
    expect(target.engine.live().items).toEqual([]);

    const imported = await upload('/api/admin/packages/import');
    expect(imported.status).toBe(200);
    expect((await imported.json()).applied).toBe(true);
    expect(target.engine.live().items.length).toBe(source.engine.live().items.length);

    const garbage = await target.engine.app.request('/api/admin/packages/plan', {
      method: 'POST',
      headers: { cookie: targetCookie, 'content-type': 'application/gzip' },
      body: new TextEncoder().encode('not an archive'),
    });
    expect(garbage.status).toBe(422);
    const librarian = await source.principal('staff', 'librarian1', ['librarian']);
    expect(
      (await librarian.request('POST', '/api/admin/packages/export', { body: { name: 'x', version: '1.0.0' } })).status,
    ).toBe(403);
  });

  it('audits a refused import: an unreadable archive and a package that does not fit', async () => {
    const cookie = await cookieOf(source);
    const upload = (body: Uint8Array<ArrayBuffer>) =>
      source.engine.app.request('/api/admin/packages/import', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/gzip' },
        body,
      });
    expect((await upload(new TextEncoder().encode('not an archive'))).status).toBe(422);
    const refusals = await admin.request('GET', '/api/audit?limit=5');
    expect(refusals.body.items).toContainEqual(
      expect.objectContaining({ action: 'package.refused', detail: { code: 'package.unreadable' } }),
    );
    const unfit = await source.engine.packages.read(await exportOf(target, designerDir));
    await expect(
      source.engine.packages.import({
        ...unfit,
        manifest: { ...unfit.manifest, requires: { plugins: { nope: '^1' } } },
      }),
    ).rejects.toMatchObject({ code: 'package.requires' });
    const latest = await admin.request('GET', '/api/audit?limit=1');
    expect(latest.body.items[0]).toMatchObject({
      action: 'package.refused',
      principalKind: 'anonymous',
      detail: { code: 'package.requires', package: { name: 'target-app', version: '2.0.0' } },
    });
  });

  it('previews a rule being edited, and refuses one that does not validate', async () => {
    const rule = {
      kind: 'rule',
      name: 'kita-branches',
      label: { ja: '北区の図書館' },
      entity: 'Branch',
      use: 'segment',
      condition: { fact: 'ward', op: 'eq', value: '北区' },
    };
    await admin.request('POST', '/api/data/Branch', { body: { name: '北図書館', code: 'KIT', ward: '北区' } });
    await admin.request('POST', '/api/data/Branch', { body: { name: '南図書館', code: 'MIN', ward: '南区' } });
    const preview = await admin.request('POST', '/api/segments/preview', { body: { rule } });
    expect(preview.status).toBe(200);
    expect(preview.body.count).toBe(1);
    expect(preview.body.sample).toEqual([expect.objectContaining({ code: 'KIT' })]);

    const invalid = await admin.request('POST', '/api/segments/preview', {
      body: { rule: { ...rule, condition: { fact: 'wrd', op: 'eq', value: '北区' } } },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toEqual([expect.objectContaining({ pointer: '/rule/condition/fact' })]);
  });
});

/** The host's app exported as package target-app 2.0.0 into `dir`. */
async function exportOf(host: TestEngine, dir: string): Promise<string> {
  await host.engine.packages.export(join(dir, 'target-app'), { name: 'target-app', version: '2.0.0' });
  return join(dir, 'target-app');
}

async function cookieOf(host: TestEngine): Promise<string> {
  const response = await host.engine.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'test-admin-password' }),
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}
