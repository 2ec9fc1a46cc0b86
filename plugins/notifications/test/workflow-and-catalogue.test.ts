import type { DataApi } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIntake } from '../src/intake/intake-signature.ts';
import { workflowNotifyHandler } from '../src/workflow-hook.ts';
import { INTAKE_SECRET } from './channels-support.ts';
import { databaseKinds, residentWithProfile, SYSTEM, startHost, type TestHost } from './support.ts';

describe.each(databaseKinds())('workflow notices and my benefits on %s', (kind) => {
  let host: TestHost;
  let data: DataApi;

  beforeAll(async () => {
    host = await startHost(kind);
    data = host.data(SYSTEM);
  });
  afterAll(() => host?.close());

  it("delivers a workflow's notify action to the record owner's inbox", async () => {
    const resident = await residentWithProfile(host, { name: '申請 一', ward: '北区' });
    const request = await data.create('PermitRequest', { subject: '道路占用', owner: resident.id });
    const reviewer = await host.signInAs('staff', 'permit-reviewer-1', ['permit-reviewer']);
    const approved = await reviewer.request('POST', `/api/workflows/PermitRequest/${request.id}/transitions/approve`, {
      body: {},
    });
    expect(approved.status).toBe(200);
    await host.settled();
    const english = await resident.client.request('GET', '/api/plugins/notifications/inbox?language=en');
    expect(english.body.items).toEqual([
      expect.objectContaining({ category: 'workflow', body: 'Your request was approved.' }),
    ]);
    const japanese = await resident.client.request('GET', '/api/plugins/notifications/inbox');
    expect(japanese.body.items[0].body).toBe('申請が許可されました。');
    // The same transition tells every reviewer (a role), the reviewer who approved included.
    const reviewerInbox = await reviewer.request('GET', '/api/plugins/notifications/inbox?language=en');
    expect(reviewerInbox.body.items).toEqual([
      expect.objectContaining({ category: 'workflow', body: 'A request was approved.' }),
    ]);
  });

  it('delivers a notify to a role or a department to each enabled member of staff, by their channels, once', async () => {
    const ctx = host.context('notifications');
    const member = (username: string, roles: string[], department: string) =>
      host.signInAs('staff', username, roles, { department });
    const idOf = (client: Awaited<ReturnType<typeof member>>) => (client.actor as { id: string }).id;
    const kita = await member('kita-1', ['permit-reviewer'], '北区役所');
    const kitaQuiet = await member('kita-2', [], '北区役所');
    const minami = await member('minami-1', ['permit-reviewer'], '南区役所');
    await ctx.sql.query(
      `insert into contact (recipient, channel, address) values ($1, 'email', 'kita-1@city.example.jp'),
         ($2, 'email', 'kita-2@city.example.jp')`,
      [idOf(kita), idOf(kitaQuiet)],
    );
    await ctx.sql.query(
      `insert into preference (recipient, category, channel, enabled) values ($1, 'workflow', 'email', false)`,
      [idOf(kitaQuiet)],
    );
    const notify = (id: string, to: { kind: string; value: string }) =>
      workflowNotifyHandler.handler(
        {
          id,
          payload: { entity: 'PermitRequest', id: 'x', workflow: 'permit-review', to, message: { ja: `${id} です` } },
        } as unknown as Parameters<typeof workflowNotifyHandler.handler>[0],
        ctx,
      );
    await notify('evt-department', { kind: 'department', value: '北区役所' });
    await notify('evt-department', { kind: 'department', value: '北区役所' });
    await notify('evt-role', { kind: 'role', value: 'permit-reviewer' });

    const bodies = async (client: Awaited<ReturnType<typeof member>>) =>
      (await client.request('GET', '/api/plugins/notifications/inbox')).body.items
        .map((item: { body: string }) => item.body)
        .sort();
    expect(await bodies(kita)).toEqual(['evt-department です', 'evt-role です']);
    expect(await bodies(kitaQuiet)).toEqual(['evt-department です']);
    expect(await bodies(minami)).toEqual(['evt-role です']);
    const { rows } = await ctx.sql.query<{ address: string; event: string }>(
      `select d.address, entry.source_event as event from delivery d join inbox entry on entry.id = d.inbox_id
        where entry.source_event in ('evt-department', 'evt-role') order by 2, 1`,
    );
    // kita-2 switched workflow emails off; minami-1 has no contact.
    expect(rows).toEqual([
      { address: 'kita-1@city.example.jp', event: 'evt-department' },
      { address: 'kita-1@city.example.jp', event: 'evt-role' },
    ]);
  });

  it('puts a repeated workflow event in the inbox once, and keeps campaign entries out of that index', async () => {
    const ctx = host.context('notifications');
    const resident = await residentWithProfile(host, { name: '申請 二', ward: '南区' });
    const event = {
      id: `evt-${resident.id}`,
      payload: {
        entity: 'PermitRequest',
        id: 'x',
        workflow: 'permit-review',
        to: { kind: 'principal', value: resident.id },
        message: { ja: '受け付けました。' },
      },
    } as unknown as Parameters<typeof workflowNotifyHandler.handler>[0];
    await workflowNotifyHandler.handler(event, ctx);
    await workflowNotifyHandler.handler(event, ctx);
    const { rows } = await ctx.sql.query<{ n: number }>(
      'select count(*)::int as n from inbox where source_event = $1',
      [event.id],
    );
    expect(rows[0]?.n).toBe(1);
    const index = await ctx.sql.query<{ definition: string }>(
      "select pg_get_indexdef(indexrelid) as definition from pg_index where indrelid = 'inbox'::regclass and pg_get_indexdef(indexrelid) like '%(source_event, recipient)%'",
    );
    expect(index.rows.map((row) => row.definition)).toEqual([
      expect.stringMatching(/WHERE \(source_event IS NOT NULL\)$/),
    ]);
  });

  it('lists the benefits and events the resident is eligible for, with text and category search', async () => {
    const kita = await residentWithProfile(host, { name: '制度 一', ward: '北区', childAge: 2 });
    const minami = await residentWithProfile(host, { name: '制度 二', ward: '南区', childAge: 10 });
    const rule = (condition: unknown) => ({ eligibilityEntity: 'ResidentProfile', eligibility: condition });
    await data.create('CatalogueBenefit', {
      title: '児童手当',
      category: 'child',
      ...rule({ fact: 'childAge', op: 'lt', value: 15 }),
    });
    await data.create('CatalogueBenefit', {
      title: '北区子育て支援',
      category: 'child',
      ...rule({
        all: [
          { fact: 'ward', op: 'eq', value: '北区' },
          { fact: 'childAge', op: 'lte', value: 3 },
        ],
      }),
    });
    await data.create('CatalogueBenefit', { title: '終了した給付', category: 'child', periodEnd: '2020-03-31' });
    await data.create('CommunityEvent', { title: '市民まつり', category: 'event', latitude: 43.06, longitude: 141.35 });

    const titles = async (client: typeof kita.client, query = '') =>
      (await client.request('GET', `/api/plugins/notifications/my-benefits${query}`)).body.items
        .map((item: { title: string }) => item.title)
        .sort();
    expect(await titles(kita.client)).toEqual(['北区子育て支援', '児童手当', '市民まつり'].sort());
    expect(await titles(minami.client)).toEqual(['児童手当', '市民まつり'].sort());
    expect(await titles(kita.client, '?category=child')).toEqual(['北区子育て支援', '児童手当'].sort());
    expect(await titles(kita.client, `?q=${encodeURIComponent('まつり')}`)).toEqual(['市民まつり']);
  });

  it('takes benefits and events from a CMS through the signed intake, updating by the CMS id', async () => {
    await host.setSettings('notifications', { intakeSecret: INTAKE_SECRET });
    const send = (body: unknown, secret = INTAKE_SECRET) => {
      const timestamp = Math.floor(Date.now() / 1000);
      return host.request('POST', '/api/public/notifications/intake/catalogue', {
        body,
        headers: {
          'idempotency-key': `cms-${timestamp}`,
          'x-kiban-timestamp': String(timestamp),
          'x-kiban-signature': signIntake(secret, timestamp, JSON.stringify(body)),
        },
      });
    };
    const item = {
      kind: 'benefit',
      externalId: 'cms-42',
      fields: { title: '高齢者バス料金助成', category: 'senior', periodEnd: '2099-03-31' },
    };
    const created = await send(item);
    expect(created.status).toBe(201);
    const updated = await send({ ...item, fields: { ...item.fields, summary: '70歳以上の方へ' } });
    expect(updated.status).toBe(200);
    expect(updated.body.id).toBe(created.body.id);
    const stored = await data.list('CatalogueBenefit', { filter: { externalId: { eq: 'cms-42' } } });
    expect(stored).toEqual([expect.objectContaining({ title: '高齢者バス料金助成', summary: '70歳以上の方へ' })]);

    expect((await send(item, 'another-secret-0000000000')).status).toBe(401);
    const wrongKind = await send({
      kind: 'benefit',
      externalId: 'cms-43',
      fields: { title: 'x', startsAt: '2027-01-01T10:00:00Z' },
    });
    expect(wrongKind.status).toBe(422);
    expect((await send({ kind: 'benefit', externalId: 'cms-44', fields: {} })).status).toBe(422);
    expect(await data.count('CatalogueBenefit', { externalId: { in: ['cms-43', 'cms-44'] } })).toBe(0);

    // A rule that does not hold on its entity, or has none, would break or open "my benefits".
    const withRule = (externalId: string, rule: Record<string, unknown>) =>
      send({ ...item, externalId, fields: { ...item.fields, ...rule } });
    const badFact = await withRule('cms-45', {
      eligibilityEntity: 'ResidentProfile',
      eligibility: { fact: 'income', op: 'lt', value: 3 },
    });
    expect(badFact.status).toBe(422);
    expect(badFact.body.code).toBe('segment.invalid');
    const noEntity = await withRule('cms-46', { eligibility: { fact: 'ward', op: 'eq', value: '北区' } });
    expect(noEntity.status).toBe(422);
    expect(noEntity.body.errors).toEqual([
      expect.objectContaining({ pointer: '/fields/eligibilityEntity', code: 'notifications.eligibilityEntityMissing' }),
    ]);
    expect(await data.count('CatalogueBenefit', { externalId: { in: ['cms-45', 'cms-46'] } })).toBe(0);
    const badUpdate = await withRule('cms-42', {
      eligibilityEntity: 'NoSuchEntity',
      eligibility: { fact: 'ward', op: 'eq', value: '北区' },
    });
    expect(badUpdate.status).toBe(422);
    expect(await data.list('CatalogueBenefit', { filter: { externalId: { eq: 'cms-42' } } })).toEqual([
      expect.objectContaining({ summary: '70歳以上の方へ', eligibility: null }),
    ]);
    const ruled = await withRule('cms-42', {
      eligibilityEntity: 'ResidentProfile',
      eligibility: { fact: 'ward', op: 'eq', value: '北区' },
    });
    expect(ruled.status).toBe(200);
  });
});
