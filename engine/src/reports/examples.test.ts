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
});
