import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  campaignAccount,
  expireLots,
  fundCampaign,
  grantPoints,
  grantToPopulation,
  shopAccount,
  spendPoints,
  walletAccount,
} from '../src/ledger/index.ts';
import { COLLATION_SCHEMA } from '../src/storage/collation-schema.ts';
import { LEDGER_KEYS_SCHEMA } from '../src/storage/ledger-keys-schema.ts';
import { LEDGER_SCHEMA } from '../src/storage/ledger-schema.ts';
import { toNumber } from '../src/storage/sql.ts';
import { databaseKinds, openTestStore, type TestStore } from './direct-store.ts';
import { grantedBy, ledgerViolations } from './ledger-invariants.ts';

/**
 * Random sequences of ledger operations — grants, set-based grants, spends, two devices
 * spending one wallet at once, expiry runs, retries of earlier operations and reuse of keys —
 * and after each sequence: the ledger sums to zero, no wallet or budget is negative, no
 * campaign granted beyond its budget, and every operation that succeeded (however often it
 * was retried) is exactly one transfer with its own amount.
 */

const DAY = 86_400_000;
const BUDGETS = { a: 600, b: 250 } as const;
const RESIDENTS = ['r0', 'r1', 'r2', 'r3'];
const ALLOWED_REFUSALS = new Set([
  'payments.insufficientPoints',
  'payments.budgetExhausted',
  'payments.idempotencyConflict',
  'payments.noRecipients',
]);

type Operation =
  | { type: 'grant'; key: number; campaign: 'a' | 'b'; resident: number; points: number; validDays: number }
  | { type: 'bulk'; key: number; campaign: 'a' | 'b'; points: number }
  | { type: 'spend'; key: number; resident: number; shop: number; points: number }
  | { type: 'together'; key: number; resident: number; points: [number, number] }
  | { type: 'expire'; advanceDays: number }
  | { type: 'retry'; index: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    type: fc.constant('grant' as const),
    key: fc.nat(12),
    campaign: fc.constantFrom('a' as const, 'b' as const),
    resident: fc.nat(3),
    points: fc.integer({ min: 1, max: 200 }),
    validDays: fc.integer({ min: 1, max: 60 }),
  }),
  fc.record({
    type: fc.constant('bulk' as const),
    key: fc.nat(3),
    campaign: fc.constantFrom('a' as const, 'b' as const),
    points: fc.integer({ min: 1, max: 60 }),
  }),
  fc.record({
    type: fc.constant('spend' as const),
    key: fc.nat(12),
    resident: fc.nat(3),
    shop: fc.nat(1),
    points: fc.integer({ min: 1, max: 150 }),
  }),
  fc.record({
    type: fc.constant('together' as const),
    key: fc.nat(12),
    resident: fc.nat(3),
    points: fc.tuple(fc.integer({ min: 1, max: 150 }), fc.integer({ min: 1, max: 150 })),
  }),
  fc.record({ type: fc.constant('expire' as const), advanceDays: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ type: fc.constant('retry' as const), index: fc.nat(40) }),
);

describe.each(databaseKinds())('points ledger invariants on %s (property)', (kind) => {
  let store: TestStore;
  let run = 0;
  beforeAll(async () => {
    store = await openTestStore(kind, [LEDGER_SCHEMA, COLLATION_SCHEMA, LEDGER_KEYS_SCHEMA]);
    await store.sql.query(`insert into account (id, kind) values ($1, 'shop'), ($2, 'shop')`, [
      shopAccount('s0'),
      shopAccount('s1'),
    ]);
  });
  afterAll(() => store?.close());

  it('holds after any sequence of operations, retries and concurrent spends', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
        run += 1;
        const prefix = `run${run}`;
        const resident = (n: number) => `${prefix}-${RESIDENTS[n]}`;
        const campaignId = (c: 'a' | 'b') => `${prefix}-${c}`;
        let now = new Date('2026-04-01T00:00:00Z');
        let expiries = 0;
        for (const c of ['a', 'b'] as const) {
          await store.transaction((sql) => fundCampaign(sql, `${prefix}-fund-${c}`, campaignId(c), BUDGETS[c]));
        }
        /** Each succeeded key with the wallet movement it must have made once. */
        const applied = new Map<string, { wallet: string; points: number }>();
        const history: Array<Exclude<Operation, { type: 'retry' }>> = [];

        const attempt = async (
          work: () => Promise<unknown>,
          key?: string,
          effect?: { wallet: string; points: number },
        ) => {
          try {
            await work();
            if (key && effect) applied.set(key, effect);
          } catch (error) {
            const code = (error as { code?: string }).code;
            if (!code || !ALLOWED_REFUSALS.has(code)) throw error;
          }
        };
        const spend = (key: string, who: string, shop: string, points: number) =>
          attempt(
            () =>
              store.transaction((sql) =>
                spendPoints(sql, { idempotencyKey: key, residentId: who, to: shopAccount(shop), points, now }),
              ),
            key,
            { wallet: walletAccount(who), points: -points },
          );
        const execute = async (op: Exclude<Operation, { type: 'retry' }>): Promise<void> => {
          switch (op.type) {
            case 'grant': {
              const key = `${prefix}-g${op.key}`;
              const who = resident(op.resident);
              const expiresAt = new Date(now.getTime() + op.validDays * DAY);
              return attempt(
                () =>
                  store.transaction((sql) =>
                    grantPoints(sql, {
                      idempotencyKey: key,
                      campaignId: campaignId(op.campaign),
                      residentId: who,
                      points: op.points,
                      expiresAt,
                      reason: 'property',
                    }),
                  ),
                key,
                { wallet: walletAccount(who), points: op.points },
              );
            }
            case 'bulk': {
              const key = `${prefix}-b${op.key}`;
              return attempt(() =>
                store.transaction((sql) =>
                  grantToPopulation(sql, {
                    idempotencyKey: key,
                    campaignId: campaignId(op.campaign),
                    recipients: { text: 'select unnest($1::text[])', params: [RESIDENTS.map((_, n) => resident(n))] },
                    points: op.points,
                    expiresAt: new Date(now.getTime() + 20 * DAY),
                    reason: 'property',
                  }),
                ),
              );
            }
            case 'spend':
              return spend(`${prefix}-s${op.key}`, resident(op.resident), `s${op.shop}`, op.points);
            case 'together': {
              const who = resident(op.resident);
              await Promise.all([
                spend(`${prefix}-t${op.key}-0`, who, 's0', op.points[0]),
                spend(`${prefix}-t${op.key}-1`, who, 's1', op.points[1]),
              ]);
              return;
            }
            case 'expire':
              now = new Date(now.getTime() + op.advanceDays * DAY);
              expiries += 1;
              await store.transaction((sql) => expireLots(sql, `${prefix}-expire-${expiries}`, now));
              return;
          }
        };

        for (const op of operations) {
          if (op.type === 'retry') {
            const earlier = history[op.index % Math.max(history.length, 1)];
            // A retry of an expiry run would be a new run at the same time: nothing left to expire.
            if (earlier && earlier.type !== 'expire') await execute(earlier);
            continue;
          }
          history.push(op);
          await execute(op);
        }

        expect(await ledgerViolations(store.sql)).toEqual([]);
        for (const c of ['a', 'b'] as const) {
          expect(await grantedBy(store.sql, campaignAccount(campaignId(c)))).toBeLessThanOrEqual(BUDGETS[c]);
        }
        for (const [key, effect] of applied) {
          const moved = await store.sql.query<{ transfers: string; points: string }>(
            `select count(distinct t.id) as transfers, coalesce(sum(p.amount), 0) as points
             from transfer t join posting p on p.transfer_id = t.id and p.account_id = $2
             where t.idempotency_key = $1`,
            [key, effect.wallet],
          );
          expect({
            key,
            transfers: toNumber(moved.rows[0]?.transfers),
            points: toNumber(moved.rows[0]?.points),
          }).toEqual({
            key,
            transfers: 1,
            points: effect.points,
          });
        }
        const stray = await store.sql.query<{ idempotency_key: string }>(
          `select idempotency_key from transfer where idempotency_key like $1 and kind in ('spend')`,
          [`${prefix}-%`],
        );
        for (const row of stray.rows) expect(applied.has(row.idempotency_key)).toBe(true);
      }),
      { numRuns: kind === 'postgres' ? 40 : 25 },
    );
  });
});
