import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectProblem } from '../api/api-test-support.ts';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';

const FEES = resolve(import.meta.dirname, 'test-apps/fees');

/**
 * Statements a write saves: its audit entries and its outbox events are both appends that
 * return nothing and go in one statement, carried by the record's recompute statement when it
 * has computed fields; a parent's line items have their references checked in one query per
 * reference field. Each is a round trip fewer per request.
 */
describe.each(testDatabaseKinds())('round trips of a write on %s', (kind) => {
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

  /** The statements matching `pattern` sent while `work` runs, and what `work` answered. */
  const statementsOf = async <T>(
    pattern: RegExp,
    work: () => Promise<T>,
  ): Promise<{ statements: string[]; result: T }> => {
    const connection = host.engine.live().orm.em.getConnection();
    const execute = vi.spyOn(connection, 'execute');
    try {
      const result = await work();
      const statements = execute.mock.calls.map(([query]) => String(query)).filter((query) => pattern.test(query));
      return { statements, result };
    } finally {
      execute.mockRestore();
    }
  };
  // The relay's reads and marks of the outbox, running meanwhile, are no appends.
  const APPENDS = /insert into kiban_(audit|outbox)\b/;
  const appendsOf = <T>(work: () => Promise<T>) => statementsOf(APPENDS, work);
  const application = (lines: Record<string, unknown>[]) =>
    clerk.request('POST', '/api/data/FeeApplication', {
      body: { familyName: '山田', givenName: '花子', birthDate: '2000-02-29', appliedOn: '2026-04-28', lines },
    });
  const count = async (table: string) =>
    (await host.engine.live().sql().query<{ count: number }>(`select count(*)::int as count from ${table}`))[0]?.count;

  /** The audit actions and event types stored for `id`. */
  const trail = async (id: string) => {
    const sql = host.engine.live().sql();
    const audits = await sql.query<{ action: string }>(
      'select action from kiban_audit where record_ids @> array[?]::text[] order by id',
      [id],
    );
    const events = await sql.query<{ type: string }>(
      `select type from kiban_outbox where payload->>'id' = ? order by seq`,
      [id],
    );
    return { audits: audits.map((row) => row.action), events: events.map((row) => row.type) };
  };
  const versioned = async (id: string) =>
    (await clerk.request('GET', `/api/data/FeeApplication/${id}`)).headers.get('etag') ?? '';

  it("carries the audit entries and events of a create and an update on the record's recompute", async () => {
    // Values the inlined statements must keep exactly: quotes, backslashes, the driver's placeholder.
    const familyName = "O'Brien \\ ?";
    const created = await appendsOf(() =>
      clerk.request('POST', '/api/data/FeeApplication', {
        body: {
          familyName,
          givenName: "'?",
          birthDate: '2000-02-29',
          appliedOn: '2026-04-28',
          lines: [{ item: copy, quantity: 1 }],
        },
      }),
    );
    expect(created.result.status).toBe(201);
    expect(created.statements).toHaveLength(1);
    expect(created.statements[0]).toMatch(/^with .* update "app_fee_application" t set /s);
    const id = created.result.body.id as string;
    expect(created.result.body).toMatchObject({
      familyName,
      givenName: "'?",
      fullName: `${familyName}\u3000'?`,
      total: '300.00',
    });

    const updated = await appendsOf(async () =>
      clerk.request('PATCH', `/api/data/FeeApplication/${id}`, {
        body: { givenName: '花\\子' },
        headers: { 'if-match': await versioned(id) },
      }),
    );
    expect(updated.result.status).toBe(200);
    expect(updated.statements).toHaveLength(1);
    expect(updated.statements[0]).toMatch(/^with .* update "app_fee_application" t set /s);
    expect(updated.result.body.fullName).toBe(`${familyName}\u3000花\\子`);
    expect(await trail(id)).toEqual({ audits: ['create', 'update'], events: ['record.created', 'record.updated'] });
    const lineId = (await clerk.request('GET', `/api/data/FeeLine?filter[application][eq]=${id}`)).body.items[0].id;
    expect(await trail(lineId)).toEqual({ audits: ['create'], events: ['record.created'] });
  });

  it('writes both in one statement for a create with line items, an update and a delete', async () => {
    const created = await appendsOf(() =>
      application([
        { item: copy, quantity: 2 },
        { item: copy, quantity: 1 },
      ]),
    );
    expect(created.result.status).toBe(201);
    expect(created.statements).toHaveLength(1);
    const id = created.result.body.id as string;

    const etag = await versioned(id);
    const updated = await appendsOf(() =>
      clerk.request('PATCH', `/api/data/FeeApplication/${id}`, {
        body: { givenName: '花' },
        headers: { 'if-match': etag },
      }),
    );
    expect(updated.result.status).toBe(200);
    expect(updated.statements).toHaveLength(1);
    expect(await trail(id)).toEqual({ audits: ['create', 'update'], events: ['record.created', 'record.updated'] });

    const line = (await clerk.request('GET', `/api/data/FeeLine?filter[application][eq]=${id}&limit=1`)).body.items[0];
    const lineEtag = (await clerk.request('GET', `/api/data/FeeLine/${line.id}`)).headers.get('etag') ?? '';
    const deleted = await appendsOf(() =>
      clerk.request('DELETE', `/api/data/FeeLine/${line.id}`, { headers: { 'if-match': lineEtag } }),
    );
    expect(deleted.result.status).toBe(204);
    expect(deleted.statements).toHaveLength(1);
    expect(await trail(line.id)).toEqual({
      audits: ['create', 'delete'],
      events: ['record.created', 'record.deleted'],
    });
  });

  it("checks the line items' references in one query, and still answers the first refused row", async () => {
    const items = /select count\(\*\).*"app_fee_item"/;
    const lines = [
      { item: copy, quantity: 1 },
      { item: seal, quantity: 1 },
      { item: copy, quantity: 2 },
    ];
    const created = await statementsOf(items, () => application(lines));
    expect(created.result.status).toBe(201);
    expect(created.statements).toHaveLength(1);

    const before = { applications: await count('app_fee_application'), lines: await count('app_fee_line') };
    const missing = '00000000-0000-4000-8000-000000000000';
    const refused = await application([
      ...lines.slice(0, 2),
      { item: missing, quantity: 1 },
      { item: missing, quantity: 1 },
    ]);
    expectProblem(refused, 404, 'record.referenceNotFound', [
      { pointer: '/lines/2/item', code: 'record.referenceNotFound' },
    ]);
    expect({ applications: await count('app_fee_application'), lines: await count('app_fee_line') }).toEqual(before);
  });
});
