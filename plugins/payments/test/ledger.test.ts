import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  campaignAccount,
  EXPIRED,
  expireLots,
  fundCampaign,
  grantPoints,
  grantToPopulation,
  shopAccount,
  spendPoints,
  walletAccount,
  walletSummary,
} from '../src/ledger/index.ts';
import { COLLATION_SCHEMA } from '../src/storage/collation-schema.ts';
import { LEDGER_KEYS_SCHEMA } from '../src/storage/ledger-keys-schema.ts';
import { LEDGER_SCHEMA } from '../src/storage/ledger-schema.ts';
import { databaseKinds, openTestStore, type TestStore } from './direct-store.ts';
import { ledgerViolations } from './ledger-invariants.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-04-01T00:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * DAY);

describe.each(databaseKinds())('points ledger on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind, [LEDGER_SCHEMA, COLLATION_SCHEMA, LEDGER_KEYS_SCHEMA]);
    await store.transaction(async (sql) => {
      await fundCampaign(sql, 'fund-spring', 'spring', 1_000);
      await sql.query(`insert into account (id, kind) values ($1, 'shop')`, [shopAccount('bakery')]);
    });
  });
  afterAll(() => store?.close());

  it('grants, spends FIFO by expiry, expires the rest and keeps every invariant', async () => {
    await store.transaction((sql) =>
      grantPoints(sql, {
        idempotencyKey: 'g-late',
        campaignId: 'spring',
        residentId: 'hanako',
        points: 100,
        expiresAt: days(60),
        reason: 'test',
      }),
    );
    await store.transaction((sql) =>
      grantPoints(sql, {
        idempotencyKey: 'g-soon',
        campaignId: 'spring',
        residentId: 'hanako',
        points: 50,
        expiresAt: days(10),
        reason: 'test',
      }),
    );
    await store.transaction((sql) =>
      spendPoints(sql, { idempotencyKey: 's1', residentId: 'hanako', to: shopAccount('bakery'), points: 70, now: NOW }),
    );
    const before = await walletSummary(store.sql, 'hanako', NOW);
    // The 50 expiring soonest went first, then 20 of the later lot.
    expect(before.expiring).toEqual([{ expiresAt: days(60).toISOString(), points: 80 }]);
    expect(before.balance).toBe(80);

    const expired = await store.transaction((sql) => expireLots(sql, 'expire-1', days(61)));
    expect(expired).toMatchObject({ wallets: 1, points: 80 });
    expect((await walletSummary(store.sql, 'hanako', days(61))).balance).toBe(0);
    const posted = await store.sql.query<{ sum: string }>(
      'select sum(amount) as sum from posting where account_id = $1',
      [EXPIRED],
    );
    expect(Number(posted.rows[0]?.sum)).toBe(80);
    expect(await ledgerViolations(store.sql)).toEqual([]);
  });

  it('refuses to spend more than the wallet holds and changes nothing', async () => {
    await store.transaction((sql) =>
      grantPoints(sql, {
        idempotencyKey: 'g-taro',
        campaignId: 'spring',
        residentId: 'taro',
        points: 30,
        expiresAt: days(30),
        reason: 'test',
      }),
    );
    const refused = store.transaction((sql) =>
      spendPoints(sql, {
        idempotencyKey: 's-too-much',
        residentId: 'taro',
        to: shopAccount('bakery'),
        points: 31,
        now: NOW,
      }),
    );
    await expect(refused).rejects.toMatchObject({ code: 'payments.insufficientPoints', status: 409 });
    expect((await walletSummary(store.sql, 'taro', NOW)).balance).toBe(30);
    const key = await store.sql.query('select 1 from transfer where idempotency_key = $1', ['s-too-much']);
    expect(key.rowCount).toBe(0);
  });

  it('applies a retried operation once and refuses its key for another request', async () => {
    const spend = () =>
      store.transaction((sql) =>
        spendPoints(sql, {
          idempotencyKey: 's-retry',
          residentId: 'taro',
          to: shopAccount('bakery'),
          points: 10,
          now: NOW,
        }),
      );
    const first = await spend();
    const second = await spend();
    expect(second).toEqual({ transferId: first.transferId, replayed: true });
    expect((await walletSummary(store.sql, 'taro', NOW)).balance).toBe(20);
    const other = store.transaction((sql) =>
      spendPoints(sql, {
        idempotencyKey: 's-retry',
        residentId: 'taro',
        to: shopAccount('bakery'),
        points: 11,
        now: NOW,
      }),
    );
    await expect(other).rejects.toMatchObject({ code: 'payments.idempotencyConflict' });
  });

  it('grants to a population set-based, all or nothing within the budget', async () => {
    await store.transaction((sql) => fundCampaign(sql, 'fund-bulk', 'bulk', 250));
    const population = { text: 'select id from generate_series(1, $1) as g(id)', params: [50] };
    const tooMany = store.transaction((sql) =>
      grantToPopulation(sql, {
        idempotencyKey: 'bulk-6',
        campaignId: 'bulk',
        recipients: population,
        points: 6,
        expiresAt: days(90),
        reason: 'test',
      }),
    );
    await expect(tooMany).rejects.toMatchObject({ code: 'payments.budgetExhausted' });
    const granted = await store.transaction((sql) =>
      grantToPopulation(sql, {
        idempotencyKey: 'bulk-5',
        campaignId: 'bulk',
        recipients: population,
        points: 5,
        expiresAt: days(90),
        reason: 'test',
      }),
    );
    expect(granted).toMatchObject({ recipients: 50, replayed: false });
    const budget = await store.sql.query('select balance from account where id = $1', [campaignAccount('bulk')]);
    expect(Number(budget.rows[0]?.balance)).toBe(0);
    expect((await walletSummary(store.sql, '17', NOW)).balance).toBe(5);
    expect(await ledgerViolations(store.sql)).toEqual([]);
  });

  it('refuses to change or delete a posting', async () => {
    await expect(store.sql.query('update posting set amount = amount + 1')).rejects.toThrow(/append-only/);
    await expect(store.sql.query('delete from transfer')).rejects.toThrow(/append-only/);
  });

  it('refuses a transfer whose postings do not balance', async () => {
    const unbalanced = store.transaction(async (sql) => {
      const t = await sql.query<{ id: string }>(
        `insert into transfer (idempotency_key, kind, request_hash) values ('bad', 'adjust', 'x') returning id`,
      );
      await sql.query('insert into posting (transfer_id, account_id, amount) values ($1, $2, 5)', [
        t.rows[0]?.id,
        walletAccount('taro'),
      ]);
    });
    await expect(unbalanced).rejects.toThrow(/not balanced/);
  });
});
