import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../access/index.ts';
import { expectProblem } from '../api/api-test-support.ts';
import type { RoleMetadata } from '../metadata/index.ts';
import { metadataDir } from '../plugins/plugin-test-support.ts';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
  testDatabaseKinds,
} from '../testing/index.ts';
import { REPORT_APP } from './report-app.fixture.ts';
import { runPublishedReport } from './run.ts';

interface Row {
  keys: (string | null)[];
  values: (number | string | null)[];
  suppressed: boolean;
}

/** The applications seeded: ward, channel, applied on, amount, birth date, name, office. */
const SEED: [string, string, string, number, string, string, 'north' | 'south'][] = [
  ['kita', 'web', '2026-04-03', 100, '1950-01-01', '田中', 'north'],
  ['kita', 'web', '2026-04-20', 300, '1990-06-15', '佐藤', 'north'],
  ['kita', 'web', '2026-05-02', 200, '2015-03-01', '鈴木', 'south'],
  ['kita', 'phone', '2026-05-10', 50, '1955-12-31', '高橋', 'north'],
  ['minami', 'phone', '2026-04-11', 400, '1980-02-29', '伊藤', 'south'],
  ['minami', 'phone', '2026-03-30', 1000, '2000-07-07', '渡辺', 'south'],
  ['minami', 'web', '2026-05-15', 10, '1948-04-01', '山本', 'north'],
  ['higashi', 'window', '2026-05-20', 70, '2012-10-10', '中村', 'north'],
  ['higashi', 'web', '2025-12-01', 5, '1970-01-01', '小林', 'south'],
];

describe.each(testDatabaseKinds())('reports on %s', (kind) => {
  let host: TestEngine;
  let admin: TestClient;
  let analyst: TestClient;
  let kita: TestClient;
  let analystPrincipal: Principal;

  const run = (client: TestClient, name: string, parameters?: unknown) =>
    client.request('POST', `/api/reports/${name}/run`, { body: parameters === undefined ? {} : { parameters } });
  const cell = (rows: Row[], ...keys: (string | null)[]) =>
    rows.find((row) => keys.every((key, i) => row.keys[i] === key));

  beforeAll(async () => {
    host = await startTestEngine(kind, [await metadataDir(REPORT_APP)], {}, { log: () => {} });
    admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
    analyst = await host.principal('staff', 'analyst', ['analyst']);
    kita = await host.principal('staff', 'kita-office', ['ward-staff'], { attributes: { ward: 'kita' } });
    analystPrincipal = (await analyst.request('GET', '/api/auth/me')).body.principal;
    const offices: Record<string, string> = {};
    for (const [name, region] of [
      ['North', 'north'],
      ['South', 'south'],
    ]) {
      offices[region] = (await admin.request('POST', '/api/data/Office', { body: { name, region } })).body.id;
    }
    for (const [ward, channel, appliedOn, amount, birthDate, applicantName, region] of SEED) {
      const created = await admin.request('POST', '/api/data/Application', {
        body: { ward, channel, appliedOn, amount, birthDate, applicantName, office: offices[region] },
      });
      expect(created.status).toBe(201);
    }
  });
  afterAll(() => host.close());

  it('groups by ward and month with count, sum, avg, distinct count and a ratio, with subtotals and the total', async () => {
    const { status, body } = await run(analyst, 'by-ward-and-month');
    expect(status).toBe(200);
    expect(body.dimensions.map((d: { name: string }) => d.name)).toEqual(['ward', 'month']);
    expect(cell(body.cells, 'kita', '2026-04')?.values).toEqual([2, 400, 200, 1, 2]);
    expect(cell(body.cells, 'kita', '2026-05')?.values).toEqual([2, 250, 125, 2, 1]);
    expect(cell(body.cells, 'minami', '2026-03')?.values).toEqual([1, 1000, 1000, 1, 1]);
    expect(body.cells).toHaveLength(7);
    // Sorted by the group keys: higashi, kita, minami (enum values as stored), months in order.
    expect(body.cells.map((row: Row) => row.keys.join(' '))[0]).toBe('higashi 2025-12');
    expect(body.cells[0].labels[0]).toEqual({ ja: 'higashi区', en: 'higashi' });
    const kitaTotal = body.subtotals.find(
      (row: Row & { dimension: number }) => row.dimension === 0 && row.keys[0] === 'kita',
    );
    expect(kitaTotal.values.slice(0, 2)).toEqual([4, 650]);
    const may = body.subtotals.find(
      (row: Row & { dimension: number }) => row.dimension === 1 && row.keys[1] === '2026-05',
    );
    expect(may.values[0]).toBe(4);
    expect(body.total.values.slice(0, 2)).toEqual([9, 2135]);
  });

  it('binds typed run-time parameters into the filter, and leaves out comparisons whose parameter is absent', async () => {
    const { body } = await run(analyst, 'by-ward-and-month', { from: '2026-04-15', minimum: 100 });
    expect(body.parameters).toEqual({ from: '2026-04-15', minimum: 100 });
    // 2026-04-20 kita 300, 2026-05-02 kita 200 — the rest are earlier or below 100.
    expect(body.total.values.slice(0, 2)).toEqual([2, 500]);
    const onlyFrom = await run(analyst, 'by-ward-and-month', { from: '2026-05-01' });
    expect(onlyFrom.body.total.values[0]).toBe(4);
  });

  it('uses a saved condition — a published rule — inside its filter, and refuses one that is not a rule about its entity', async () => {
    const { body } = await run(analyst, 'large-by-ward');
    // Amounts ≥ 300 outside higashi: kita 300, minami 400 and 1000.
    expect(body.cells.map((row: Row) => [row.keys[0], row.values[0]])).toEqual([
      ['kita', 1],
      ['minami', 2],
    ]);
    const written = REPORT_APP.find((item) => item.name === 'large-by-ward') as unknown as Record<string, unknown>;
    const unknown = await admin.request('POST', '/api/reports/preview', {
      body: { report: { ...written, filter: { rule: 'no-such-rule' } } },
    });
    expectProblem(unknown, 422, 'report.invalid', [
      { pointer: '/report/filter/rule', code: 'semantic.report.unknownRule' },
    ]);
  });

  it('refuses a parameter of the wrong type, an unknown one or an impossible date with 400 and changes nothing', async () => {
    expectProblem(await run(analyst, 'by-ward-and-month', { from: 20260401 }), 400, 'report.parametersInvalid', [
      { pointer: '/from', code: 'report.parameterType' },
    ]);
    expectProblem(
      await run(analyst, 'by-ward-and-month', { from: '2026-02-30', minimum: '100', ward: 'kita' }),
      400,
      'report.parametersInvalid',
      [
        { pointer: '/from', code: 'report.parameterType' },
        { pointer: '/minimum', code: 'report.parameterType' },
        { pointer: '/ward', code: 'report.unknownParameter' },
      ],
    );
    const query = await analyst.request('GET', '/api/reports/by-ward-and-month/export.csv?minimum=abc');
    expectProblem(query, 400, 'report.parametersInvalid', [{ pointer: '/minimum', code: 'report.parameterType' }]);
    expectProblem(await run(analyst, 'no-such-report'), 404, 'report.notFound');
  });

  it('counts only the rows a row policy lets the caller read, inside the aggregate', async () => {
    const { body } = await run(kita, 'by-ward-and-month');
    expect(body.cells.map((row: Row) => row.keys[0])).toEqual(['kita', 'kita']);
    expect(body.total.values.slice(0, 2)).toEqual([4, 650]);
    const listed = await kita.request('GET', '/api/data/Application');
    expect(listed.body.items).toHaveLength(body.total.values[0]);
  });

  it('meets the filter and a row policy of two roles together, and the referenced rows’ policy inside the join', async () => {
    const both = await host.principal('staff', 'kita-web-desk', ['ward-staff', 'web-desk'], {
      attributes: { ward: 'kita' },
    });
    const from = '2026-04-15';
    // Kita's or a web application, applied on or after the date: the policy's `or` stays inside its own bracket.
    const readable = SEED.filter(
      ([ward, channel, appliedOn]) => (ward === 'kita' || channel === 'web') && appliedOn >= from,
    );
    const { body } = await run(both, 'by-ward-and-month', { from });
    expect(body.total.values.slice(0, 2)).toEqual([readable.length, readable.reduce((sum, row) => sum + row[3], 0)]);
    expect(body.cells.map((row: Row) => row.keys)).toEqual([
      ['kita', '2026-04'],
      ['kita', '2026-05'],
      ['minami', '2026-05'],
    ]);
    const desk = await host.principal('staff', 'web-desk', ['web-desk']);
    const regions = (await run(desk, 'by-region-and-year')).body;
    const web = SEED.filter((row) => row[1] === 'web');
    expect(regions.total.values[0]).toBe(web.length);
    // A southern office is not readable to the desk: its applications count, under no region.
    const counted = (region: string | null) =>
      regions.cells
        .filter((row: Row) => row.keys[0] === region)
        .reduce((sum: number, row: Row) => sum + Number(row.values[0]), 0);
    expect(counted(null)).toBe(web.filter((row) => row[6] === 'south').length);
    expect(counted('north')).toBe(web.filter((row) => row[6] === 'north').length);
    expect(counted('south')).toBe(0);
  });

  it('refuses to group by a field the caller may not see, naming it, and lets a caller who may see it', async () => {
    const refused = await run(kita, 'by-name');
    expectProblem(refused, 403, 'access.fieldHidden', [{ pointer: '/groupBy/0/field', code: 'access.fieldHidden' }]);
    const allowed = await run(analyst, 'by-name');
    expect(allowed.status).toBe(200);
    expect(allowed.body.cells).toHaveLength(9);
  });

  it('groups through a reference, by fiscal year from April, by age band, sorted by a measure', async () => {
    const { body } = await run(analyst, 'by-region-and-year');
    expect(cell(body.cells, 'north', '2026')?.values).toEqual([5, '2026-05-20']);
    expect(cell(body.cells, 'south', '2025')?.values).toEqual([2, '2026-03-30']);
    expect(cell(body.cells, 'south', '2026')?.values).toEqual([2, '2026-05-02']);
    expect(body.cells[0].keys).toEqual(['north', '2026']);
    expect(body.cells[0].labels[1]).toEqual({ ja: '2026年度', en: 'FY2026' });
    const scope = { live: host.engine.live(), principal: analystPrincipal };
    const ages = await runPublishedReport(scope, 'by-age', {}, { now: new Date('2026-06-01T00:00:00+09:00') });
    // On 1 June 2026: 11 and 13 (0–14), 25, 35, 46 and 56 (15–64), 70 (65–74), 76 and 78 (75+).
    expect(ages.cells.map((row) => [row.labels[0].ja, row.values[0]])).toEqual([
      ['0〜14歳', 2],
      ['15〜64歳', 4],
      ['65〜74歳', 1],
      ['75歳以上', 2],
    ]);
  });

  it('audits a run that reads personal fields, and not one that does not', async () => {
    const count = async () =>
      (
        await host.engine
          .live()
          .sql()
          .query<{ n: number }>(`select count(*)::int as n from kiban_audit where action = 'report.run'`)
      )[0].n;
    const before = await count();
    await run(analyst, 'by-ward-and-month');
    expect(await count()).toBe(before);
    await run(analyst, 'by-age');
    expect(await count()).toBe(before + 1);
    const [entry] = await host.engine
      .live()
      .sql()
      .query<{ fields: string[]; detail: { report: string } }>(
        `select fields, detail from kiban_audit where action = 'report.run' order by id desc limit 1`,
      );
    expect(entry.fields).toEqual(['birthDate']);
    expect(entry.detail.report).toBe('by-age');
  });

  it('suppresses small cells with ＊ and a complementary cell, so the total does not give the small one away', async () => {
    // web 5, phone 3, window 1: without the complement, window = 9 − 5 − 3.
    const { body } = await run(analyst, 'by-channel');
    expect(body.minimumCellSize).toBe(3);
    expect(cell(body.cells, 'window')).toMatchObject({ suppressed: true, values: [null, null] });
    expect(cell(body.cells, 'phone')).toMatchObject({ suppressed: true, values: [null, null] });
    expect(cell(body.cells, 'web')).toMatchObject({ suppressed: false, values: [5, 615] });
    expect(body.total).toMatchObject({ suppressed: false, values: [9, 2135] });
    const csv = await analyst.request('GET', '/api/reports/by-channel/export.csv');
    expect(csv.body).toContain('window,＊,＊');
    expect(csv.body).not.toMatch(/window,1\b/);
  });

  it('exports CSV and XLSX with the conditions written above the table', async () => {
    const csv = await analyst.request('GET', '/api/reports/by-ward-and-month/export.csv?from=2026-04-15&minimum=100');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const raw = await host.engine.app.request('/api/reports/by-channel/export.csv', {
      headers: { cookie: analyst.cookie ?? '' },
    });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = (csv.body as string).split('\r\n');
    expect(lines[0]).toBe('レポート,区・月別の申請');
    expect(lines).toContain('条件: 開始日,2026-04-15');
    expect(lines).toContain('条件: 最低金額,100');
    expect(lines.find((line) => line.startsWith('絞り込み,'))).toMatch(/申請日.*2026-04-15.*金額.*100/);
    expect(lines).toContain('区,申請日,件数,金額計,平均,窓口数,窓口あたり');
    expect(lines).toContain('kita区,2026-04,1,300,300,1,1');
    expect(lines).toContain('計,計,2,500,250,2,1');
    const xlsx = await host.engine.app.request('/api/reports/by-ward-and-month/export.xlsx?from=2026-04-15', {
      headers: { cookie: analyst.cookie ?? '' },
    });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const values = sheet.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(values).toContainEqual(['条件: 開始日', '2026-04-15']);
    expect(values).toContainEqual(['kita区', '2026-04', 1, 300, 300, 1, 1]);
  });

  it('caps a group-by with more groups than the platform returns, saying so', async () => {
    const result = await runPublishedReport(
      { live: host.engine.live(), principal: analystPrincipal },
      'by-name',
      {},
      { maxCells: 4 },
    );
    expect(result.cells).toHaveLength(4);
    expect(result.truncated?.limit).toBe(4);
    expect(result.truncated?.message.ja).toContain('4');
    expect(result.total?.values[0]).toBe(9);
  });

  it('checks a report being edited as a publication would: hidden from every role, a filter that does not compile', async () => {
    const base = REPORT_APP.find((item) => item.name === 'by-channel') as unknown as Record<string, unknown>;
    const preview = (report: unknown) => admin.request('POST', '/api/reports/preview', { body: { report } });
    const ok = await preview({ ...base, name: 'draft-channel', minimumCellSize: undefined });
    expect(ok.status).toBe(200);
    expect(cell(ok.body.cells, 'window')?.values).toEqual([1, 70]);
    const badFilter = await preview({ ...base, filter: { fact: 'colour', op: 'eq', value: 'red' } });
    expectProblem(badFilter, 422, 'report.invalid', [
      { pointer: '/report/filter/fact', code: 'semantic.rule.unknownFact' },
    ]);
    const badParameter = await preview({
      ...base,
      parameters: [{ name: 'from', type: 'integer', label: { ja: '開始' } }],
      filter: { fact: 'appliedOn', op: 'gte', value: { param: 'from' } },
    });
    expectProblem(badParameter, 422, 'report.invalid', [
      { pointer: '/report/filter/value/param', code: 'semantic.report.parameterMismatch' },
    ]);
    const sumOfText = await preview({
      ...base,
      measures: [{ name: 'x', label: { ja: 'x' }, op: 'sum', field: 'channel' }],
    });
    expectProblem(sumOfText, 422, 'report.invalid', [
      { pointer: '/report/measures/0/field', code: 'semantic.report.unsuitableField' },
    ]);
    const forbidden = await analyst.request('POST', '/api/reports/preview', { body: { report: base } });
    expect(forbidden.status).toBe(403);
  });

  it('refuses at publication a report over a field no role may see', async () => {
    const analystRole = REPORT_APP.find((item) => item.kind === 'role' && item.name === 'analyst') as RoleMetadata;
    const hidden = {
      ...analystRole,
      permissions: analystRole.permissions.map((permission) =>
        permission.entity === 'Application'
          ? { ...permission, fields: { applicantName: 'hidden' as const } }
          : permission,
      ),
    };
    const published = await admin.request('POST', '/api/metadata/publish', { body: { upserts: [hidden] } });
    expect(published.status).toBe(422);
    const problem = published.body.errors.find(
      (error: { code: string }) => error.code === 'semantic.report.fieldHidden',
    );
    expect(problem).toMatchObject({ pointer: '/report/by-name/groupBy/0/field' });
  });

  it('drills down from a cell to its records, under the caller’s row and field policies', async () => {
    const cellOf = (client: TestClient, keys: unknown, parameters?: unknown) =>
      client.request('POST', '/api/reports/by-ward-and-month/records', { body: { keys, parameters } });
    const kitaApril = await cellOf(analyst, ['kita', '2026-04']);
    expect(kitaApril.status).toBe(200);
    expect(kitaApril.body.items.map((record: { appliedOn: string }) => record.appliedOn).sort()).toEqual([
      '2026-04-03',
      '2026-04-20',
    ]);
    expect(kitaApril.body.more).toBe(false);
    const filtered = await cellOf(analyst, ['kita', '2026-04'], { from: '2026-04-15' });
    expect(filtered.body.items).toHaveLength(1);
    const asWardStaff = await cellOf(kita, ['kita', '2026-04']);
    expect(asWardStaff.body.items).toHaveLength(2);
    expect(asWardStaff.body.items[0]).not.toHaveProperty('applicantName');
    expect((await cellOf(kita, ['minami', '2026-04'])).body.items).toEqual([]);
    expectProblem(await cellOf(analyst, ['kita']), 422, 'request.invalid', [{ pointer: '/keys', code: 'report.keys' }]);
  });

  it('lists the reports and lays out a dashboard for a caller who may run them', async () => {
    const list = await kita.request('GET', '/api/reports');
    expect(list.body.items.map((item: { name: string }) => item.name)).toContain('by-channel');
    const dashboard = await kita.request('GET', '/api/reports/dashboards/office-overview');
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.dashboard.refreshSeconds).toBe(60);
    expect(dashboard.body.reports.map((item: { name: string }) => item.name)).toEqual([
      'by-ward-and-month',
      'by-channel',
    ]);
    expectProblem(await kita.request('GET', '/api/reports/dashboards/none'), 404, 'dashboard.notFound');
  });

  // PGlite runs in one WASM thread and has no timer to cancel a statement with; the server does.
  it.runIf(kind === 'postgres')('cancels a run past the statement timeout with a clear error', async () => {
    await host.engine
      .live()
      .sql()
      .run(
        `insert into app_application (id, version, created_at, updated_at, ward, channel)
         select gen_random_uuid(), 1, now(), now(), 'kita', 'bulk-' || g from generate_series(1, 100000) g`,
      );
    const scope = { live: host.engine.live(), principal: analystPrincipal };
    await expect(runPublishedReport(scope, 'by-name', {}, { timeoutMs: 1 })).rejects.toMatchObject({
      code: 'report.timeout',
      status: 503,
    });
  });
});
