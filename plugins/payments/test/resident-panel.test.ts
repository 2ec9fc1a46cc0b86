import { fileURLToPath } from 'node:url';
import type { Actor } from '@kiban/sdk';
import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import payments from '../src/index.ts';

/** The panel payments contributes under resident profiles (the CRM's resident 360), and the route it reads. */

const SYSTEM: Actor = { kind: 'system' };
const APP = fileURLToPath(new URL('./app', import.meta.url));
const SECRETS = { secretKey: 'sk_test_host', webhookSecret: 'whsec_test_host', qrSigningKey: 'q'.repeat(40) };

describe("payments' panel under resident profiles", () => {
  let host: TestHost;
  let staff: TestHostClient;
  let clerk: TestHostClient;
  let hanako: TestHostClient;
  let hanakoId: string;

  beforeAll(async () => {
    host = await createTestHost({ plugins: [payments], packages: [APP], kind: 'pglite' });
    expect((await host.setSettings('payments', SECRETS)).status).toBe(200);
    staff = await host.signInAs('staff', 'panel-staff', ['payments-staff']);
    clerk = await host.signInAs('staff', 'panel-clerk', ['payments-shop']);
    hanako = await host.signInAs('resident', 'hanako', ['payments-resident']);
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
        idempotencyKey: 'panel-north',
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
  });
  afterAll(() => host?.close());

  it('contributes a record panel on ResidentProfile drawn by an element its module defines', async () => {
    expect(payments.ui?.recordPanels).toEqual([
      expect.objectContaining({ tag: 'payments-resident-panel', entities: ['ResidentProfile'] }),
    ]);
    const module = await host.request('GET', '/ui/plugins/payments/index.js', { as: staff });
    expect(String(module.body)).toContain("customElements.define('payments-resident-panel'");
  });

  it("shows points staff a resident's points and coupons, and audits the read", async () => {
    const summary = await staff.request('GET', `/api/plugins/payments/residents/${hanakoId}/summary`);
    expect(summary.status).toBe(200);
    expect(summary.body.wallet).toMatchObject({ balance: 120, available: 120 });
    expect(summary.body.coupons).toEqual([]);
    const trail = await host.request('GET', `/api/audit?recordId=${hanakoId}`, { as: 'admin' });
    const reads = (trail.body.items as Array<{ action: string; principalId: string }>).filter(
      (entry) => entry.action === 'payments.residentSummary.read',
    );
    expect(reads).toHaveLength(1);
  });

  it('refuses other roles and a malformed id, reading nothing', async () => {
    expect((await clerk.request('GET', `/api/plugins/payments/residents/${hanakoId}/summary`)).status).toBe(403);
    expect((await hanako.request('GET', `/api/plugins/payments/residents/${hanakoId}/summary`)).status).toBe(403);
    const bad = await staff.request('GET', '/api/plugins/payments/residents/not-an-id/summary');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('payments.badResident');
    const trail = await host.request('GET', `/api/audit?recordId=${hanakoId}`, { as: 'admin' });
    const reads = (trail.body.items as Array<{ action: string }>).filter(
      (entry) => entry.action === 'payments.residentSummary.read',
    );
    expect(reads).toHaveLength(1);
  });
});
