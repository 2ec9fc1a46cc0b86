import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUE_WALLETS, expireLots } from '../src/ledger/expire.ts';
import { fundCampaign, grantToPopulation, walletSummary } from '../src/ledger/index.ts';
import { MIGRATIONS } from '../src/storage/migrations.ts';
import { databaseKinds, openTestStore, type TestStore } from './direct-store.ts';
import { ledgerViolations } from './ledger-invariants.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-04-01T00:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * DAY);
const WALLETS = 20_000;

/** Every index the planner chose somewhere in a JSON plan. */
function indexesIn(plan: unknown): string[] {
  if (Array.isArray(plan)) return plan.flatMap(indexesIn);
  if (!plan || typeof plan !== 'object') return [];
  const node = plan as Record<string, unknown>;
  const own = typeof node['Index Name'] === 'string' ? [node['Index Name']] : [];
  return [...own, ...Object.values(node).flatMap(indexesIn)];
}

/**
 * The expiry job finds due lots through `lot_due` (open lots by expiry), not by scanning
 * every lot: with twenty thousand wallets holding lots due next year and three holding lots
 * due now, the plan of its search reads that index, and the run expires exactly those three.
 */
describe.each(databaseKinds())('expiry by the open-lots index on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(
      kind,
      MIGRATIONS.map((migration) => migration.sql),
    );
    await store.transaction((sql) => fundCampaign(sql, 'fund-city', 'city', 10_000_000));
    const grant = (key: string, text: string, expiresAt: Date) =>
      store.transaction((sql) =>
        grantToPopulation(sql, {
          idempotencyKey: key,
          campaignId: 'city',
          recipients: { text, params: [] },
          points: 10,
          expiresAt,
          reason: 'test',
        }),
      );
    await grant('next-year', `select 'r' || g from generate_series(1, ${WALLETS}) g`, days(365));
    await grant('due-soon', `select 'r' || g from generate_series(1, 3) g`, days(1));
    await store.sql.query('analyze lot');
  }, 120_000);
  afterAll(() => store?.close());

  it('plans the search for due lots on lot_due', async () => {
    const at = days(2).toISOString();
    const explained = await store.sql.query<{ 'QUERY PLAN': unknown }>(
      `explain (format json) ${DUE_WALLETS.replace('$1', `'${at}'::timestamptz`)}`,
    );
    const plan = explained.rows[0]?.['QUERY PLAN'];
    const parsed = typeof plan === 'string' ? JSON.parse(plan) : plan;
    expect(indexesIn(parsed)).toContain('lot_due');
  });

  it('expires exactly the due lots, once', async () => {
    const run = await store.transaction((sql) => expireLots(sql, 'expire-day-2', days(2)));
    expect(run).toMatchObject({ wallets: 3, points: 30 });
    const again = await store.transaction((sql) => expireLots(sql, 'expire-day-2-again', days(2)));
    expect(again).toEqual({ transferId: null, wallets: 0, points: 0 });
    expect((await walletSummary(store.sql, 'r1', days(2))).balance).toBe(10);
    expect((await walletSummary(store.sql, 'r4', days(2))).balance).toBe(10);
    expect(await ledgerViolations(store.sql)).toEqual([]);
  });
});
