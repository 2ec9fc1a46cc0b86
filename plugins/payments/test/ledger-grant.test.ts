import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  campaignAccount,
  expireLots,
  fundCampaign,
  grantPoints,
  grantToPopulation,
  shopAccount,
  spendPoints,
  walletSummary,
} from '../src/ledger/index.ts';
import { MIGRATIONS } from '../src/storage/migrations.ts';
import { type Sql, toNumber } from '../src/storage/sql.ts';
import { databaseKinds, openTestStore, type TestStore } from './direct-store.ts';
import { ledgerViolations } from './ledger-invariants.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-04-01T00:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * DAY);
const KEYS_MIGRATION = '008-ledger-keys';
const upTo = (id: string) =>
  MIGRATIONS.slice(
    0,
    MIGRATIONS.findIndex((migration) => migration.id === id),
  );

/** What a grant wrote: its postings and lots, and every guarded balance. */
async function snapshot(sql: Sql, transferId: string) {
  const postings = await sql.query<{ lines: string; sum: string; debits: string }>(
    `select count(*) as lines, coalesce(sum(amount), 0) as sum, count(*) filter (where amount < 0) as debits
     from posting where transfer_id = $1`,
    [transferId],
  );
  const lots = await sql.query<{ lots: string; points: string }>(
    'select count(*) as lots, coalesce(sum(amount), 0) as points from lot where transfer_id = $1',
    [transferId],
  );
  const balances = await sql.query<{ id: string; balance: string }>(
    `select id, balance from account where kind in ('wallet', 'campaign') order by id`,
  );
  return {
    lines: toNumber(postings.rows[0]?.lines),
    sum: toNumber(postings.rows[0]?.sum),
    debits: toNumber(postings.rows[0]?.debits),
    lots: toNumber(lots.rows[0]?.lots),
    lotPoints: toNumber(lots.rows[0]?.points),
    balances: balances.rows.map((row) => [row.id, toNumber(row.balance)]),
  };
}

async function budgetOf(sql: Sql, campaignId: string): Promise<number> {
  const result = await sql.query<{ balance: string }>('select balance from account where id = $1', [
    campaignAccount(campaignId),
  ]);
  return toNumber(result.rows[0]?.balance);
}

describe.each(databaseKinds())('set-based grant on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(
      kind,
      MIGRATIONS.map((migration) => migration.sql),
    );
    await store.transaction((sql) => fundCampaign(sql, 'fund-town', 'town', 10_000));
    // Two residents already hold points: the grant must credit their wallets, not replace them.
    for (const resident of ['3', '7'])
      await store.transaction((sql) =>
        grantPoints(sql, {
          idempotencyKey: `earlier-${resident}`,
          campaignId: 'town',
          residentId: resident,
          points: 4,
          expiresAt: days(30),
          reason: 'test',
        }),
      );
  });
  afterAll(() => store?.close());

  it('balances exactly, takes residents × points from the budget once, and a re-run adds nothing', async () => {
    // Duplicates and a null in the selection: each resident is granted once, the null never.
    const recipients = {
      text: `select id::text from generate_series(1, $1) as g(id) union all select '3' union all select null`,
      params: [40],
    };
    const request = {
      idempotencyKey: 'town-spring',
      campaignId: 'town',
      recipients,
      points: 25,
      expiresAt: days(90),
      reason: 'test',
    };
    const budgetBefore = await budgetOf(store.sql, 'town');
    const granted = await store.transaction((sql) => grantToPopulation(sql, request));
    expect(granted).toMatchObject({ recipients: 40, replayed: false });

    const after = await snapshot(store.sql, granted.transferId);
    expect(after).toMatchObject({ lines: 41, sum: 0, debits: 1, lots: 40, lotPoints: 40 * 25 });
    expect(await budgetOf(store.sql, 'town')).toBe(budgetBefore - 40 * 25);
    expect((await walletSummary(store.sql, '3', NOW)).balance).toBe(4 + 25);
    expect((await walletSummary(store.sql, '12', NOW)).balance).toBe(25);
    expect(await ledgerViolations(store.sql)).toEqual([]);

    const again = await store.transaction((sql) => grantToPopulation(sql, { ...request, expiresAt: days(91) }));
    expect(again).toEqual({ transferId: granted.transferId, replayed: true, recipients: 40 });
    expect(await snapshot(store.sql, granted.transferId)).toEqual(after);
  });

  it('sorts and keeps its recipients in memory, and puts the transaction’s work_mem back', async () => {
    await store.transaction((sql) => fundCampaign(sql, 'fund-city', 'city', 30_000));
    const plans: Array<Array<{ Plan: Record<string, unknown> }>> = [];
    await store.transaction(async (sql) => {
      // The smallest setting: the old statement sorted, hashed and kept its wallets in temporary files.
      await sql.query("select set_config('work_mem', '64kB', true)");
      const explaining = {
        query: async (text: string, params?: unknown[]) => {
          if (text.trimStart().startsWith('with recipients')) {
            await sql.query('savepoint explained');
            const plan = await sql.query<{ 'QUERY PLAN': unknown }>(
              `explain (analyze, buffers, format json) ${text}`,
              params,
            );
            await sql.query('rollback to savepoint explained');
            plans.push(plan.rows[0]?.['QUERY PLAN'] as Array<{ Plan: Record<string, unknown> }>);
          }
          return sql.query(text, params);
        },
      } as Sql;
      const granted = await grantToPopulation(explaining, {
        idempotencyKey: 'city-all',
        campaignId: 'city',
        recipients: { text: 'select id::text from generate_series(1, $1) as g(id)', params: [30_000] },
        points: 1,
        expiresAt: days(90),
        reason: 'test',
      });
      expect(granted.recipients).toBe(30_000);
      const setting = await sql.query<{ value: string }>("select current_setting('work_mem') as value");
      expect(setting.rows[0]?.value).toBe('64kB');
    });
    expect(plans).toHaveLength(1);
    const plan = plans[0]?.[0]?.Plan ?? {};
    expect(plan['Temp Written Blocks']).toBe(0);
    expect(await budgetOf(store.sql, 'city')).toBe(0);
    expect(await ledgerViolations(store.sql)).toEqual([]);
  });

  it('leaves nothing behind when the budget does not cover the whole population', async () => {
    const budget = await budgetOf(store.sql, 'town');
    const before = await snapshot(store.sql, '0');
    const tooBig = store.transaction((sql) =>
      grantToPopulation(sql, {
        idempotencyKey: 'town-too-big',
        campaignId: 'town',
        recipients: { text: 'select id::text from generate_series(1, $1) as g(id)', params: [1_000] },
        points: budget,
        expiresAt: days(90),
        reason: 'test',
      }),
    );
    await expect(tooBig).rejects.toMatchObject({ code: 'payments.budgetExhausted' });
    expect(await snapshot(store.sql, '0')).toEqual(before);
    const key = await store.sql.query('select 1 from transfer where idempotency_key = $1', ['town-too-big']);
    expect(key.rowCount).toBe(0);
  });
});

describe.each(databaseKinds())(`migration ${KEYS_MIGRATION} on %s`, (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(
      kind,
      upTo(KEYS_MIGRATION).map((migration) => migration.sql),
    );
  });
  afterAll(() => store?.close());

  it('keeps a ledger written before it valid, and spends FIFO and expiry keep working on it', async () => {
    await store.transaction((sql) => fundCampaign(sql, 'fund-old', 'old', 1_000));
    for (const [key, expiresAt] of [
      ['old-late', days(60)],
      ['old-soon', days(10)],
    ] as const)
      await store.transaction((sql) =>
        grantToPopulation(sql, {
          idempotencyKey: key,
          campaignId: 'old',
          recipients: { text: 'select id::text from generate_series(1, $1) as g(id)', params: [5] },
          points: 50,
          expiresAt,
          reason: 'test',
        }),
      );
    await store.sql.query(`insert into account (id, kind) values ($1, 'shop')`, [shopAccount('market')]);
    const spend = (key: string, residentId: string, points: number) =>
      store.transaction((sql) =>
        spendPoints(sql, { idempotencyKey: key, residentId, to: shopAccount('market'), points, now: NOW }),
      );
    await spend('before-migration', '1', 30);

    const keys = MIGRATIONS.find((migration) => migration.id === KEYS_MIGRATION);
    await store.script(keys?.sql ?? '');
    expect(await ledgerViolations(store.sql)).toEqual([]);
    const indexes = await store.sql.query<{ indexname: string }>(
      `select indexname from pg_indexes where tablename in ('posting', 'lot') and schemaname = current_schema()
       order by indexname`,
    );
    expect(indexes.rows.map((row) => row.indexname)).toEqual(['lot_pkey', 'posting_account', 'posting_pkey']);

    // Resident 1 has 20 left of the soon lot: a spend of 40 takes those, then 20 of the late one.
    await spend('after-migration', '1', 40);
    expect((await walletSummary(store.sql, '1', NOW)).expiring).toEqual([
      { expiresAt: days(60).toISOString(), points: 30 },
    ]);
    const expired = await store.transaction((sql) => expireLots(sql, 'expire-soon', days(11)));
    // Residents 2–5 each lose their untouched soon lot; resident 1's is spent already.
    expect(expired).toMatchObject({ wallets: 4, points: 4 * 50 });
    expect((await walletSummary(store.sql, '2', days(11))).balance).toBe(50);
    expect(await ledgerViolations(store.sql)).toEqual([]);
  });
});
