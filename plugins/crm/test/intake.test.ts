import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  databaseKinds,
  INTAKE_TOKEN,
  registerSystem,
  SIGNING_SECRET,
  SYSTEM,
  setCrmSettings,
  signIn,
  startCrm,
} from './support.ts';

let sequence = 0;

/** A message signed as a connected system signs it. */
function signed(body: unknown, options: { key?: string; secret?: string; token?: string } = {}) {
  sequence += 1;
  const id = options.key ?? `msg_${sequence}_${Date.now()}`;
  const text = JSON.stringify(body);
  const now = new Date();
  return {
    body: text,
    headers: {
      'content-type': 'application/json',
      'x-api-key': options.token ?? INTAKE_TOKEN,
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(options.secret ?? SIGNING_SECRET).sign(id, now, text),
    },
  };
}

describe.each(databaseKinds())('intake API on %s', (kind) => {
  let host: TestHost;
  let admin: TestHostClient;
  let resident: string;

  beforeAll(async () => {
    ({ host } = await startCrm(kind));
    admin = await signIn(host, 'staff', ['crm-integration-admin']);
    await registerSystem(host, admin, { code: 'e-apply' });
    const person = await signIn(host, 'resident', ['crm-resident']);
    resident = person.actor.kind === 'principal' ? person.actor.id : '';
  });
  afterAll(async () => host?.close());

  function post(message: { body: string; headers: Record<string, string> }, system = 'e-apply') {
    return host.request('POST', `/api/public/crm/intake/${system}`, {
      rawBody: message.body,
      headers: message.headers,
    });
  }

  function status(externalId: string, value: string, at: string) {
    return {
      type: 'application.status',
      data: { externalId, status: value, statusAt: at, resident, title: '児童手当 認定請求' },
    };
  }

  it('creates and moves on the matching application and announces the change', async () => {
    const first = await post(signed(status('A-1', 'received', '2026-12-01T09:00:00+09:00')));
    expect(first.status).toBe(201);
    expect(first.body.outcome).toBe('created');
    const second = await post(signed(status('A-1', 'approved', '2026-12-03T09:00:00+09:00')));
    expect(second.body).toMatchObject({ outcome: 'updated', applicationId: first.body.applicationId });
    const older = await post(signed(status('A-1', 'reviewing', '2026-12-02T09:00:00+09:00')));
    expect(older.body.outcome).toBe('stale');
    const application = await host.data(SYSTEM).get('ExternalApplication', first.body.applicationId);
    expect(application).toMatchObject({ status: 'approved', resident, externalId: 'A-1' });
    await host.settled();
  });

  it('answers a repeated idempotency key with the first result, and refuses it with another body', async () => {
    const message = signed(status('A-2', 'received', '2026-12-01T09:00:00+09:00'), { key: 'key-A-2' });
    const first = await post(message);
    const again = await post(message);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const reused = await post(signed(status('A-2', 'approved', '2026-12-05T09:00:00+09:00'), { key: 'key-A-2' }));
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('crm.intake.keyReused');
    expect(await host.data(SYSTEM).count('IntakeMessage', { idempotencyKey: { eq: 'key-A-2' } })).toBe(1);
    const application = (
      await host.data(SYSTEM).list('ExternalApplication', { filter: { externalId: { eq: 'A-2' } } })
    )[0];
    expect(application?.status).toBe('received');
  });

  it('refuses a bad signature, a wrong token, an unknown type and invalid data, changing nothing', async () => {
    const before = await host.data(SYSTEM).count('IntakeMessage');
    const forged = signed(status('A-3', 'received', '2026-12-01T09:00:00+09:00'), {
      secret: `whsec_${Buffer.from('someone-elses-secret-32-bytes-long').toString('base64')}`,
    });
    const tampered = signed(status('A-3', 'received', '2026-12-01T09:00:00+09:00'));
    tampered.body = tampered.body.replace('received', 'approved');
    const cases = [
      [forged, 401, 'crm.intake.badSignature'],
      [tampered, 401, 'crm.intake.badSignature'],
      [
        signed(status('A-3', 'x', '2026-12-01T09:00:00Z'), { token: 'not-the-token-of-this-system-000000' }),
        401,
        'crm.intake.unauthorized',
      ],
      [signed({ type: 'water.meterReading', data: {} }), 422, 'crm.intake.unknownType'],
      [
        signed({ type: 'application.status', data: { externalId: 'A-3', status: 'received', statusAt: 'yesterday' } }),
        422,
        'crm.intake.invalid',
      ],
    ] as const;
    for (const [message, code, problem] of cases) {
      const answer = await post(message);
      expect(answer.status).toBe(code);
      expect(answer.body.code).toBe(problem);
    }
    expect((await post(signed(status('A-3', 'x', '2026-12-01T09:00:00Z')), 'unknown-system')).status).toBe(401);
    expect(await host.data(SYSTEM).count('IntakeMessage')).toBe(before);
    expect(await host.data(SYSTEM).count('ExternalApplication', { externalId: { eq: 'A-3' } })).toBe(0);
  });

  it('accepts a message type declared in the settings, checked against its schema', async () => {
    await setCrmSettings(host, {
      intakeTypes: {
        'water.notice': {
          schema: { type: 'object', required: ['customer'], properties: { customer: { type: 'string' } } },
        },
      },
    });
    expect((await post(signed({ type: 'water.notice', data: { customer: 'W-1' } }))).status).toBe(201);
    const refused = await post(signed({ type: 'water.notice', data: {} }));
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].pointer).toBe('/data/customer');
  });

  it('imports a CSV with the outcome of every row the one-at-a-time intake gives, written set-based', async () => {
    const rows: Array<[string, string, string]> = [
      ['E-1', 'received', '2026-12-01T09:00:00+09:00'],
      ['E-2', 'received', '2026-12-01T09:00:00+09:00'],
      ['E-1', 'reviewing', '2026-12-02T09:00:00+09:00'],
      ['E-1', 'received', '2026-12-01T12:00:00+09:00'],
      ['E-3', 'received', '2026-12-01T09:00:00+09:00'],
      ['E-1', 'approved', '2026-12-03T09:00:00+09:00'],
      ['E-0', 'closed', '2026-12-05T09:00:00+09:00'],
      ['E-0', 'reopened', '2026-11-05T09:00:00+09:00'],
    ];
    await registerSystem(host, admin, { code: 'e-bulk' });
    // E-0 is known to both systems before the rows arrive.
    expect((await post(signed(status('E-0', 'received', '2026-12-01T00:00:00Z')))).status).toBe(201);
    const seeded = await admin.request('POST', '/api/plugins/crm/systems/e-bulk/statuses/import', {
      rawBody: `externalId,status,statusAt,resident,title\nE-0,received,2026-12-01T00:00:00Z,${resident},児童手当 認定請求`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(seeded.status).toBe(200);
    const oneByOne: string[] = [];
    for (const [externalId, value, at] of rows) {
      const answer = await post(signed(status(externalId, value, at)));
      oneByOne.push(answer.body.outcome);
    }
    const csv = [
      'externalId,status,statusAt,resident,title',
      ...rows.map(([externalId, value, at]) => `${externalId},${value},${at},${resident},児童手当 認定請求`),
    ].join('\n');
    const imported = await admin.request('POST', '/api/plugins/crm/systems/e-bulk/statuses/import', {
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(200);
    const count = (outcome: string) => oneByOne.filter((each) => each === outcome).length;
    expect(imported.body).toMatchObject({
      created: count('created'),
      updated: count('updated'),
      stale: count('stale'),
    });
    expect(imported.body.duplicates.count).toBe(4);

    const stateOf = async (code: string) => {
      const [system] = await host.data(SYSTEM).list('IntegrationSystem', { filter: { code: { eq: code } } });
      const applications = await host.data(SYSTEM).list('ExternalApplication', {
        filter: { system: { eq: system?.id }, externalId: { in: ['E-0', 'E-1', 'E-2', 'E-3'] } },
        sort: 'externalId',
      });
      return applications.map(({ externalId, status, statusAt, resident, title }) => ({
        externalId,
        status,
        statusAt: new Date(String(statusAt)).toISOString(),
        resident,
        title,
      }));
    };
    expect(await stateOf('e-bulk')).toEqual(await stateOf('e-apply'));
    const announced = async (code: string) => {
      const { rows: events } = await host.context('crm').sql.query<{ payload: Record<string, unknown> }>(
        `select payload from kiban_outbox where type = 'crm.application.statusChanged' and payload->>'system' = $1
          and payload->>'externalId' like 'E-%' order by seq`,
        [code],
      );
      return events.map(({ payload: { applicationId: _, system: __, ...rest } }) => rest);
    };
    expect(await announced('e-bulk')).toEqual(await announced('e-apply'));
    expect((await announced('e-bulk')).length).toBe(count('created') + count('updated') + 1);
  });

  it('imports a CSV of statuses: a dry run changes nothing, a bad row refuses the file', async () => {
    const csv = [
      'externalId,status,statusAt,resident,title',
      `B-1,received,2026-12-01T09:00:00+09:00,${resident},保育所入所申込`,
      `B-2,received,2026-12-01T09:00:00+09:00,${resident},保育所入所申込`,
      'B-1,approved,2026-12-04T09:00:00+09:00,,',
      'A-1,reviewing,2026-11-01T09:00:00+09:00,,',
    ].join('\n');
    const path = '/api/plugins/crm/systems/e-apply/statuses/import';
    const dry = await admin.request('POST', `${path}?dryRun=true`, {
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
    const report = {
      rows: 4,
      created: 2,
      updated: 1,
      stale: 1,
      duplicates: { count: 1, lines: [{ line: 4, externalId: 'B-1', firstLine: 2 }] },
      // No profile of the resident yet: applied all the same, and said.
      unknownResidents: {
        count: 2,
        lines: [
          { line: 2, resident },
          { line: 3, resident },
        ],
      },
    };
    expect(dry.body).toEqual({ dryRun: true, ...report });
    expect(await host.data(SYSTEM).count('ExternalApplication', { externalId: { in: ['B-1', 'B-2'] } })).toBe(0);

    const bad = `${csv}\nB-3,,not-a-date,,\n`;
    const refused = await admin.request('POST', path, { rawBody: bad, headers: { 'content-type': 'text/csv' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((detail: { pointer: string }) => detail.pointer)).toEqual([
      '/rows/6/status',
      '/rows/6/statusAt',
    ]);
    expect(await host.data(SYSTEM).count('ExternalApplication', { externalId: { in: ['B-1', 'B-2'] } })).toBe(0);

    const applied = await admin.request('POST', path, { rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(applied.body).toEqual({ dryRun: false, ...report });
    const [b1] = await host.data(SYSTEM).list('ExternalApplication', { filter: { externalId: { eq: 'B-1' } } });
    expect(b1?.status).toBe('approved');

    const clerk = await signIn(host, 'staff', ['crm-staff']);
    const forbidden = await clerk.request('POST', path, { rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(forbidden.status).toBe(403);
  });
});
