import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefinition } from '../src/coupons/index.ts';
import { applyProviderEvent, reconcile, refundOrder, startCheckout } from '../src/orders/index.ts';
import { reserveVoucher } from '../src/orders/reservations.ts';
import { komojuProvider, type SandboxProvider, signWebhook, startSandboxProvider } from '../src/provider/index.ts';
import { MIGRATIONS } from '../src/storage/migrations.ts';
import { databaseKinds, openTestStore, type TestStore } from './direct-store.ts';

const SECRET_KEY = 'sk_test_sandbox';
const WEBHOOK_SECRET = 'whsec_sandbox_test';

describe.each(databaseKinds())('payment provider port with the sandbox provider on %s', (kind) => {
  let store: TestStore;
  let sandbox: SandboxProvider;
  let voucher: string;
  /** Set by a test to make the next webhook delivery die before its commit. */
  let crashNextDelivery = false;
  const provider = () =>
    komojuProvider({ baseUrl: sandbox.url, secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, timeoutMs: 2000 });

  /** The webhook route's work: verify, then record and apply in one transaction. */
  const receive = async (body: string, headers: Record<string, string>): Promise<number> => {
    const event = provider().verifyWebhook(body, headers['x-komoju-signature']);
    if (!event) return 401;
    try {
      await store.transaction(async (sql) => {
        await applyProviderEvent(sql, event);
        if (crashNextDelivery) {
          crashNextDelivery = false;
          throw new Error('process killed before commit');
        }
      });
      return 200;
    } catch {
      return 500;
    }
  };

  beforeAll(async () => {
    store = await openTestStore(
      kind,
      MIGRATIONS.map((migration) => migration.sql),
    );
    sandbox = await startSandboxProvider({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, webhook: receive });
    voucher = await store.transaction((sql) =>
      createDefinition(
        sql,
        {
          kind: 'coupon',
          name: { ja: 'プレミアム付商品券' },
          valueYen: 13_000,
          priceYen: 10_000,
          validFrom: '2026-01-01T00:00:00Z',
          validUntil: '2027-01-01T00:00:00Z',
          perResidentLimit: 5,
          totalStock: 100,
        },
        'staff',
      ),
    );
  });
  afterAll(async () => {
    await sandbox?.close();
    await store?.close();
  });

  const buy = (key: string, resident = 'hanako') =>
    startCheckout(store, provider(), {
      idempotencyKey: key,
      residentId: resident,
      purpose: 'voucher',
      amountYen: 10_000,
      description: 'プレミアム付商品券',
      reference: { definitionId: voucher },
      returnUrl: 'http://127.0.0.1/portal/payments/{order}',
      expiresInSeconds: 1800,
      reserve: (sql, orderId, expiresAt) =>
        reserveVoucher(sql, { orderId, definitionId: voucher, residentId: resident, expiresAt }),
    });
  const couponsOf = async (resident: string) =>
    (await store.sql.query('select id from coupon where resident_id = $1', [resident])).rowCount;
  const sessionOf = (redirectUrl: string) => redirectUrl.split('/').pop() ?? '';

  it('pays on the hosted page, confirms by signed webhook and issues the voucher once despite a replay', async () => {
    const checkout = await buy('buy-1');
    const page = await fetch(checkout.redirectUrl);
    expect(await page.text()).toContain('サンドボックス決済');
    await sandbox.pay(sessionOf(checkout.redirectUrl));
    expect(await couponsOf('hanako')).toBe(1);
    const order = await store.sql.query('select status from payment_order where id = $1', [checkout.orderId]);
    expect(order.rows[0]).toEqual({ status: 'fulfilled' });
    // The provider delivers the same event again: nothing more happens.
    expect(await sandbox.resend(sandbox.webhooks.length - 1)).toBe(200);
    expect(await couponsOf('hanako')).toBe(1);
  });

  it('refuses a webhook with a bad signature and changes nothing', async () => {
    const checkout = await buy('buy-forged', 'forger');
    const body = JSON.stringify({
      id: 'evt_forged',
      type: 'payment.captured',
      data: { id: 'pay_forged', amount: 10_000, status: 'captured', external_order_num: checkout.orderId },
    });
    expect(await receive(body, { 'x-komoju-signature': signWebhook('not-the-secret', body) })).toBe(401);
    expect(await receive(body, {})).toBe(401);
    expect(await couponsOf('forger')).toBe(0);
  });

  it('lets the resident retry while the provider is down, with one session and one charge', async () => {
    sandbox.setDown(true);
    await expect(buy('buy-down', 'taro')).rejects.toMatchObject({ code: 'payments.providerUnavailable', status: 503 });
    sandbox.setDown(false);
    const retried = await buy('buy-down', 'taro');
    const again = await buy('buy-down', 'taro');
    expect(again).toEqual(retried);
    const orders = await store.sql.query('select id from payment_order where resident_id = $1', ['taro']);
    expect(orders.rowCount).toBe(1);
    await sandbox.pay(sessionOf(retried.redirectUrl));
    await sandbox.pay(sessionOf(retried.redirectUrl));
    expect([...sandbox.payments.values()].filter((p) => p.external_order_num === retried.orderId)).toHaveLength(1);
    expect(await couponsOf('taro')).toBe(1);
  });

  it('completes exactly once an order whose process died between "confirmed" and the commit', async () => {
    const checkout = await buy('buy-crash', 'jiro');
    crashNextDelivery = true;
    await sandbox.pay(sessionOf(checkout.redirectUrl));
    expect(sandbox.webhooks.at(-1)?.status).toBe(500);
    expect(await couponsOf('jiro')).toBe(0);
    // The provider retries the delivery, and the daily reconciliation runs as well.
    expect(await sandbox.resend(sandbox.webhooks.length - 1)).toBe(200);
    const window = { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000), runDate: '2026-12-06' };
    const report = await reconcile(store, provider(), window);
    expect(report.completed).toEqual([]);
    expect(await couponsOf('jiro')).toBe(1);
  });

  it('completes from the daily reconciliation an order whose webhook was lost, once, and lists every mismatch', async () => {
    const checkout = await buy('buy-lost', 'saburo');
    sandbox.setWebhooksDropped(true);
    await sandbox.pay(sessionOf(checkout.redirectUrl));
    // A payment at the provider that no order of ours asked for.
    const stray = await provider().createCheckout({
      orderId: 'not-an-order',
      amountYen: 500,
      description: 'x',
      returnUrl: 'http://127.0.0.1/',
      idempotencyKey: 'stray',
      expiresInSeconds: 60,
    });
    await sandbox.pay(stray.sessionId);
    sandbox.setWebhooksDropped(false);
    const window = { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000), runDate: '2026-12-07' };
    const first = await reconcile(store, provider(), window);
    expect(first.completed.map((c) => c.orderId)).toEqual([checkout.orderId]);
    expect(first.issues.map((i) => i.kind).sort()).toEqual(['completedByReconciliation', 'unknownPayment']);
    const second = await reconcile(store, provider(), window);
    expect(second.completed).toEqual([]);
    expect(second.issues.map((i) => i.kind)).toEqual(['unknownPayment']);
    expect(await couponsOf('saburo')).toBe(1);
  });

  it('refunds part, then the rest, once per request, and reconciles cleanly afterwards', async () => {
    const checkout = await buy('buy-refund', 'shiro');
    await sandbox.pay(sessionOf(checkout.redirectUrl));
    expect(await refundOrder(store, provider(), checkout.orderId, 4_000)).toEqual({
      refundedYen: 4_000,
      status: 'fulfilled',
    });
    await expect(refundOrder(store, provider(), checkout.orderId, 6_001)).rejects.toMatchObject({
      code: 'payments.notRefundable',
    });
    expect(await refundOrder(store, provider(), checkout.orderId, 6_000)).toEqual({
      refundedYen: 10_000,
      status: 'refunded',
    });
    const window = { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000), runDate: '2026-12-08' };
    const report = await reconcile(store, provider(), window);
    expect(report.issues.filter((i) => i.orderId === checkout.orderId)).toEqual([]);
  });
});
