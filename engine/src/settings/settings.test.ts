import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definePlugin } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../plugins/index.ts';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { loadSecretKey } from './secret-key.ts';

const SECRET = 'sk-live-7f3a9c1e5b2d4068';

const gateway = definePlugin({
  name: 'gateway',
  version: '1.0.0',
  settings: {
    schema: {
      type: 'object',
      required: ['endpoint'],
      properties: {
        endpoint: { type: 'string', pattern: '^https://' },
        apiKey: { type: 'string', minLength: 8, writeOnly: true },
        perMinute: { type: 'integer', minimum: 1, maximum: 1000 },
      },
      additionalProperties: false,
    },
  },
  routes(app, ctx) {
    app.get('/probe', async (c) => {
      const settings = await ctx.settings<{ endpoint?: string; apiKey?: string }>();
      ctx.logger.info('settings read', { endpoint: settings.endpoint });
      return c.json({ endpoint: settings.endpoint ?? null, keyMatches: settings.apiKey === SECRET });
    });
  },
});

describe.each(testDatabaseKinds())('plugin settings on %s', (kind) => {
  let host: TestEngine;
  let admin: TestClient;
  const logs: LogEntry[] = [];

  beforeAll(async () => {
    host = await startTestEngine(
      kind,
      [],
      { secretKey: Buffer.alloc(32, 7).toString('base64') },
      {
        plugins: [gateway],
        log: (entry) => logs.push(entry),
      },
    );
    admin = await host.signIn('admin', 'test-admin-password');
  });
  afterAll(() => host?.close());

  const rawRow = async () =>
    (
      await host.engine
        .live()
        .sql()
        .query<{ row: string }>(`select t::text as row from kiban_plugin_settings t where plugin = 'gateway'`)
    )[0]?.row;

  it('refuses settings the schema does not allow with a 422 that stores nothing', async () => {
    const bad = await admin.request('PUT', '/api/admin/settings/gateway', {
      body: { endpoint: 'http://plain', apiKey: 'short', perMinute: 0, extra: true },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual([
      '/apiKey',
      '/endpoint',
      '/extra',
      '/perMinute',
    ]);
    expect(JSON.stringify(bad.body)).not.toContain('short');
    expect(await rawRow()).toBeUndefined();
    expect(
      (
        await admin.request('PUT', '/api/admin/settings/gateway', {
          rawBody: '[1]',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
  });

  it('stores a secret encrypted, never returns it, and gives it to the plugin in clear', async () => {
    const saved = await admin.request('PUT', '/api/admin/settings/gateway', {
      body: { endpoint: 'https://api.example.jp', apiKey: SECRET, perMinute: 60 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      values: { endpoint: 'https://api.example.jp', perMinute: 60 },
      secrets: { apiKey: true },
    });
    expect(JSON.stringify(saved.body)).not.toContain(SECRET);
    expect(JSON.stringify((await admin.request('GET', '/api/admin/settings')).body)).not.toContain(SECRET);

    const raw = await rawRow();
    expect(raw).toContain('https://api.example.jp');
    expect(raw).not.toContain(SECRET);
    expect(raw).not.toContain(Buffer.from(SECRET).toString('base64'));

    const probe = await admin.request('GET', '/api/plugins/gateway/probe');
    expect(probe.body).toEqual({ endpoint: 'https://api.example.jp', keyMatches: true });
    const audit = await host.engine
      .live()
      .sql()
      .query<{ detail: unknown }>(`select detail from kiban_audit where action = 'settings.update'`);
    expect(audit).toEqual([{ detail: { plugin: 'gateway', fields: ['apiKey', 'endpoint', 'perMinute'] } }]);
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    expect(JSON.stringify(logs)).not.toContain(SECRET);
  });

  it('keeps a secret left out of an update, removes one set to null', async () => {
    await admin.request('PUT', '/api/admin/settings/gateway', { body: { endpoint: 'https://b.example.jp' } });
    expect((await admin.request('GET', '/api/plugins/gateway/probe')).body).toEqual({
      endpoint: 'https://b.example.jp',
      keyMatches: true,
    });
    const removed = await admin.request('PUT', '/api/admin/settings/gateway', {
      body: { endpoint: 'https://b.example.jp', apiKey: null },
    });
    expect(removed.body.secrets).toEqual({});
    expect((await admin.request('GET', '/api/plugins/gateway/probe')).body.keyMatches).toBe(false);
  });

  it('leaves settings out of exported packages', async () => {
    await admin.request('PUT', '/api/admin/settings/gateway', {
      body: { endpoint: 'https://c.example.jp', apiKey: SECRET },
    });
    const dir = await mkdtemp(join(tmpdir(), 'kiban-settings-export-'));
    await host.engine.packages.export(dir, { name: 'app', version: '1.0.0' });
    for (const file of await readdir(dir, { recursive: true })) {
      const path = join(dir, file);
      if ((await stat(path)).isFile()) expect(await readFile(path, 'utf8')).not.toContain('c.example.jp');
    }
  });

  it('lets only principals with platform.manage in, and knows only plugins with settings', async () => {
    expect((await admin.request('GET', '/api/admin/settings/nothing')).status).toBe(404);
    const clerk = await host.principal('staff', 'clerk', []);
    expect((await clerk.request('GET', '/api/admin/settings')).status).toBe(403);
    expect(
      (await clerk.request('PUT', '/api/admin/settings/gateway', { body: { endpoint: 'https://x' } })).status,
    ).toBe(403);
  });
});

describe('the secret key', () => {
  it('is generated once into the data directory, readable by its owner only, or taken from KIBAN_SECRET_KEY', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiban-secret-key-'));
    const first = await loadSecretKey(undefined, dir);
    expect(first).toHaveLength(32);
    expect((await stat(join(dir, 'secret.key'))).mode & 0o777).toBe(0o600);
    expect((await loadSecretKey(undefined, dir)).equals(first)).toBe(true);
    const given = Buffer.alloc(32, 1);
    expect((await loadSecretKey(given.toString('hex'), dir)).equals(given)).toBe(true);
    await expect(loadSecretKey('too-short', dir)).rejects.toThrow('KIBAN_SECRET_KEY must hold 32 bytes');
  });
});
