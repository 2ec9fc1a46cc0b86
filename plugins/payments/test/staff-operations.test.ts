import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideAdjustment, requestAdjustment } from '../src/adjustments/adjustments.ts';
import { createCampaign, createRule, earn, rulesFor } from '../src/campaigns/index.ts';
import { createDefinition, definitionOf, issueOne, presentCoupon, redeemCoupon } from '../src/coupons/index.ts';
import { shopAccount, spendPoints, walletSummary } from '../src/ledger/index.ts';
import { toCsv } from '../src/reports/csv.ts';
import { campaignBurnDown, outstandingLiabilities, settlementStatement } from '../src/reports/reports.ts';
import { decideShop, memberShop, registerShop } from '../src/shops/shops.ts';
import { MIGRATIONS } from '../src/storage/migrations.ts';
import { databaseKinds, openTestStore, type TestStore } from './direct-store.ts';
import { ledgerViolations } from './ledger-invariants.ts';

const NOW = new Date('2026-06-10T01:00:00Z');

describe.each(databaseKinds())('campaigns, shops, adjustments and reports on %s', (kind) => {
  let store: TestStore;
  let campaign: string;
  let shop: string;
  beforeAll(async () => {
    store = await openTestStore(
      kind,
      MIGRATIONS.map((migration) => migration.sql),
    );
    campaign = await store.transaction((sql) =>
      createCampaign(
        sql,
        {
          name: { ja: '健康ポイント' },
          budget: 350,
          pointsValidDays: 90,
          startsAt: '2026-06-01T00:00:00Z',
          endsAt: '2026-07-01T00:00:00Z',
        },
        'staff-a',
      ),
    );
    shop = await store.transaction((sql) =>
      registerShop(
        sql,
        { kind: 'shop', name: '駅前書店', address: '中央区1-1', contactEmail: 'books@example.jp' },
        'owner',
      ),
    );
  });
  afterAll(() => store?.close());

  it('earns points for an event under the rule limit and the campaign budget, once per event', async () => {
    await store.transaction((sql) =>
      createRule(
        sql,
        {
          campaignId: campaign,
          name: '健診受診',
          event: 'record.updated',
          entity: 'Checkup',
          points: 100,
          perResidentLimit: 2,
        },
        'staff-a',
      ),
    );
    const rules = await rulesFor(store.sql, 'record.updated', 'Checkup');
    expect(rules).toHaveLength(1);
    expect(await rulesFor(store.sql, 'record.updated', 'Library')).toEqual([]);
    const rule = rules[0];
    if (!rule) throw new Error('no rule');
    const outcome = (eventId: string, residentId: string) =>
      store.transaction((sql) => earn(sql, rule, { eventId, residentId, now: NOW }));
    expect(await outcome('e1', 'hanako')).toBe('granted');
    expect(await outcome('e2', 'hanako')).toBe('granted');
    expect(await outcome('e3', 'hanako')).toBe('limitReached');
    expect(await outcome('e4', 'taro')).toBe('granted');
    expect(await outcome('e5', 'jiro')).toBe('budgetExhausted');
    expect(
      await store.transaction((sql) =>
        earn(sql, rule, { eventId: 'e6', residentId: 'saburo', now: new Date('2026-08-01T00:00:00Z') }),
      ),
    ).toBe('outsideCampaign');
    expect((await walletSummary(store.sql, 'hanako', NOW)).balance).toBe(200);
    const burn = await campaignBurnDown(store.sql, campaign);
    expect(burn.rows.at(-1)?.slice(1)).toEqual([300, 50]);
  });

  it('approves a shop before it can take points, and writes its monthly settlement CSV', async () => {
    expect(await memberShop(store.sql, 'owner', shop)).toBe(false);
    const early = store.transaction((sql) =>
      spendPoints(sql, {
        idempotencyKey: 'sp-early',
        residentId: 'hanako',
        to: shopAccount(shop),
        points: 10,
        now: NOW,
      }),
    );
    await expect(early).rejects.toThrow();
    await store.transaction((sql) => decideShop(sql, shop, 'approve', 'staff-a'));
    await expect(store.transaction((sql) => decideShop(sql, shop, 'reject', 'staff-a'))).rejects.toMatchObject({
      code: 'payments.noPendingShop',
    });
    expect(await memberShop(store.sql, 'owner', shop)).toBe(true);
    await store.transaction((sql) =>
      spendPoints(sql, { idempotencyKey: 'sp-1', residentId: 'hanako', to: shopAccount(shop), points: 30, now: NOW }),
    );
    const definition = await store.transaction((sql) =>
      createDefinition(
        sql,
        {
          kind: 'coupon',
          name: { ja: '図書カード' },
          valueYen: 1000,
          validFrom: '2026-01-01T00:00:00Z',
          validUntil: '2027-01-01T00:00:00Z',
          perResidentLimit: 1,
          totalStock: 9,
        },
        'staff-a',
      ),
    );
    const couponId = await store.transaction(async (sql) =>
      issueOne(sql, await definitionOf(sql, definition), 'hanako'),
    );
    const shown = await store.transaction((sql) => presentCoupon(sql, 'k'.repeat(32), couponId, 'hanako', new Date()));
    await store.transaction((sql) =>
      redeemCoupon(sql, {
        secret: 'k'.repeat(32),
        token: shown?.token,
        shopId: shop,
        staffId: 'owner',
        now: new Date(),
      }),
    );
    const month = new Date().toISOString().slice(0, 7);
    const statement = await settlementStatement(store.sql, shop, month);
    expect(statement.rows.map((r) => [r[1], r[3], r[4]]).sort()).toEqual([
      ['coupon', 1000, 0],
      ['points', 0, 30],
    ]);
    expect(await settlementStatement(store.sql, shop, '2025-01')).toMatchObject({ rows: [] });
    const csv = toCsv(statement.header, statement.rows);
    expect(csv.startsWith('\uFEFFat,kind,reference,coupon_yen,points\r\n')).toBe(true);
    const liabilities = await outstandingLiabilities(store.sql);
    expect(liabilities.rows[0]?.slice(1)).toEqual([270, 0, 0]);
  });

  it('posts a manual adjustment only after a second member of staff approves it', async () => {
    const id = await store.transaction((sql) =>
      requestAdjustment(sql, { residentId: 'goro', points: 40, reason: '窓口での付与漏れ' }, 'staff-a'),
    );
    await expect(
      store.transaction((sql) => decideAdjustment(sql, id, 'approve', 'staff-a', NOW)),
    ).rejects.toMatchObject({
      code: 'payments.secondApproverRequired',
    });
    expect((await walletSummary(store.sql, 'goro', NOW)).balance).toBe(0);
    await store.transaction((sql) => decideAdjustment(sql, id, 'approve', 'staff-b', NOW));
    await expect(
      store.transaction((sql) => decideAdjustment(sql, id, 'approve', 'staff-c', NOW)),
    ).rejects.toMatchObject({
      code: 'payments.alreadyDecided',
    });
    expect((await walletSummary(store.sql, 'goro', NOW)).balance).toBe(40);
    const debit = await store.transaction((sql) =>
      requestAdjustment(sql, { residentId: 'goro', points: -15, reason: '二重付与の取消し' }, 'staff-b'),
    );
    await store.transaction((sql) => decideAdjustment(sql, debit, 'approve', 'staff-a', NOW));
    expect((await walletSummary(store.sql, 'goro', NOW)).balance).toBe(25);
    expect(await ledgerViolations(store.sql)).toEqual([]);
  });

  it('quotes CSV cells and defuses spreadsheet formulas', () => {
    expect(toCsv(['a', 'b'], [['=SUM(A1)', 'x,"y"']])).toBe('\uFEFFa,b\r\n\'=SUM(A1),"x,""y"""\r\n');
  });
});
