import { fileURLToPath } from 'node:url';
import type { Actor } from '@kiban/sdk';
import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import payments from '../src/index.ts';
import { type SandboxProvider, startSandboxProvider } from '../src/provider/index.ts';

/** The plugin in a real engine: migrations, actions, routes, the webhook, events and jobs. */

const SYSTEM: Actor = { kind: 'system' };
const APP = fileURLToPath(new URL('./app', import.meta.url));
const SECRETS = { secretKey: 'sk_test_host', webhookSecret: 'whsec_test_host', qrSigningKey: 'q'.repeat(40) };
const kinds: Array<'pglite' | 'postgres'> = process.env.KIBAN_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

describe.each(kinds)('payments plugin in the engine on %s', (kind) => {
  let host: TestHost;
  let sandbox: SandboxProvider;
  let staff: TestHostClient;
  let approver: TestHostClient;
  let clerk: TestHostClient;
  let hanako: TestHostClient;
  let taro: TestHostClient;
  let campaignId: string;
  let shopId: string;
  const action = (as: TestHostClient, name: string, body: unknown) =>
    as.request('POST', `/api/actions/payments.${name}`, { body });

  beforeAll(async () => {
    host = await createTestHost({ plugins: [payments], packages: [APP], kind });
    sandbox = await startSandboxProvider({
      secretKey: SECRETS.secretKey,
      webhookSecret: SECRETS.webhookSecret,
      webhook: async (body, headers) =>
        (await host.request('POST', '/api/public/payments/webhook', { body: JSON.parse(body), headers })).status,
    });
    expect((await host.setSettings('payments', { ...SECRETS, providerBaseUrl: sandbox.url })).status).toBe(200);
    staff = await host.signInAs('staff', 'points-staff', ['payments-staff']);
    approver = await host.signInAs('staff', 'points-approver', ['payments-staff']);
    clerk = await host.signInAs('staff', 'shop-clerk', ['payments-shop']);
    hanako = await host.signInAs('resident', 'hanako', ['payments-resident']);
    taro = await host.signInAs('resident', 'taro', ['payments-resident', 'checkup-resident']);
  });
  afterAll(async () => {
    await sandbox?.close();
    await host?.close();
  });

  it('runs its migrations into its own schema', async () => {
    const accounts = await host.context().sql.query<{ id: string }>('select id from account order by id');
    expect(accounts.rows.map((r) => r.id)).toEqual(['adjustment', 'exchange', 'expired', 'issuance', 'settlement']);
  });

  it('earns points when a procedure is completed, per the earning rule and its condition', async () => {
    const created = await action(staff, 'createCampaign', {
      name: { ja: '健診ポイント' },
      budget: 10_000,
      pointsValidDays: 180,
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: '2030-01-01T00:00:00Z',
    });
    expect(created.status).toBe(200);
    campaignId = created.body.id;
    const rule = await action(staff, 'createEarningRule', {
      campaignId,
      name: '健診を受診した',
      event: 'record.updated',
      entity: 'Checkup',
      condition: {
        kind: 'rule',
        name: 'checkup-done',
        label: { ja: '受診済み' },
        entity: 'Checkup',
        condition: { fact: 'status', op: 'eq', value: 'done' },
      },
      points: 300,
      perResidentLimit: 1,
    });
    expect(rule.status).toBe(200);
    const badCondition = await action(staff, 'createEarningRule', {
      campaignId,
      name: '壊れた条件',
      event: 'record.updated',
      entity: 'Checkup',
      condition: {
        kind: 'rule',
        name: 'bad',
        label: { ja: '壊れた' },
        entity: 'Checkup',
        condition: { fact: 'nope', op: 'eq', value: 1 },
      },
      points: 10,
    });
    expect(badCondition.status).toBe(422);
    const data = host.data(SYSTEM);
    const checkup = await data.create('Checkup', {
      ward: '北区',
      status: 'booked',
      owner: hanako.actor.kind === 'principal' ? hanako.actor.id : '',
    });
    await data.update('Checkup', String(checkup.id), { ward: '南区' });
    await host.settled();
    expect((await hanako.request('GET', '/api/plugins/payments/wallet')).body.balance).toBe(0);
    await data.update('Checkup', String(checkup.id), { status: 'done' });
    await host.settled();
    await data.update('Checkup', String(checkup.id), { ward: '北区' });
    await host.settled();
    const wallet = (await hanako.request('GET', '/api/plugins/payments/wallet')).body;
    expect(wallet).toMatchObject({ balance: 300, available: 300 });
    expect(wallet.expiring).toHaveLength(1);
  });

  it('grants to a segment set-based, refuses a bad request, and needs staff', async () => {
    const data = host.data(SYSTEM);
    const taroId = taro.actor.kind === 'principal' ? taro.actor.id : '';
    await data.create('Checkup', { ward: '東区', status: 'booked', owner: taroId });
    const target = {
      entity: 'Checkup',
      rule: {
        kind: 'rule',
        name: 'east',
        label: { ja: '東区' },
        entity: 'Checkup',
        condition: { fact: 'ward', op: 'eq', value: '東区' },
      },
    };
    expect(
      (await action(hanako, 'grantToSegment', { idempotencyKey: 'east-2026', campaignId, target, points: 50 })).status,
    ).toBe(403);
    const bad = await action(staff, 'grantToSegment', { idempotencyKey: 'east-2026', campaignId, target, points: -5 });
    expect(bad.status).toBe(422);
    const granted = await action(staff, 'grantToSegment', {
      idempotencyKey: 'east-2026',
      campaignId,
      target,
      points: 50,
    });
    expect(granted.body).toMatchObject({ recipients: 1, replayed: false });
    const again = await action(staff, 'grantToSegment', {
      idempotencyKey: 'east-2026',
      campaignId,
      target,
      points: 50,
    });
    expect(again.body).toMatchObject({ replayed: true });
    expect((await taro.request('GET', '/api/plugins/payments/wallet')).body.balance).toBe(50);
  });

  it('registers a shop, takes points and redeems a shown coupon once after staff approval', async () => {
    const registered = await action(clerk, 'registerShop', {
      kind: 'shop',
      name: '北区ベーカリー',
      address: '北区1-2-3',
      contactEmail: 'bakery@example.jp',
    });
    shopId = registered.body.id;
    const early = await action(hanako, 'payWithPoints', { idempotencyKey: 'pay-0001', shopId, points: 10 });
    expect(early.status).toBe(404);
    expect((await action(staff, 'decideShop', { shopId, decision: 'approve' })).body).toEqual({ status: 'approved' });
    const paid = await action(hanako, 'payWithPoints', { idempotencyKey: 'pay-0001', shopId, points: 100 });
    expect(paid.status).toBe(200);
    expect(
      (await action(hanako, 'payWithPoints', { idempotencyKey: 'pay-0001', shopId, points: 100 })).body.replayed,
    ).toBe(true);
    expect((await action(hanako, 'payWithPoints', { idempotencyKey: 'pay-0002', shopId, points: 1000 })).status).toBe(
      409,
    );

    const defined = await action(staff, 'defineCoupon', {
      kind: 'ticket',
      name: { ja: '市民プール入場券' },
      service: 'pool-entry',
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2030-01-01T00:00:00Z',
      perResidentLimit: 1,
      totalStock: 100,
    });
    const target = {
      entity: 'Checkup',
      rule: {
        kind: 'rule',
        name: 'all',
        label: { ja: '全員' },
        entity: 'Checkup',
        condition: { fact: 'status', op: 'in', value: ['booked', 'done'] },
      },
    };
    const sent = await action(staff, 'distributeCoupon', {
      idempotencyKey: 'pool-2026',
      definitionId: defined.body.id,
      target,
    });
    expect(sent.body).toEqual({ issued: 2, replayed: false });
    const coupons = (await hanako.request('GET', '/api/plugins/payments/coupons')).body.coupons;
    expect(coupons).toHaveLength(1);
    const shown = await action(hanako, 'showCoupon', { couponId: coupons[0].id });
    expect(shown.body.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const redeemed = await action(clerk, 'redeem', { shopId, token: shown.body.token });
    expect(redeemed.body).toMatchObject({ service: 'pool-entry', replayed: false });
    expect((await action(clerk, 'redeem', { shopId, token: shown.body.token })).body.replayed).toBe(true);
    const forged = await action(clerk, 'redeem', { shopId, token: `${shown.body.token.slice(0, -3)}abc` });
    expect(forged.body.error?.code ?? forged.body.code).toBeDefined();
    expect(forged.status).toBe(422);
    const month = new Date().toISOString().slice(0, 7);
    const csv = await clerk.request(
      'GET',
      `/api/plugins/payments/shops/${shopId}/settlement?month=${month}&format=csv`,
    );
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('points');
  });

  it('lets only one of two devices spend the same points at once', async () => {
    const [one, two] = await Promise.all([
      action(taro, 'payWithPoints', { idempotencyKey: 'device-a-01', shopId, points: 40 }),
      action(taro, 'payWithPoints', { idempotencyKey: 'device-b-01', shopId, points: 40 }),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    expect((await taro.request('GET', '/api/plugins/payments/wallet')).body.balance).toBe(10);
  });

  it('needs a second member of staff for a manual adjustment', async () => {
    const hanakoId = hanako.actor.kind === 'principal' ? hanako.actor.id : '';
    const requested = await action(staff, 'requestAdjustment', {
      residentId: hanakoId,
      points: 25,
      reason: '窓口での付与漏れ',
    });
    const adjustmentId = requested.body.id;
    expect((await action(staff, 'decideAdjustment', { adjustmentId, decision: 'approve' })).status).toBe(403);
    expect((await action(approver, 'decideAdjustment', { adjustmentId, decision: 'approve' })).body).toEqual({
      status: 'approved',
    });
    expect((await hanako.request('GET', '/api/plugins/payments/wallet')).body.balance).toBe(225);
  });

  it('sells a premium voucher through the provider, confirmed by the signed webhook once', async () => {
    const defined = await action(staff, 'defineCoupon', {
      kind: 'coupon',
      name: { ja: 'プレミアム付商品券' },
      valueYen: 13_000,
      priceYen: 10_000,
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2030-01-01T00:00:00Z',
      perResidentLimit: 2,
      totalStock: 100,
    });
    const checkout = await action(taro, 'buyVoucher', {
      idempotencyKey: 'voucher-0001',
      definitionId: defined.body.id,
    });
    expect(checkout.status).toBe(200);
    expect(checkout.body.redirectUrl.startsWith(sandbox.url)).toBe(true);
    await sandbox.pay(checkout.body.redirectUrl.split('/').pop());
    expect(sandbox.webhooks.at(-1)?.status).toBe(200);
    expect(await sandbox.resend(sandbox.webhooks.length - 1)).toBe(200);
    const order = await taro.request('GET', `/api/plugins/payments/orders/${checkout.body.orderId}`);
    expect(order.body.status).toBe('fulfilled');
    const coupons = (await taro.request('GET', '/api/plugins/payments/coupons')).body.coupons;
    expect(coupons.filter((c: { valueYen: number }) => c.valueYen === 13_000)).toHaveLength(1);
    const body = JSON.parse(sandbox.webhooks.at(-1)?.body ?? '{}');
    const forged = await host.request('POST', '/api/public/payments/webhook', {
      body,
      headers: { 'x-komoju-signature': '0'.repeat(64) },
    });
    expect(forged.status).toBe(401);

    // A second checkout holds a voucher until the resident gives up; then it is free again.
    const second = await action(taro, 'buyVoucher', { idempotencyKey: 'voucher-0002', definitionId: defined.body.id });
    expect(second.status).toBe(200);
    const stranger = await action(hanako, 'cancelCheckout', { orderId: second.body.orderId });
    expect(stranger.status).toBe(404);
    const cancelled = await action(taro, 'cancelCheckout', { orderId: second.body.orderId });
    expect(cancelled.body).toEqual({ status: 'cancelled' });
    const retried = await action(taro, 'buyVoucher', { idempotencyKey: 'voucher-0002', definitionId: defined.body.id });
    expect(retried.status).toBe(409);
    expect(retried.body.code).toBe('payments.checkoutClosed');
    const third = await action(taro, 'buyVoucher', { idempotencyKey: 'voucher-0003', definitionId: defined.body.id });
    expect(third.status).toBe(200);
    const fourth = await action(taro, 'buyVoucher', { idempotencyKey: 'voucher-0004', definitionId: defined.body.id });
    expect(fourth.body.code).toBe('payments.limitReached');
  });

  it('takes an application fee stated by the record, for the record the resident may read only', async () => {
    const data = host.data(SYSTEM);
    const taroId = taro.actor.kind === 'principal' ? taro.actor.id : '';
    const hanakoId = hanako.actor.kind === 'principal' ? hanako.actor.id : '';
    const own = await data.create('Checkup', { ward: '西区', status: 'booked', feeYen: 1_500, owner: taroId });
    const other = await data.create('Checkup', { ward: '西区', status: 'booked', feeYen: 1_500, owner: hanakoId });
    const free = await data.create('Checkup', { ward: '西区', status: 'booked', owner: taroId });
    expect(
      (await action(taro, 'payFee', { idempotencyKey: 'fee-00001', entity: 'Checkup', recordId: other.id })).status,
    ).toBe(404);
    expect(
      (await action(taro, 'payFee', { idempotencyKey: 'fee-00002', entity: 'Checkup', recordId: free.id })).status,
    ).toBe(409);
    const checkout = await action(taro, 'payFee', { idempotencyKey: 'fee-00003', entity: 'Checkup', recordId: own.id });
    expect(checkout.status).toBe(200);
    expect(sandbox.sessions.get(checkout.body.redirectUrl.split('/').pop())?.amount).toBe(1_500);
    await sandbox.pay(checkout.body.redirectUrl.split('/').pop());
    const order = await taro.request('GET', `/api/plugins/payments/orders/${checkout.body.orderId}`);
    expect(order.body).toMatchObject({ status: 'fulfilled', purpose: 'fee', amount_yen: 1_500 });
  });

  it('offers its staff pages and serves their module', async () => {
    const app = await staff.request('GET', '/api/portal/app?portal=staff');
    const tags = app.body.staffPages.map((page: { tag: string }) => page.tag);
    expect(tags).toEqual(expect.arrayContaining(['payments-staff-console', 'payments-shop-redeem']));
    const module = await host.request('GET', '/ui/plugins/payments/index.js', { as: staff });
    expect(module.status).toBe(200);
    expect((await staff.request('GET', '/api/plugins/payments/campaigns')).body.campaigns[0]).toMatchObject({
      budget: '10000',
    });
    expect((await hanako.request('GET', '/api/plugins/payments/campaigns')).status).toBe(403);
    expect((await clerk.request('GET', '/api/plugins/payments/my-shops')).body.shops).toHaveLength(1);
  });

  it('expires points by its daily job', async () => {
    const hanakoId = hanako.actor.kind === 'principal' ? hanako.actor.id : '';
    // Time passes for hanako's points: her lots reached their expiry yesterday.
    await host
      .context()
      .sql.query(`update lot set expires_at = now() - interval '1 day' where account_id = $1`, [`wallet:${hanakoId}`]);
    expect((await hanako.request('GET', '/api/plugins/payments/wallet')).body).toMatchObject({
      balance: 225,
      available: 0,
    });
    await host.runJobs(new Date(Date.now() + 2 * 86_400_000));
    expect((await host.jobs('dead')).length).toBe(0);
    expect((await hanako.request('GET', '/api/plugins/payments/wallet')).body.balance).toBe(0);
    const liabilities = await staff.request('GET', '/api/plugins/payments/reports/liabilities');
    // taro's 10 points remain, until the next day's run.
    expect(liabilities.body.rows[0][1]).toBe(10);
    const taroId = taro.actor.kind === 'principal' ? taro.actor.id : '';
    await host
      .context()
      .sql.query(`update lot set expires_at = now() - interval '1 hour' where account_id = $1`, [`wallet:${taroId}`]);
    await host.runJobs(new Date(Date.now() + 3 * 86_400_000));
    expect((await host.jobs('dead')).length).toBe(0);
    expect((await taro.request('GET', '/api/plugins/payments/wallet')).body.balance).toBe(0);
  });

  it('reconciles a settlement report for staff only, lists its mismatches and audits the run', async () => {
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const query = new URLSearchParams({
      start_time: new Date(Date.now() - 86_400_000).toISOString(),
      end_time: new Date(Date.now() + 60_000).toISOString(),
    });
    const report = await fetch(`${sandbox.url}/reports/settlement.csv?${query}`, {
      headers: { authorization: `Basic ${Buffer.from(`${SECRETS.secretKey}:`).toString('base64')}` },
    });
    const csv = await report.text();
    // A capture nobody here asked for, appended to what the provider settled.
    const forged = `${csv}Capture,,pay_unknown,,,JPY,,pay_unknown,,JPY,4000,,,,,,\r\n`;
    expect((await action(taro, 'reconcileSettlement', { date: today, report: forged })).status).toBe(403);
    const bad = await action(staff, 'reconcileSettlement', { date: 'yesterday', report: forged });
    expect(bad.status).toBe(422);
    const run = await action(staff, 'reconcileSettlement', { date: today, report: forged });
    expect(run.status).toBe(200);
    expect(run.body.mismatches).toContainEqual({
      kind: 'missingInLedger',
      orderId: null,
      paymentId: 'pay_unknown',
      details: { amountYen: 4000, line: expect.any(Number) },
    });
    const listed = await staff.request('GET', `/api/plugins/payments/reports/reconciliation?date=${today}`);
    expect(JSON.stringify(listed.body)).toContain('pay_unknown');
    const audit = await host.request('GET', '/api/audit?limit=50', { as: 'admin' });
    expect(JSON.stringify(audit.body)).toContain('payments.reconcileSettlement');
  });
});
