import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../api/api-test-support.ts';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';

const FEES = resolve(import.meta.dirname, 'test-apps/fees');

describe.each(testDatabaseKinds())('computed fields and line items on %s', (kind) => {
  let host: TestEngine;
  let clerk: TestClient;
  let copy: string;
  let seal: string;

  beforeAll(async () => {
    host = await startTestEngine(kind, [FEES]);
    clerk = await host.principal('staff', 'clerk1', ['clerk']);
    copy = (await clerk.request('POST', '/api/data/FeeItem', { body: { title: '住民票の写し', fee: '300' } })).body.id;
    seal = (await clerk.request('POST', '/api/data/FeeItem', { body: { title: '印鑑登録証明書', fee: '350.5' } })).body
      .id;
  });
  afterAll(() => host?.close());

  /** A partial update of the version just read. */
  const patch = async (entity: string, id: string, body: Record<string, unknown>) => {
    const current = await clerk.request('GET', `/api/data/${entity}/${id}`);
    return clerk.request('PATCH', `/api/data/${entity}/${id}`, {
      body,
      headers: { 'if-match': current.headers.get('etag') ?? '' },
    });
  };
  const remove = async (entity: string, id: string) => {
    const current = await clerk.request('GET', `/api/data/${entity}/${id}`);
    return clerk.request('DELETE', `/api/data/${entity}/${id}`, {
      headers: { 'if-match': current.headers.get('etag') ?? '' },
    });
  };
  /** Row counts of the app's tables and the total of every stored computed value. */
  const tables = async () =>
    host.engine
      .live()
      .sql()
      .query(
        `select (select count(*)::int from app_fee_application) as applications, (select count(*)::int from app_fee_line) as lines,
                (select md5(string_agg(t::text, '|' order by t.id)) from app_fee_application t) as digest`,
      );

  const lines = (id: string) => clerk.request('GET', `/api/data/FeeLine?filter[application][eq]=${id}&limit=100`);

  it('stores every computed field with the parent and its line items in one create', async () => {
    const created = await clerk.request('POST', '/api/data/FeeApplication', {
      body: {
        familyName: '山田',
        givenName: '花子',
        birthDate: '2000-02-29',
        appliedOn: '2026-04-28',
        lines: [
          { item: copy, quantity: 2 },
          { item: seal, quantity: 3 },
        ],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      fullName: '山田　花子',
      ageAtApplication: 26,
      // 29 Apr and 4–6 May are holidays, 2–3 and 9–10 May weekends: the fifth business day is 11 May.
      dueOn: '2026-05-11',
      lineCount: 2,
      total: '1651.50',
      totalWithTax: '1817',
    });
    const stored = await lines(created.body.id);
    expect(stored.body.items.map((line: { amount: string }) => line.amount).sort()).toEqual(['1051.50', '600.00']);
    // Every line is announced like any other write, with the parent's own event.
    const ids = [created.body.id, ...stored.body.items.map((line: { id: string }) => line.id)];
    const [events] = await host.engine
      .live()
      .sql()
      .query<{ count: number }>(
        `select count(*)::int as count from kiban_outbox where type = 'record.created' and payload->>'id' = any(array[?]::text[])`,
        [ids],
      );
    expect(events?.count).toBe(3);
    // Audited like any create: the lines in one row, the parent in its own, both by the clerk.
    const audits = await host.engine
      .live()
      .sql()
      .query<{ entity: string; record_ids: string[]; fields: string[]; principal_id: string }>(
        `select entity, record_ids, fields, principal_id::text from kiban_audit
          where action = 'create' and record_ids && array[?]::text[] order by id`,
        [ids],
      );
    const clerkId = (await clerk.request('GET', '/api/auth/me')).body.principal.id;
    expect(audits.map((row) => [row.entity, [...row.record_ids].sort(), row.principal_id])).toEqual([
      ['FeeLine', ids.slice(1).sort(), clerkId],
      ['FeeApplication', [created.body.id], clerkId],
    ]);
    expect(audits[1]?.fields).toContain('lines');
  });

  it('recomputes the parent in the transaction of a child create, update and delete', async () => {
    const created = await clerk.request('POST', '/api/data/FeeApplication', {
      body: { familyName: '佐藤', lines: [{ item: copy, quantity: 1 }] },
    });
    const id = created.body.id;
    const total = async () => (await clerk.request('GET', `/api/data/FeeApplication/${id}`)).body.total;
    expect(await total()).toBe('300.00');

    const line = await clerk.request('POST', '/api/data/FeeLine', {
      body: { application: id, item: seal, quantity: 2 },
    });
    expect(line.status).toBe(201);
    expect(line.body.amount).toBe('701.00');
    expect((await clerk.request('GET', `/api/data/FeeLine/${line.body.id}`)).body.amount).toBe('701.00');
    expect(await total()).toBe('1001.00');

    expect((await patch('FeeLine', line.body.id, { quantity: 1 })).status).toBe(200);
    expect(await total()).toBe('650.50');

    // A price change reaches the lines that refer to the item and, through them, the totals.
    expect((await patch('FeeItem', seal, { fee: '400' })).status).toBe(200);
    expect(await total()).toBe('700.00');
    expect((await patch('FeeItem', seal, { fee: '350.5' })).status).toBe(200);

    expect((await remove('FeeLine', line.body.id)).status).toBe(204);
    expect(await total()).toBe('300.00');
  });

  it('refuses a write of a computed field and changes nothing', async () => {
    const created = await clerk.request('POST', '/api/data/FeeApplication', {
      body: { familyName: '鈴木', lines: [{ item: copy, quantity: 1 }] },
    });
    const before = await tables();
    const refusedCreate = await clerk.request('POST', '/api/data/FeeApplication', {
      body: { familyName: '鈴木', total: '1', lines: [{ item: copy, quantity: 1 }] },
    });
    expect(refusedCreate.status).toBe(422);
    expect(refusedCreate.body.errors[0].pointer).toBe('/total');
    const refusedUpdate = await patch('FeeApplication', created.body.id, { total: '0' });
    expect(refusedUpdate.status).toBe(422);
    expect(refusedUpdate.body.errors[0].pointer).toBe('/total');
    const refusedChild = await clerk.request('POST', '/api/data/FeeLine', {
      body: { application: created.body.id, quantity: 1, amount: '5' },
    });
    expect(refusedChild.status).toBe(422);
    expect(await tables()).toEqual(before);
  });

  it('saves nothing when one line item is bad, and points at it', async () => {
    const before = (await clerk.request('GET', '/api/data/FeeLine')).body.items.length;
    const refused = await clerk.request('POST', '/api/data/FeeApplication', {
      body: {
        familyName: '高橋',
        lines: [
          { item: copy, quantity: 1 },
          { item: copy, quantity: 0 },
        ],
      },
    });
    expectProblem(refused, 422, 'record.invalid', [{ pointer: '/lines/1/quantity', code: 'schema.minimum' }]);
    const names = (await clerk.request('GET', '/api/data/FeeApplication')).body.items.map(
      (each: { familyName: string }) => each.familyName,
    );
    expect(names).not.toContain('高橋');
    expect((await clerk.request('GET', '/api/data/FeeLine')).body.items.length).toBe(before);
  });

  it('holds the collection to its fewest and most rows', async () => {
    const none = await clerk.request('POST', '/api/data/FeeApplication', { body: { familyName: '伊藤', lines: [] } });
    expect(none.status).toBe(422);
    expect(none.body.errors[0]).toMatchObject({ pointer: '/lines', code: 'schema.minItems' });
    const missing = await clerk.request('POST', '/api/data/FeeApplication', { body: { familyName: '伊藤' } });
    expect(missing.status).toBe(422);
    const many = await clerk.request('POST', '/api/data/FeeApplication', {
      body: { familyName: '伊藤', lines: Array.from({ length: 11 }, () => ({ item: copy, quantity: 1 })) },
    });
    expect(many.status).toBe(422);
    expect(many.body.errors[0]).toMatchObject({ pointer: '/lines', code: 'schema.maxItems' });
  });

  it('holds the bounds when a line is written on its own: no eleventh line, no deleting the last, no moving it away', async () => {
    const full = await clerk.request('POST', '/api/data/FeeApplication', {
      body: { familyName: '山本', lines: Array.from({ length: 10 }, () => ({ item: copy, quantity: 1 })) },
    });
    const single = await clerk.request('POST', '/api/data/FeeApplication', {
      body: { familyName: '中村', lines: [{ item: copy, quantity: 1 }] },
    });
    const before = await tables();
    const eleventh = await clerk.request('POST', '/api/data/FeeLine', {
      body: { application: full.body.id, item: copy, quantity: 1 },
    });
    expectProblem(eleventh, 422, 'record.lineItemCount', [{ pointer: '/application', code: 'record.lineItemCount' }]);
    const [last] = (await lines(single.body.id)).body.items as { id: string }[];
    const bound = [{ pointer: '/application', code: 'record.lineItemCount' }];
    expectProblem(await remove('FeeLine', last.id), 422, 'record.lineItemCount', bound);
    const other = await clerk.request('POST', '/api/data/FeeApplication', {
      body: { familyName: '小林', lines: [{ item: copy, quantity: 1 }] },
    });
    const afterOther = await tables();
    expectProblem(await patch('FeeLine', last.id, { application: other.body.id }), 422, 'record.lineItemCount', bound);
    expect(await tables()).toEqual(afterOther);
    expect(before).not.toEqual(afterOther);
    // Within the bounds a line comes and goes on its own.
    const second = await clerk.request('POST', '/api/data/FeeLine', {
      body: { application: single.body.id, item: copy, quantity: 2 },
    });
    expect(second.status).toBe(201);
    expect((await remove('FeeLine', second.body.id)).status).toBe(204);
  });

  it('replaces the line items on update: kept rows updated, new rows created, missing rows deleted', async () => {
    const created = await clerk.request('POST', '/api/data/FeeApplication', {
      body: {
        familyName: '渡辺',
        lines: [
          { item: copy, quantity: 1 },
          { item: seal, quantity: 1 },
        ],
      },
    });
    const [first] = (await lines(created.body.id)).body.items as { id: string; item: string }[];
    const updated = await patch('FeeApplication', created.body.id, {
      lines: [
        { id: first.id, quantity: 4 },
        { item: copy, quantity: 1 },
      ],
    });
    expect(updated.status).toBe(200);
    const firstFee = first.item === copy ? 300 : 350.5;
    expect(updated.body.lineCount).toBe(2);
    expect(updated.body.total).toBe((firstFee * 4 + 300).toFixed(2));
    const unknown = await patch('FeeApplication', created.body.id, {
      lines: [{ id: '00000000-0000-4000-8000-000000000000', quantity: 1 }],
    });
    expectProblem(unknown, 422, 'record.lineItemUnknown', [{ pointer: '/lines/0/id', code: 'record.lineItemUnknown' }]);
  });

  it('backfills existing rows when a computed field is added through publish', async () => {
    const admin = await host.signIn('admin', 'test-admin-password');
    const entity = (await admin.request('GET', '/api/metadata/entity/FeeApplication')).body;
    const changed = {
      ...entity,
      fields: [
        ...entity.fields,
        {
          name: 'largestLine',
          type: 'decimal',
          label: { ja: '最大の明細', en: 'Largest line' },
          compute: { max: { fact: 'amount' }, of: 'lines' },
        },
      ],
    };
    const published = await admin.request('POST', '/api/metadata/publish', { body: { upserts: [changed] } });
    expect(published.status).toBe(200);
    expect(published.body.plan.steps.map((step: { action: string }) => step.action)).toEqual([
      'addColumn',
      'backfillComputed',
    ]);
    const all = (await clerk.request('GET', '/api/data/FeeApplication?limit=100')).body.items as {
      id: string;
      largestLine: string | null;
    }[];
    expect(all.length).toBeGreaterThan(2);
    for (const application of all) {
      const amounts = ((await lines(application.id)).body.items as { amount: string }[]).map((line) =>
        Number(line.amount),
      );
      expect(application.largestLine).toBe(amounts.length > 0 ? Math.max(...amounts).toFixed(2) : null);
    }
  });
});
