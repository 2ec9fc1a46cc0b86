import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../../mail/smtp-test-server.ts';
import type { MetadataItem } from '../../metadata/index.ts';
import { metadataDir } from '../../plugins/plugin-test-support.ts';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
  testDatabaseKinds,
} from '../../testing/index.ts';
import { REPORT_APP } from '../report-app.fixture.ts';

const SCHEDULER: MetadataItem = {
  kind: 'role',
  name: 'report-scheduler',
  label: { ja: 'レポート配信', en: 'Report delivery' },
  audience: 'staff',
  permissions: [],
  capabilities: ['reports.schedule'],
};

const SEED: [string, string, string, number][] = [
  ['kita', 'web', '2026-04-03', 100],
  ['kita', 'phone', '2026-05-10', 50],
  ['minami', 'phone', '2026-04-11', 400],
  ['higashi', 'window', '2026-05-20', 70],
];

const daily = { every: 'day', time: '08:00' };

describe.each(testDatabaseKinds())('scheduled report delivery on %s', (kind) => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let host: TestEngine;
  let admin: TestClient;
  let analyst: TestClient;
  let kita: TestClient;
  let analystId: string;
  let kitaId: string;

  const schedule = (client: TestClient, body: Record<string, unknown>) =>
    client.request('POST', '/api/report-schedules', { body });
  const runAt = async (client: TestClient, id: string) => {
    const { body } = await client.request('GET', `/api/report-schedules/${id}`);
    return host.engine.jobs.runDue(new Date(new Date(body.nextRunAt).getTime() + 1000));
  };
  const deliveries = async (client: TestClient, id: string) =>
    (await client.request('GET', `/api/report-schedules/${id}/deliveries`)).body.items;
  const sql = () => host.engine.live().sql();

  beforeAll(async () => {
    smtp = await startSmtpServer({ rejectRecipient: 'nobody@city.example' });
    host = await startTestEngine(
      kind,
      [await metadataDir([...REPORT_APP, SCHEDULER])],
      { jobPollMilliseconds: 0, smtpUrl: smtp.url, mailFrom: 'reports@city.example' },
      { log: () => {} },
    );
    admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
    analyst = await host.principal('staff', 'analyst', ['analyst', 'report-scheduler']);
    kita = await host.principal('staff', 'kita-office', ['ward-staff', 'report-scheduler'], {
      attributes: { ward: 'kita' },
    });
    await analyst.request('PUT', '/api/profile', { body: { email: 'analyst@city.example' } });
    analystId = (await analyst.request('GET', '/api/auth/me')).body.principal.id;
    kitaId = (await kita.request('GET', '/api/auth/me')).body.principal.id;
    const office = (await admin.request('POST', '/api/data/Office', { body: { name: 'North', region: 'north' } })).body
      .id;
    for (const [ward, channel, appliedOn, amount] of SEED) {
      const created = await admin.request('POST', '/api/data/Application', {
        body: { ward, channel, appliedOn, amount, office },
      });
      expect(created.status).toBe(201);
    }
  });
  afterAll(async () => {
    await host?.close();
    await smtp?.close();
  });

  it('mails the report as CSV with its conditions to staff and addresses, once per period', async () => {
    const created = await schedule(analyst, {
      report: 'by-ward-and-month',
      parameters: { from: '2026-04-01' },
      format: 'csv',
      language: 'ja',
      recipients: { staff: [analystId], addresses: ['Chief@City.example'] },
      cadence: daily,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ report: 'by-ward-and-month', ownerId: analystId, paused: false });
    // 08:00 in Tokyo is 23:00 UTC.
    expect(created.body.nextRunAt).toMatch(/T23:00:00\.000Z$/);
    const listed = await analyst.request('GET', '/api/report-schedules?report=by-ward-and-month');
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);

    const before = smtp.received.length;
    await runAt(analyst, created.body.id);
    expect(smtp.received.length).toBe(before + 1);
    const { mail, recipients } = smtp.received[before];
    expect(recipients.sort()).toEqual(['analyst@city.example', 'chief@city.example']);
    expect(mail.from?.text).toBe('reports@city.example');
    expect(mail.text).toContain('条件: 開始日: 2026-04-01');
    expect(mail.text).toMatch(/行数: \d+/);
    expect(mail.subject).toMatch(/^区・月別の申請 \(\d{4}-\d{2}-\d{2}\)$/);
    const [attachment] = mail.attachments;
    expect(attachment.filename).toMatch(/^by-ward-and-month-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = attachment.content.toString('utf8');
    expect(csv).toContain('条件: 開始日,2026-04-01');
    expect(csv).toContain('絞り込み,');
    expect(csv).toContain('kita区,2026-04,1,100');
    expect(csv).not.toContain('2025-12');

    const [delivery] = await deliveries(analyst, created.body.id);
    expect(delivery).toMatchObject({ status: 'sent', recipientCount: 2, errorCode: null });
    expect(delivery.rowCount).toBeGreaterThan(3);

    // A duplicate job for the same period (a retried job, a second process) sends nothing.
    await sql().run(
      `insert into kiban_job (name, payload) select name, payload from kiban_job
        where name = 'kiban.report-delivery' and key = ?`,
      [`${created.body.id}:${delivery.period}`],
    );
    await host.engine.jobs.runDue(new Date(Date.now() + 60_000));
    expect(smtp.received.length).toBe(before + 1);
    expect(await deliveries(analyst, created.body.id)).toHaveLength(1);
    // The next period is waiting, a day later.
    const next = (await analyst.request('GET', `/api/report-schedules/${created.body.id}`)).body.nextRunAt;
    expect(new Date(next).getTime()).toBeGreaterThan(new Date(created.body.nextRunAt).getTime());
    await analyst.request('DELETE', `/api/report-schedules/${created.body.id}`);
  });

  it("runs as its owner: the owner's row policy shapes the XLSX", async () => {
    const created = await schedule(kita, {
      report: 'by-ward-and-month',
      format: 'xlsx',
      language: 'en',
      recipients: { addresses: ['kita-chief@city.example'] },
      cadence: { every: 'week', weekday: 1, time: '09:30' },
    });
    expect(created.status).toBe(201);
    const before = smtp.received.length;
    await runAt(kita, created.body.id);
    expect(smtp.received.length).toBe(before + 1);
    const [attachment] = smtp.received[before].mail.attachments;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(attachment.content as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    const text = rows.map((row) => row.slice(1).join('|'));
    expect(text[0]).toBe('Report|Applications by ward and month');
    expect(text.some((line) => line.startsWith('kita|2026-05|1|50'))).toBe(true);
    expect(text.some((line) => line.startsWith('minami'))).toBe(false);
    await kita.request('DELETE', `/api/report-schedules/${created.body.id}`);
  });

  it('fails with a recorded reason and an audit entry, sending nothing, once the owner may no longer read the report', async () => {
    const owner = await host.principal('staff', 'leaving', ['analyst', 'report-scheduler']);
    const ownerId = (await owner.request('GET', '/api/auth/me')).body.principal.id;
    const created = await schedule(owner, {
      report: 'by-channel',
      format: 'csv',
      recipients: { addresses: ['someone@city.example'] },
      cadence: { every: 'month', day: 1, time: '07:00' },
    });
    expect(created.status).toBe(201);
    expect(created.body.language).toBe('ja');
    await admin.request('PUT', `/api/admin/principals/${ownerId}/roles`, { body: { roles: ['report-scheduler'] } });
    const before = smtp.received.length;
    await host.engine.jobs.runDue(new Date(new Date(created.body.nextRunAt).getTime() + 1000));
    expect(smtp.received.length).toBe(before);
    const [row] = await sql().query<{ status: string; error_code: string; error: unknown }>(
      'select status, error_code, error from kiban_report_delivery where schedule_id = ?::uuid',
      [created.body.id],
    );
    expect(row).toMatchObject({ status: 'failed', error_code: 'reportSchedule.ownerDenied' });
    expect(JSON.stringify(row.error)).toContain('may no longer read');
    const audit = await sql().query<{ principal_id: string; detail: { reason: string } }>(
      `select principal_id::text as principal_id, detail from kiban_audit where action = 'report.schedule.denied'`,
    );
    expect(audit).toMatchObject([{ principal_id: ownerId, detail: { reason: 'reportSchedule.ownerDenied' } }]);
  });

  it('records a delivery the SMTP server refuses as failed, with its reason, and goes on to the next period', async () => {
    const created = await schedule(analyst, {
      report: 'by-channel',
      format: 'csv',
      recipients: { addresses: ['nobody@city.example'] },
      cadence: daily,
    });
    const before = smtp.received.length;
    await runAt(analyst, created.body.id);
    expect(smtp.received.length).toBe(before);
    const [delivery] = await deliveries(analyst, created.body.id);
    expect(delivery).toMatchObject({ status: 'failed', errorCode: 'mail.refused' });
    const next = (await analyst.request('GET', `/api/report-schedules/${created.body.id}`)).body.nextRunAt;
    expect(new Date(next).getTime()).toBeGreaterThan(new Date(created.body.nextRunAt).getTime());
    await analyst.request('DELETE', `/api/report-schedules/${created.body.id}`);
  });

  it('pauses and resumes: a paused schedule has nothing waiting', async () => {
    const created = await schedule(analyst, {
      report: 'by-channel',
      format: 'csv',
      recipients: { addresses: ['a@city.example'] },
      cadence: daily,
    });
    const id = created.body.id;
    const paused = await analyst.request('POST', `/api/report-schedules/${id}/pause`);
    expect(paused.body).toMatchObject({ paused: true, nextRunAt: null });
    const before = smtp.received.length;
    await host.engine.jobs.runDue(new Date(Date.now() + 3 * 86_400_000));
    expect(smtp.received.length).toBe(before);
    const resumed = await analyst.request('POST', `/api/report-schedules/${id}/resume`);
    expect(resumed.body.paused).toBe(false);
    expect(resumed.body.nextRunAt).toMatch(/T23:00:00\.000Z$/);
    // Others neither see nor touch it.
    expect((await kita.request('GET', `/api/report-schedules/${id}`)).status).toBe(404);
    expect((await kita.request('DELETE', `/api/report-schedules/${id}`)).status).toBe(404);
    expect((await analyst.request('DELETE', `/api/report-schedules/${id}`)).status).toBe(204);
    expect((await analyst.request('GET', `/api/report-schedules/${id}`)).status).toBe(404);
  });

  it('finds colleagues who can receive a report by name or department, without their addresses, and audits it', async () => {
    const reachable = await host.principal('staff', 'suzuki@city.example', ['analyst'], { department: '統計課' });
    await host.principal('staff', 'suzuki-no-mail', ['analyst'], { department: '統計課' });
    await host.principal('resident', 'suzuki-resident@city.example', []);
    const reachableId = (await reachable.request('GET', '/api/auth/me')).body.principal.id;
    const found = await analyst.request('GET', '/api/report-schedules/colleagues?q=suzuki');
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([{ id: reachableId, name: 'suzuki@city.example', department: '統計課' }]);
    const byDepartment = await analyst.request(
      'GET',
      `/api/report-schedules/colleagues?q=${encodeURIComponent('統計')}`,
    );
    expect(byDepartment.body.items.map((item: { id: string }) => item.id)).toEqual([reachableId]);
    const byProfile = await analyst.request('GET', '/api/report-schedules/colleagues?q=analyst');
    expect(byProfile.body.items.map((item: { id: string }) => item.id)).toContain(analystId);
    // A wildcard is a character to look for, not a pattern.
    expect((await analyst.request('GET', '/api/report-schedules/colleagues?q=%25')).body.items).toEqual([]);
    expect((await analyst.request('GET', '/api/report-schedules/colleagues')).status).toBe(422);
    expect((await analyst.request('GET', `/api/report-schedules/colleagues?q=${'a'.repeat(101)}`)).status).toBe(422);
    const plain = await host.principal('staff', 'plain-colleague-seeker', ['analyst']);
    expect((await plain.request('GET', '/api/report-schedules/colleagues?q=suzuki')).status).toBe(403);
    const audited = await sql().query<{ detail: { listed: number } }>(
      `select detail from kiban_audit where action = 'report.schedule.colleagues' order by id`,
    );
    expect(audited.map((row) => row.detail.listed)).toEqual([1, 1, byProfile.body.items.length, 0]);
  });

  it('offers a reachable colleague however many colleagues without an address match first', async () => {
    // Their names sort before the reachable one's under any collation.
    await sql().query(
      `insert into kiban_principal (kind, username, department)
       select 'staff', 'tanaka-aaa-' || lpad(n::text, 2, '0'), '広報課' from generate_series(1, 45) n`,
    );
    const reachable = await host.principal('staff', 'tanaka@city.example', ['analyst'], { department: '広報課' });
    const reachableId = (await reachable.request('GET', '/api/auth/me')).body.principal.id;
    const found = await analyst.request('GET', '/api/report-schedules/colleagues?q=tanaka');
    expect(found.body.items).toEqual([{ id: reachableId, name: 'tanaka@city.example', department: '広報課' }]);
  });

  it('refuses bad input with located problems and stores nothing', async () => {
    const count = async () =>
      Number((await sql().query<{ n: string }>('select count(*)::text as n from kiban_report_schedule'))[0].n);
    const stored = await count();
    const resident = await host.principal('resident', 'resident-1', []);
    const residentId = (await resident.request('GET', '/api/auth/me')).body.principal.id;
    const base = { report: 'by-channel', format: 'csv', recipients: { addresses: ['a@city.example'] }, cadence: daily };
    const problems = async (body: Record<string, unknown>, client = analyst) => {
      const response = await schedule(client, body);
      return {
        status: response.status,
        pointers: (response.body.errors ?? []).map((e: { pointer: string }) => e.pointer),
        code: response.body.code,
      };
    };
    expect(await problems({ ...base, recipients: { addresses: ['not an address'] } })).toMatchObject({
      status: 422,
      pointers: ['/recipients/addresses/0'],
    });
    expect(await problems({ ...base, recipients: { staff: [residentId, kitaId] } })).toMatchObject({
      status: 422,
      pointers: ['/recipients/staff/0', '/recipients/staff/1'],
    });
    expect(await problems({ ...base, recipients: {} })).toMatchObject({ status: 422, pointers: ['/recipients'] });
    expect((await problems({ ...base, cadence: { every: 'month', day: 31, time: '08:00' } })).status).toBe(422);
    expect((await problems({ ...base, cadence: { every: 'day', time: '25:00' } })).status).toBe(422);
    expect((await problems({ ...base, format: 'pdf' })).status).toBe(422);
    expect((await problems({ ...base, report: 'no-such-report' })).status).toBe(404);
    expect((await problems({ ...base, report: 'by-ward-and-month', parameters: { from: 'yesterday' } })).status).toBe(
      400,
    );
    // The ward staff may not read applicant names: a report over them cannot be scheduled by them.
    expect((await problems({ ...base, report: 'by-name' }, kita)).status).toBe(403);
    // Without the capability: denied.
    const plain = await host.principal('staff', 'plain', ['analyst']);
    expect((await problems(base, plain)).status).toBe(403);
    expect((await plain.request('GET', '/api/report-schedules')).status).toBe(403);
    expect(await count()).toBe(stored);
  });
});

describe.each(testDatabaseKinds())('scheduled report delivery without a reachable SMTP server on %s', (kind) => {
  it('tries again and, after its last attempt, records the period as failed: unreachable', async () => {
    const host = await startTestEngine(
      kind,
      [await metadataDir([...REPORT_APP, SCHEDULER])],
      // Port 1 on the loopback refuses every connection.
      { jobPollMilliseconds: 0, smtpUrl: 'smtp://127.0.0.1:1' },
      { log: () => {} },
    );
    try {
      const analyst = await host.principal('staff', 'analyst', ['analyst', 'report-scheduler']);
      const created = await analyst.request('POST', '/api/report-schedules', {
        body: { report: 'by-channel', format: 'csv', recipients: { addresses: ['a@city.example'] }, cadence: daily },
      });
      const summary = await host.engine.jobs.runDue(new Date(new Date(created.body.nextRunAt).getTime() + 60_000));
      // Two attempts rolled back for another try; the third recorded the failure and finished.
      expect(summary).toMatchObject({ retried: 2, dead: 0 });
      const { body } = await analyst.request('GET', `/api/report-schedules/${created.body.id}/deliveries`);
      expect(body.items).toMatchObject([{ status: 'failed', errorCode: 'mail.unreachable' }]);
    } finally {
      await host.close();
    }
  });
});

describe.each(testDatabaseKinds())('scheduled report delivery without SMTP on %s', (kind) => {
  it('creates the schedule but fails its run as "mail not configured"', async () => {
    const host = await startTestEngine(
      kind,
      [await metadataDir([...REPORT_APP, SCHEDULER])],
      { jobPollMilliseconds: 0 },
      { log: () => {} },
    );
    try {
      const analyst = await host.principal('staff', 'analyst', ['analyst', 'report-scheduler']);
      const created = await analyst.request('POST', '/api/report-schedules', {
        body: { report: 'by-channel', format: 'csv', recipients: { addresses: ['a@city.example'] }, cadence: daily },
      });
      expect(created.status).toBe(201);
      await host.engine.jobs.runDue(new Date(new Date(created.body.nextRunAt).getTime() + 1000));
      const { body } = await analyst.request('GET', `/api/report-schedules/${created.body.id}/deliveries`);
      expect(body.items).toMatchObject([{ status: 'failed', errorCode: 'mail.notConfigured', rowCount: null }]);
      expect(body.items[0].error.en).toContain('Mail is not configured');
    } finally {
      await host.close();
    }
  });
});
