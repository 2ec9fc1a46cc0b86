import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDefinition,
  definitionOf,
  distribute,
  issueOne,
  presentCoupon,
  redeemCoupon,
  signPresentation,
} from '../src/coupons/index.ts';
import { MIGRATIONS } from '../src/storage/migrations.ts';
import { databaseKinds, openTestStore, type TestStore } from './direct-store.ts';

const SECRET = 'a-test-signing-key-of-at-least-32-characters';
const NOW = new Date('2026-05-01T03:00:00Z');

describe.each(databaseKinds())('coupons and tickets on %s', (kind) => {
  let store: TestStore;
  let shop: string;
  let otherShop: string;
  beforeAll(async () => {
    store = await openTestStore(
      kind,
      MIGRATIONS.map((migration) => migration.sql),
    );
    const shops = await store.sql.query<{ id: string }>(
      `insert into shop (kind, name, address, contact_email, applicant, status) values
       ('shop', '北区ベーカリー', '北区1-1', 'bakery@example.jp', 'owner-1', 'approved'),
       ('facility', '市民プール', '南区2-2', 'pool@example.jp', 'owner-2', 'approved') returning id`,
    );
    shop = String(shops.rows[0]?.id);
    otherShop = String(shops.rows[1]?.id);
  });
  afterAll(() => store?.close());

  const define = (fields: { perResidentLimit: number; totalStock: number; usableAt?: string[] }) =>
    store.transaction((sql) =>
      createDefinition(
        sql,
        {
          kind: 'coupon',
          name: { ja: '商店街500円券' },
          valueYen: 500,
          validFrom: '2026-04-01T00:00:00Z',
          validUntil: '2026-06-30T15:00:00Z',
          ...fields,
        },
        'staff-1',
      ),
    );

  it('distributes to a population within stock and per-resident limits, once per key', async () => {
    const id = await define({ perResidentLimit: 1, totalStock: 5 });
    const population = (n: number) => ({ text: 'select $1 || g from generate_series(1, $2) g', params: ['res-', n] });
    const tooMany = store.transaction(async (sql) =>
      distribute(sql, 'd-6', await definitionOf(sql, id), population(6)),
    );
    await expect(tooMany).rejects.toMatchObject({ code: 'payments.stockExhausted' });
    const first = await store.transaction(async (sql) =>
      distribute(sql, 'd-3', await definitionOf(sql, id), population(3)),
    );
    expect(first).toEqual({ issued: 3, replayed: false });
    const again = await store.transaction(async (sql) =>
      distribute(sql, 'd-3', await definitionOf(sql, id), population(3)),
    );
    expect(again).toEqual({ issued: 3, replayed: true });
    // res-1..3 already hold their one; only res-4 and res-5 get one.
    const more = await store.transaction(async (sql) =>
      distribute(sql, 'd-5', await definitionOf(sql, id), population(5)),
    );
    expect(more).toEqual({ issued: 2, replayed: false });
    const count = await store.sql.query('select 1 from coupon where definition_id = $1', [id]);
    expect(count.rowCount).toBe(5);
  });

  it('never exceeds stock or the per-resident limit under concurrent claims', async () => {
    const id = await define({ perResidentLimit: 2, totalStock: 7 });
    const residents = ['a', 'b', 'c', 'd', 'e'];
    const claims = residents.flatMap((resident) =>
      [0, 1, 2].map(() =>
        store
          .transaction(async (sql) => issueOne(sql, await definitionOf(sql, id), resident))
          .then(
            () => 'issued',
            (error: { code?: string }) => error.code ?? 'crash',
          ),
      ),
    );
    const outcomes = await Promise.all(claims);
    expect(outcomes.filter((o) => o === 'issued')).toHaveLength(7);
    expect(outcomes.every((o) => ['issued', 'payments.stockExhausted', 'payments.limitReached'].includes(o))).toBe(
      true,
    );
    const held = await store.sql.query<{ resident_id: string; n: string }>(
      'select resident_id, count(*) as n from coupon where definition_id = $1 group by resident_id',
      [id],
    );
    for (const row of held.rows) expect(Number(row.n)).toBeLessThanOrEqual(2);
    const definition = await definitionOf(store.sql, id);
    expect(definition.issued).toBe(7);
  });

  it('redeems a shown QR once; a screenshot, a forged or an expired code is refused', async () => {
    const id = await define({ perResidentLimit: 1, totalStock: 10, usableAt: [shop] });
    const couponId = await store.transaction(async (sql) => issueOne(sql, await definitionOf(sql, id), 'hanako'));
    expect(await presentCoupon(store.sql, SECRET, couponId, 'taro', NOW)).toBeNull();
    const shown = await store.transaction((sql) => presentCoupon(sql, SECRET, couponId, 'hanako', NOW));
    if (!shown) throw new Error('not shown');
    const redeem = (fields: { token?: string; code?: string; shopId?: string; now?: Date }) =>
      store.transaction((sql) =>
        redeemCoupon(sql, { secret: SECRET, shopId: shop, staffId: 'clerk', now: NOW, ...fields }),
      );

    const forged = await signPresentation(
      'another-key-another-key-another-key!',
      { couponId, residentId: 'hanako', code: shown.code },
      NOW,
    );
    await expect(redeem({ token: forged })).rejects.toMatchObject({ code: 'payments.invalidCode' });
    const tampered = `${shown.token.slice(0, -2)}AA`;
    await expect(redeem({ token: tampered })).rejects.toMatchObject({ code: 'payments.invalidCode' });
    const late = new Date(NOW.getTime() + 121_000);
    await expect(redeem({ token: shown.token, now: late })).rejects.toMatchObject({ code: 'payments.invalidCode' });
    await expect(redeem({ token: shown.token, shopId: otherShop })).rejects.toMatchObject({
      code: 'payments.notUsableHere',
    });

    const [one, two] = await Promise.allSettled([redeem({ token: shown.token }), redeem({ token: shown.token })]);
    const results = [one, two].map((r) => (r.status === 'fulfilled' ? r.value.replayed : 'refused'));
    // Two scans of one presentation at the same shop: one redemption, the other answers it again.
    expect(results.sort()).toEqual([false, true]);
    const again = await store.transaction((sql) => presentCoupon(sql, SECRET, couponId, 'hanako', NOW));
    expect(again).toBeNull();
  });

  it('redeems by typed code, in any case and without the hyphen, and refuses the screenshot afterwards', async () => {
    const id = await define({ perResidentLimit: 1, totalStock: 10 });
    const couponId = await store.transaction(async (sql) => issueOne(sql, await definitionOf(sql, id), 'jiro'));
    const first = await store.transaction((sql) => presentCoupon(sql, SECRET, couponId, 'jiro', NOW));
    const second = await store.transaction((sql) => presentCoupon(sql, SECRET, couponId, 'jiro', NOW));
    if (!first || !second) throw new Error('not shown');
    const typed = first.code.replace('-', '').toLowerCase();
    const redemption = await store.transaction((sql) =>
      redeemCoupon(sql, { secret: SECRET, code: typed, shopId: otherShop, staffId: 'clerk', now: NOW }),
    );
    expect(redemption).toMatchObject({ couponId, valueYen: 500, replayed: false });
    // A screenshot of the other presentation of the same coupon is useless now.
    const replay = store.transaction((sql) =>
      redeemCoupon(sql, { secret: SECRET, token: second.token, shopId: otherShop, staffId: 'clerk', now: NOW }),
    );
    await expect(replay).rejects.toMatchObject({ code: 'payments.alreadyRedeemed', status: 409 });
    const wrong = store.transaction((sql) =>
      redeemCoupon(sql, { secret: SECRET, code: 'ZZZZZ-ZZZZZ', shopId: shop, staffId: 'clerk', now: NOW }),
    );
    await expect(wrong).rejects.toMatchObject({ code: 'payments.invalidCode' });
  });
});
