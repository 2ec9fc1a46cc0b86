import { fileURLToPath } from 'node:url';
import type { Actor } from '@kiban/sdk';
import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import payments from '../src/index.ts';
import { EXCHANGE } from '../src/ledger/accounts.ts';
import { expireLots } from '../src/ledger/expire.ts';
import { spendPoints } from '../src/ledger/spend.ts';
import { databaseKinds } from './direct-store.ts';

/** The points payments contributes to the resident 360's timeline (`timelines`): earned, spent, expired. */

const SYSTEM: Actor = { kind: 'system' };
const APP = fileURLToPath(new URL('./app', import.meta.url));
const SECRETS = { secretKey: 'sk_test_host', webhookSecret: 'whsec_test_host', qrSigningKey: 'q'.repeat(40) };
const DAY = 86_400_000;

describe.each(databaseKinds())('points on the resident timeline on %s', (kind) => {
  let host: TestHost;
  let staff: TestHostClient;
  let clerk: TestHostClient;
  let hanakoId: string;

  const timeline = (reader: TestHostClient, resident = hanakoId) =>
    host
      .context('payments')
      .plugins.timeline({ entity: 'ResidentProfile', resident, limit: 50, language: 'ja' }, reader.actor);

  beforeAll(async () => {
    host = await createTestHost({ plugins: [payments], packages: [APP], kind });
    expect((await host.setSettings('payments', SECRETS)).status).toBe(200);
    staff = await host.signInAs('staff', 'timeline-staff', ['payments-staff']);
    clerk = await host.signInAs('staff', 'timeline-clerk', ['payments-shop']);
    const hanako = await host.signInAs('resident', 'hanako', ['payments-resident']);
    hanakoId = hanako.actor.kind === 'principal' ? hanako.actor.id : '';
    const campaign = await staff.request('POST', '/api/actions/payments.createCampaign', {
      body: {
        name: { ja: '健診ポイント' },
        budget: 1_000,
        pointsValidDays: 90,
        startsAt: '2026-01-01T00:00:00Z',
        endsAt: '2030-01-01T00:00:00Z',
      },
    });
    await host.data(SYSTEM).create('Checkup', { ward: '北区', status: 'booked', owner: hanakoId });
    const granted = await staff.request('POST', '/api/actions/payments.grantToSegment', {
      body: {
        idempotencyKey: 'timeline-north',
        campaignId: campaign.body.id,
        target: {
          entity: 'Checkup',
          rule: {
            kind: 'rule',
            name: 'north',
            label: { ja: '北区' },
            entity: 'Checkup',
            condition: { fact: 'ward', op: 'eq', value: '北区' },
          },
        },
        points: 120,
      },
    });
    expect(granted.body).toMatchObject({ recipients: 1 });
    const ctx = host.context('payments');
    await ctx.transaction(SYSTEM, () =>
      spendPoints(ctx.sql, {
        idempotencyKey: 'timeline-spend',
        residentId: hanakoId,
        to: EXCHANGE,
        points: 20,
        now: new Date(),
        kind: 'spend',
      }),
    );
    await ctx.transaction(SYSTEM, () => expireLots(ctx.sql, 'timeline-expiry', new Date(Date.now() + 91 * DAY)));
  });
  afterAll(() => host?.close());

  it('shows points staff each movement, newest first, and audits the read', async () => {
    const answer = await timeline(staff);
    const source = answer.sources.find((item) => item.plugin === 'payments');
    expect(source).toMatchObject({ name: 'resident-points', status: 'read', entries: 3 });
    expect(answer.entries.map((entry) => [entry.kind, entry.title])).toEqual([
      ['expired', 'ポイント失効 -100 pt'],
      ['spent', 'ポイント利用 -20 pt'],
      ['earned', 'ポイント獲得 +120 pt'],
    ]);
    const trail = await host.request('GET', `/api/audit?recordId=${hanakoId}`, { as: 'admin' });
    const reads = (trail.body.items as Array<{ action: string }>).filter(
      (entry) => entry.action === 'payments.residentTimeline.read',
    );
    expect(reads).toHaveLength(1);
  });

  it('refuses staff without the points role, showing none of it', async () => {
    const answer = await timeline(clerk);
    expect(answer.entries).toEqual([]);
    expect(answer.sources).toEqual([expect.objectContaining({ plugin: 'payments', status: 'forbidden' })]);
  });
});
