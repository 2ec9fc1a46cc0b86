import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '../define-plugin.ts';
import { createTestHost, type TestHost } from './test-host.ts';

/** An app package around the plugin: one entity and a staff role that may write it. */
async function appPackage(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kiban-sdk-app-'));
  await mkdir(join(dir, 'entities'));
  await mkdir(join(dir, 'roles'));
  const entity = {
    kind: 'entity',
    name: 'Visit',
    label: { ja: '来庁' },
    fields: [{ name: 'ward', type: 'string', label: { ja: '区' } }],
  };
  const role = {
    kind: 'role',
    name: 'clerk',
    label: { ja: '窓口' },
    audience: 'staff',
    permissions: [{ entity: 'Visit', actions: ['read', 'create'] }],
  };
  await writeFile(join(dir, 'entities/Visit.json'), JSON.stringify(entity));
  await writeFile(join(dir, 'roles/clerk.json'), JSON.stringify(role));
  return dir;
}

const counter = definePlugin({
  name: 'counter',
  version: '1.0.0',
  routes(app, ctx) {
    app.get('/visits', async (c) =>
      c.json({ visits: await ctx.data(c.get('actor')).count('Visit'), greeting: ctx.config.greeting }),
    );
  },
  async start(ctx) {
    ctx.logger.info('started', { greeting: ctx.config.greeting });
  },
  storage: { migrations: [{ id: '001-tally', sql: 'create table tally (visit_id uuid primary key)' }] },
});

describe('createTestHost', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await createTestHost({
      plugins: [counter],
      packages: [await appPackage()],
      config: { counter: { greeting: 'こんにちは' } },
    });
  });
  afterAll(() => host?.close());

  it('signs principals in and sends requests as them, as a username, as admin or anonymously', async () => {
    const clerk = await host.signInAs('staff', 'clerk-1', ['clerk']);
    expect(clerk.actor).toEqual({
      kind: 'principal',
      id: expect.any(String),
      principalKind: 'staff',
      roles: ['clerk'],
    });
    expect((await clerk.request('POST', '/api/data/Visit', { body: { ward: '北区' } })).status).toBe(201);
    expect((await host.request('GET', '/api/plugins/counter/visits', { as: 'clerk-1' })).body).toEqual({
      visits: 1,
      greeting: 'こんにちは',
    });
    expect((await host.request('GET', '/api/data/Visit', { as: 'admin' })).body.items).toHaveLength(1);
    expect((await host.request('GET', '/api/plugins/counter/visits')).status).toBe(401);
  });

  it('runs the plugin storage migrations, so that tests can use ctx.sql and ctx.segments on them', async () => {
    for (const ward of ['kita', 'kita', 'minami']) await host.data({ kind: 'system' }).create('Visit', { ward });
    const ctx = host.context();
    const rule = {
      kind: 'rule',
      name: 'kita',
      label: { ja: '北区' },
      entity: 'Visit',
      condition: { fact: 'ward', op: 'eq', value: 'kita' },
    };
    const kita = await ctx.segments.select('Visit', rule);
    expect((await ctx.sql.query(`insert into tally select id from (${kita.text}) s`, kita.params)).rowCount).toBe(2);
  });

  it('gives the data API as an actor, and collects what plugins log', async () => {
    const clerk = await host.signInAs('staff', 'clerk-2', ['clerk']);
    await host.data(clerk.actor).create('Visit', { ward: '南区' });
    expect(await host.data({ kind: 'system' }).count('Visit', { ward: { eq: '南区' } })).toBe(1);
    expect(host.logs).toEqual([
      expect.objectContaining({ plugin: 'counter', message: 'started', fields: { greeting: 'こんにちは' } }),
    ]);
  });
});

describe('createTestHost with jobs', () => {
  let host: TestHost;
  const seen: unknown[] = [];
  beforeAll(async () => {
    const mailer = definePlugin({
      name: 'mailer',
      version: '1.0.0',
      settings: {
        schema: {
          type: 'object',
          properties: { from: { type: 'string', format: 'email' }, password: { type: 'string', writeOnly: true } },
        },
      },
      jobs: [
        {
          name: 'send',
          handler: async (payload, ctx) => void seen.push({ ...(payload as object), ...(await ctx.settings()) }),
        },
        {
          name: 'bounce',
          maxAttempts: 1,
          async handler() {
            throw new Error('no such mailbox');
          },
        },
      ],
    });
    host = await createTestHost({ plugins: [mailer] });
  });
  afterAll(() => host?.close());

  it('runs enqueued jobs on demand only, and lists the dead ones', async () => {
    expect((await host.setSettings('mailer', { from: 'not an address' })).status).toBe(422);
    expect((await host.setSettings('mailer', { from: 'desk@city.example.jp', password: 'p4ss' })).status).toBe(200);
    await host.context().jobs.enqueue('send', { to: 'a' }, { key: 'a' });
    await host.context().jobs.enqueue('send', { to: 'a' }, { key: 'a' });
    await host.context().jobs.enqueue('bounce');
    expect(seen).toEqual([]);
    expect(await host.runJobs()).toEqual({ done: 1, retried: 0, dead: 1 });
    // Once applied; work outside the database may repeat (the failing job rolled back their batch).
    expect(new Set(seen.map((each) => JSON.stringify(each)))).toEqual(
      new Set([JSON.stringify({ to: 'a', from: 'desk@city.example.jp', password: 'p4ss' })]),
    );
    expect(await host.jobs('done')).toHaveLength(1);
    expect(await host.jobs('dead')).toMatchObject([{ name: 'mailer.bounce', lastError: 'no such mailbox' }]);
  });
});
