import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, TEST_ADMIN_PASSWORD, type TestClient, type TestEngine } from '../testing/index.ts';

const examples = resolve(import.meta.dirname, '../../../examples');

/** The reports shipped with the examples publish with them and run over their data. */
describe('the example reports', () => {
  let host: TestEngine;
  let admin: TestClient;

  beforeAll(async () => {
    host = await startTestEngine(
      'pglite',
      [resolve(examples, 'subsidy-application/metadata'), resolve(examples, 'inquiry/metadata')],
      {},
      { log: () => {} },
    );
    admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
    const sql = host.engine.live().sql();
    await sql.run(
      `insert into app_subsidy_application (id, version, created_at, updated_at, applicant_name, program, purpose, amount, status)
       select gen_random_uuid(), 1, now(), now(), '申請者' || n, (array['homeInsulation', 'childcare', 'shopRenovation'])[1 + n % 3],
              '目的', 10000 * n, case when n <= 20 then 'submitted' else 'approved' end
         from generate_series(1, 22) n`,
    );
  });
  afterAll(() => host.close());

  it('runs applications by state and programme, suppressing the small cells', async () => {
    const { status, body } = await admin.request('POST', '/api/reports/subsidy-applications-by-status/run', {
      body: {},
    });
    expect(status).toBe(200);
    expect(body.total.values[0]).toBe(22);
    // Two approved applications (n = 21, 22) fall in two programmes: both cells are under 5.
    const approved = body.cells.filter((row: { keys: string[] }) => row.keys[1] === 'approved');
    expect(approved.length).toBe(2);
    expect(approved.every((row: { suppressed: boolean }) => row.suppressed)).toBe(true);
    const filtered = await admin.request('POST', '/api/reports/subsidy-applications-by-status/run', {
      body: { parameters: { minimumAmount: 150000 } },
    });
    expect(filtered.body.total.values[0]).toBe(8);
  });

  it('counts applications by department in charge and state, the unassigned ones together', async () => {
    const clerk = await host.principal('staff', 'department-clerk', ['subsidy-clerk']);
    const sql = host.engine.live().sql();
    const cheapest = await sql.query<{ id: string; version: number }>(
      'select id::text as id, version from app_subsidy_application order by amount limit 10',
    );
    for (const { id, version } of cheapest) {
      const assigned = await clerk.request('PATCH', `/api/data/SubsidyApplication/${id}`, {
        body: { department: 'environment' },
        headers: { 'if-match': `"${version}"` },
      });
      expect(assigned.status).toBe(200);
    }
    // The clerk assigns the department and nothing else.
    const [first] = await sql.query<{ id: string; version: number }>(
      'select id::text as id, version from app_subsidy_application order by amount limit 1',
    );
    const amountChange = await clerk.request('PATCH', `/api/data/SubsidyApplication/${first?.id}`, {
      body: { amount: 1 },
      headers: { 'if-match': `"${first?.version}"` },
    });
    expect(amountChange.status).toBe(403);

    const { status, body } = await admin.request('POST', '/api/reports/subsidy-applications-by-department/run', {
      body: {},
    });
    expect(status).toBe(200);
    expect(body.total.values[0]).toBe(22);
    const cell = (department: string | null, state: string) =>
      body.cells.find((row: { keys: unknown[] }) => row.keys[0] === department && row.keys[1] === state);
    expect(cell('environment', 'submitted')?.values[0]).toBe(10);
    // Two approved applications without a department: under the minimum cell size, and the
    // unassigned submitted ones with them, or the row's total would give the two away.
    expect(cell(null, 'approved')?.suppressed).toBe(true);
    expect(cell(null, 'submitted')?.suppressed).toBe(true);
  });

  it('runs the monthly report, the inquiry reports and lays out the dashboard', async () => {
    const monthly = await admin.request('POST', '/api/reports/subsidy-applications-by-month/run', { body: {} });
    expect(monthly.body.cells).toHaveLength(1);
    expect(monthly.body.cells[0].values).toEqual([22, 0, 0]);
    for (const name of ['inquiries-by-category', 'inquiries-by-week']) {
      const response = await admin.request('POST', `/api/reports/${name}/run`, { body: {} });
      expect(response.status).toBe(200);
      expect(response.body.cells).toEqual([]);
      expect(response.body.total.values[0]).toBe(0);
    }
    const dashboard = await admin.request('GET', '/api/reports/dashboards/subsidy-overview');
    expect(dashboard.body.reports).toHaveLength(2);
  });

  it('counts inquiries by channel with the average and longest days from taking on to answer', async () => {
    const inquiry = async (channel: string, startedOn?: string, answeredOn?: string) => {
      const created = await admin.request('POST', '/api/data/Inquiry', {
        body: { subject: '件名', body: '内容', category: 'tax', channel },
      });
      expect(created.status).toBe(201);
      if (startedOn === undefined) return;
      const updated = await admin.request('PATCH', `/api/data/Inquiry/${created.body.id}`, {
        body: { startedOn, answeredOn },
        headers: { 'if-match': `"${created.body.version}"` },
      });
      expect(updated.status).toBe(200);
      expect(updated.body.resolutionDays).toBe((Date.parse(answeredOn as string) - Date.parse(startedOn)) / 86_400_000);
    };
    await inquiry('phone', '2026-04-01', '2026-04-04');
    await inquiry('phone', '2026-04-01', '2026-04-02');
    await inquiry('web');
    const { status, body } = await admin.request('POST', '/api/reports/inquiries-by-channel/run', { body: {} });
    expect(status).toBe(200);
    const byChannel = Object.fromEntries(
      body.cells.map((row: { keys: string[]; values: unknown[] }) => [row.keys[0], row.values]),
    );
    expect(byChannel.phone).toEqual([2, 2, 2, 3]);
    expect(byChannel.web).toEqual([1, 0, null, null]);
  });
});
