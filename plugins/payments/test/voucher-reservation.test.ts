import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefinition } from '../src/coupons/index.ts';
import { applyProviderEvent, startCheckout } from '../src/orders/index.ts';
import { releaseExpiredReservations, releaseReservation, reserveVoucher } from '../src/orders/reservations.ts';
import { komojuProvider, type SandboxProvider, startSandboxProvider } from '../src/provider/index.ts';
import { MIGRATIONS } from '../src/storage/migrations.ts';
import { toNumber } from '../src/storage/sql.ts';
import { databaseKinds, openTestStore, type TestStore } from './direct-store.ts';

const SECRET_KEY = 'sk_test_sandbox';
const WEBHOOK_SECRET = 'whsec_sandbox_test';
const STOCK = 7;
const BUYERS = 60;

describe.each(databaseKinds())('premium vouchers reserved at checkout on %s', (kind) => {
  let store: TestStore;
  let sandbox: SandboxProvider;
  const provider = () =>
    komojuProvider({ baseUrl: sandbox.url, secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, timeoutMs: 10_000 });

  beforeAll(async () => {
    store = await openTestStore(
      kind,
      MIGRATIONS.map((migration) => migration.sql),
    );
    sandbox = await startSandboxProvider({
      secretKey: SECRET_KEY,
      webhookSecret: WEBHOOK_SECRET,
      webhook: async (body, headers) => {
        const event = provider().verifyWebhook(body, headers['x-komoju-signature']);
        if (!event) return 401;
        await store.transaction((sql) => applyProviderEvent(sql, event));
        return 200;
      },
    });
  });
  afterAll(async () => {
    await sandbox?.close();
    await store?.close();
  });

  const defineVoucher = (totalStock: number, perResidentLimit = 1) =>
    store.transaction((sql) =>
      createDefinition(
        sql,
        {
          kind: 'coupon',
          name: { ja: 'プレミアム付商品券' },
          valueYen: 12_000,
          priceYen: 10_000,
          validFrom: '2026-01-01T00:00:00Z',
          validUntil: '2027-12-31T00:00:00Z',
          perResidentLimit,
          totalStock,
        },
        'staff',
      ),
    );
  const buy = (definitionId: string, resident: string, key = `${definitionId}:${resident}`, seconds = 1800) =>
    startCheckout(store, provider(), {
      idempotencyKey: key,
      residentId: resident,
      purpose: 'voucher',
      amountYen: 10_000,
      description: 'プレミアム付商品券',
      reference: { definitionId },
      returnUrl: 'http://127.0.0.1/portal/payments/{order}',
      expiresInSeconds: seconds,
      reserve: (sql, orderId, expiresAt) =>
        reserveVoucher(sql, { orderId, definitionId, residentId: resident, expiresAt }),
    });
  const counters = async (definitionId: string) => {
    const row = (
      await store.sql.query<Record<string, unknown>>(
        `select d.issued, d.reserved, (select count(*) from coupon c where c.definition_id = d.id) as coupons,
           (select count(*) from voucher_reservation r where r.definition_id = d.id and r.status = 'held') as held
         from coupon_definition d where d.id = $1`,
        [definitionId],
      )
    ).rows[0];
    return {
      issued: toNumber(row?.issued),
      reserved: toNumber(row?.reserved),
      coupons: toNumber(row?.coupons),
      held: toNumber(row?.held),
    };
  };
  const sessionOf = (redirectUrl: string) => redirectUrl.split('/').pop() ?? '';

  it(`holds no more than the stock when ${BUYERS} residents check out at once, and every payer gets a voucher`, async () => {
    const voucher = await defineVoucher(STOCK);
    const outcomes = await Promise.allSettled(
      Array.from({ length: BUYERS }, (_, i) => buy(voucher, `resident-${String(i).padStart(2, '0')}`)),
    );
    const started = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(started).toHaveLength(STOCK);
    expect(refusals).toHaveLength(BUYERS - STOCK);
    for (const refusal of refusals) expect(refusal).toMatchObject({ code: 'payments.stockExhausted', status: 409 });
    const orders = await store.sql.query(`select id from payment_order where reference->>'definitionId' = $1`, [
      voucher,
    ]);
    expect(orders.rowCount).toBe(STOCK);
    expect(await counters(voucher)).toEqual({ issued: 0, reserved: STOCK, coupons: 0, held: STOCK });
    await Promise.all(started.map((checkout) => sandbox.pay(sessionOf(checkout.redirectUrl))));
    expect(await counters(voucher)).toEqual({ issued: STOCK, reserved: 0, coupons: STOCK, held: 0 });
    const fulfilled = await store.sql.query(
      `select id from payment_order where reference->>'definitionId' = $1 and status = 'fulfilled'`,
      [voucher],
    );
    expect(fulfilled.rowCount).toBe(STOCK);
  });

  it('gives the voucher back on a cancel and on a declined card, and a retried checkout reserves once', async () => {
    const voucher = await defineVoucher(2);
    const first = await buy(voucher, 'ichiro');
    expect(await buy(voucher, 'ichiro')).toEqual(first);
    const second = await buy(voucher, 'jiro');
    await expect(buy(voucher, 'saburo')).rejects.toMatchObject({ code: 'payments.stockExhausted' });
    expect(await counters(voucher)).toMatchObject({ reserved: 2, held: 2 });

    await store.transaction((sql) => releaseReservation(sql, first.orderId, 'cancelled'));
    await sandbox.decline(sessionOf(second.redirectUrl));
    expect(await counters(voucher)).toMatchObject({ reserved: 0, held: 0, issued: 0 });
    const statuses = await store.sql.query<{ status: string }>(
      'select status from payment_order where id = any($1::uuid[]) order by status',
      [[first.orderId, second.orderId]],
    );
    expect(statuses.rows.map((row) => row.status)).toEqual(['cancelled', 'failed']);
    await expect(buy(voucher, 'ichiro')).rejects.toMatchObject({ code: 'payments.checkoutClosed', status: 409 });

    // The stock is free again for others.
    await buy(voucher, 'saburo');
    await buy(voucher, 'shiro');
    expect(await counters(voucher)).toMatchObject({ reserved: 2, held: 2 });
  });

  it('releases lapsed reservations in the sweep and issues a late capture only from stock that is left', async () => {
    const voucher = await defineVoucher(1);
    const late = await buy(voucher, 'goro');
    const sweptAt = new Date(Date.now() + 3 * 3_600_000);
    expect(await store.transaction((sql) => releaseExpiredReservations(sql, sweptAt))).toBeGreaterThanOrEqual(1);
    expect(await counters(voucher)).toMatchObject({ reserved: 0, held: 0 });
    const other = await buy(voucher, 'rokuro');
    await sandbox.pay(sessionOf(other.redirectUrl));
    // goro's page was still open at the provider: the capture finds the stock sold out.
    await sandbox.pay(sessionOf(late.redirectUrl));
    expect(await counters(voucher)).toEqual({ issued: 1, reserved: 0, coupons: 1, held: 0 });
    const orders = await store.sql.query<{ id: string; status: string }>(
      'select id, status from payment_order where id = any($1::uuid[])',
      [[late.orderId, other.orderId]],
    );
    expect(Object.fromEntries(orders.rows.map((row) => [row.id, row.status]))).toEqual({
      [late.orderId]: 'unfulfillable',
      [other.orderId]: 'fulfilled',
    });
  });

  it('counts reservations against the per-resident limit', async () => {
    const voucher = await defineVoucher(10, 2);
    await buy(voucher, 'nanako', 'a');
    await buy(voucher, 'nanako', 'b');
    await expect(buy(voucher, 'nanako', 'c')).rejects.toMatchObject({ code: 'payments.limitReached', status: 409 });
    expect(await counters(voucher)).toMatchObject({ reserved: 2 });
  });

  it('takes no payment on a page whose time ran out', async () => {
    const voucher = await defineVoucher(3);
    const checkout = await buy(voucher, 'hachiro', 'short', 0);
    await sandbox.pay(sessionOf(checkout.redirectUrl));
    expect(sandbox.sessions.get(sessionOf(checkout.redirectUrl))?.status).toBe('expired');
    expect(await counters(voucher)).toMatchObject({ issued: 0, reserved: 1 });
  });
});
