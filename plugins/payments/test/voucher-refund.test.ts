import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefinition, presentCoupon, redeemCoupon } from '../src/coupons/index.ts';
import { applyProviderEvent, refundOrder, startCheckout } from '../src/orders/index.ts';
import { reserveVoucher } from '../src/orders/reservations.ts';
import { komojuProvider, type SandboxProvider, startSandboxProvider } from '../src/provider/index.ts';
import { MIGRATIONS } from '../src/storage/migrations.ts';
import { databaseKinds, openTestStore, type TestStore } from './direct-store.ts';

const SECRET_KEY = 'sk_test_refund';
const WEBHOOK_SECRET = 'whsec_refund_test';
const QR_SECRET = 'q'.repeat(40);

/**
 * A refunded premium voucher is voided; a used one refuses the refund; a refund and a
 * redemption of the same voucher at once: exactly one of them succeeds.
 */
describe.each(databaseKinds())('refunding a premium voucher on %s', (kind) => {
  let store: TestStore;
  let sandbox: SandboxProvider;
  let voucher: string;
  let shopId: string;
  const provider = () =>
    komojuProvider({ baseUrl: sandbox.url, secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, timeoutMs: 2000 });

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
    voucher = await store.transaction((sql) =>
      createDefinition(
        sql,
        {
          kind: 'coupon',
          name: { ja: 'プレミアム付商品券' },
          valueYen: 12_000,
          priceYen: 10_000,
          validFrom: '2026-01-01T00:00:00Z',
          validUntil: '2030-01-01T00:00:00Z',
          perResidentLimit: 1,
          totalStock: 100,
        },
        'staff',
      ),
    );
    const shop = await store.sql.query<{ id: string }>(
      `insert into shop (kind, name, address, contact_email, applicant, status)
       values ('shop', '北区商店', '北区1-1', 'shop@example.jp', 'clerk', 'approved') returning id`,
    );
    shopId = String(shop.rows[0]?.id);
  });
  afterAll(async () => {
    await sandbox?.close();
    await store?.close();
  });

  /** A resident who bought and paid for one voucher: the order and the voucher. */
  const paidVoucher = async (resident: string) => {
    const checkout = await startCheckout(store, provider(), {
      idempotencyKey: `buy-${resident}`,
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
    await sandbox.pay(checkout.redirectUrl.split('/').pop() ?? '');
    const coupon = await store.sql.query<{ id: string }>('select id from coupon where resident_id = $1', [resident]);
    return { orderId: checkout.orderId, couponId: String(coupon.rows[0]?.id) };
  };
  const redeem = async (resident: string, couponId: string) => {
    const shown = await store.transaction((sql) => presentCoupon(sql, QR_SECRET, couponId, resident, new Date()));
    return store.transaction((sql) =>
      redeemCoupon(sql, { secret: QR_SECRET, code: shown?.code, shopId, staffId: 'clerk', now: new Date() }),
    );
  };
  const couponStatus = async (couponId: string) =>
    (await store.sql.query<{ status: string }>('select status from coupon where id = $1', [couponId])).rows[0]?.status;
  const refundedAtProvider = (orderId: string) =>
    [...sandbox.payments.values()]
      .filter((payment) => payment.external_order_num === orderId)
      .flatMap((payment) => payment.refunds)
      .reduce((sum, refund) => sum + refund.amount, 0);

  it('voids the unused voucher of a refunded order; it can no longer be shown or redeemed', async () => {
    const { orderId, couponId } = await paidVoucher('hanako');
    // Shown before the refund, presented at a shop after it.
    const shown = await store.transaction((sql) => presentCoupon(sql, QR_SECRET, couponId, 'hanako', new Date()));
    expect(await refundOrder(store, provider(), orderId, 10_000)).toEqual({ refundedYen: 10_000, status: 'refunded' });
    expect(await couponStatus(couponId)).toBe('voided');
    expect(await store.transaction((sql) => presentCoupon(sql, QR_SECRET, couponId, 'hanako', new Date()))).toBeNull();
    await expect(
      store.transaction((sql) =>
        redeemCoupon(sql, { secret: QR_SECRET, token: shown?.token, shopId, staffId: 'clerk', now: new Date() }),
      ),
    ).rejects.toMatchObject({ code: 'payments.voucherVoided' });
  });

  it('refuses to refund an order whose voucher was used, and asks the provider for nothing', async () => {
    const { orderId, couponId } = await paidVoucher('taro');
    await redeem('taro', couponId);
    await expect(refundOrder(store, provider(), orderId, 10_000)).rejects.toMatchObject({
      code: 'payments.voucherUsed',
      status: 409,
    });
    await expect(refundOrder(store, provider(), orderId, 1_000)).rejects.toMatchObject({
      code: 'payments.voucherUsed',
    });
    expect(refundedAtProvider(orderId)).toBe(0);
    const order = await store.sql.query('select status, refunded_yen from payment_order where id = $1', [orderId]);
    expect(order.rows[0]).toEqual({ status: 'fulfilled', refunded_yen: 0 });
    expect(await couponStatus(couponId)).toBe('redeemed');
  });

  it('keeps the voucher void when the provider was down, and the retried refund completes once', async () => {
    const { orderId, couponId } = await paidVoucher('jiro');
    sandbox.setDown(true);
    await expect(refundOrder(store, provider(), orderId, 4_000)).rejects.toMatchObject({
      code: 'payments.providerUnavailable',
    });
    sandbox.setDown(false);
    expect(await couponStatus(couponId)).toBe('voided');
    expect(await refundOrder(store, provider(), orderId, 4_000)).toEqual({ refundedYen: 4_000, status: 'fulfilled' });
    expect(refundedAtProvider(orderId)).toBe(4_000);
    // The rest of a partly refunded order is refunded against the same voided voucher.
    expect(await refundOrder(store, provider(), orderId, 6_000)).toEqual({ refundedYen: 10_000, status: 'refunded' });
  });

  it('lets exactly one of a redemption and a refund of the same voucher win, every time', async () => {
    const rounds = 8;
    for (let round = 0; round < rounds; round++) {
      const resident = `racer-${round}`;
      const { orderId, couponId } = await paidVoucher(resident);
      const shown = await store.transaction((sql) => presentCoupon(sql, QR_SECRET, couponId, resident, new Date()));
      const [redeemed, refunded] = await Promise.allSettled([
        store.transaction((sql) =>
          redeemCoupon(sql, { secret: QR_SECRET, code: shown?.code, shopId, staffId: 'clerk', now: new Date() }),
        ),
        refundOrder(store, provider(), orderId, 10_000),
      ]);
      const status = await couponStatus(couponId);
      if (redeemed.status === 'fulfilled') {
        expect(refunded).toMatchObject({ status: 'rejected', reason: { code: 'payments.voucherUsed' } });
        expect(status).toBe('redeemed');
        expect(refundedAtProvider(orderId)).toBe(0);
      } else {
        expect(redeemed).toMatchObject({ status: 'rejected', reason: { code: 'payments.voucherVoided' } });
        expect(refunded.status).toBe('fulfilled');
        expect(status).toBe('voided');
        expect(refundedAtProvider(orderId)).toBe(10_000);
      }
    }
  });
});
