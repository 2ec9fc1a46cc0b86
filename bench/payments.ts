import { createHmac } from 'node:crypto';
import { createDefinition } from '../plugins/payments/src/coupons/definitions.ts';
import {
  definitionOf,
  issueOne,
  presentCoupon,
  redeemCoupon,
  verifyPresentation,
} from '../plugins/payments/src/coupons/index.ts';
import { fundCampaign, grantToPopulation, shopAccount, spendPoints } from '../plugins/payments/src/ledger/index.ts';
import { withBenchDatabase } from './lib/bench-database.ts';
import { percentile } from './lib/stats.ts';
import { formatTable } from './lib/table.ts';
import { openPaymentsStore, runConcurrently } from './payments/store.ts';

/**
 * The payments plugin on PostgreSQL: point spends at one hot shop from 10,000 wallets, a
 * set-based campaign grant to 1,000,000 residents, and QR verification and redemption latency,
 * each against a baseline measured in the same run. `KIBAN_BENCH_SECTION=hot-shop`, `grant` or
 * `qr` runs one part.
 */
const WALLETS = 10_000;
const SPENDS = 8_000;
const IN_FLIGHT = 16;
const POPULATION = Number(process.env.KIBAN_BENCH_PAYMENTS_POPULATION ?? 1_000_000);
const VERIFICATIONS = 5_000;
const REDEMPTIONS = 1_000;
const SECRET = 'bench-signing-key-bench-signing-key-0123';
const NOW = new Date();
const LATER = new Date(NOW.getTime() + 365 * 86_400_000);

export async function run(): Promise<void> {
  const section = process.env.KIBAN_BENCH_SECTION;
  const runs = (name: string) => section === undefined || section === '' || section === name;
  await withBenchDatabase(async (url) => {
    const store = await openPaymentsStore(url, IN_FLIGHT + 2);
    try {
      if (runs('hot-shop')) await hotShop(store);
      if (runs('grant')) await populationGrant(store, url);
      if (runs('qr')) await qrVerify(store);
    } finally {
      await store.close();
    }
  });
}

type BenchStore = Awaited<ReturnType<typeof openPaymentsStore>>;

async function hotShop(store: BenchStore) {
  console.log(`\n## hot shop: ${SPENDS} spends of 1 pt from ${WALLETS} wallets at one shop, ${IN_FLIGHT} in flight`);
  await store.transaction(async (sql) => {
    await fundCampaign(sql, 'fund-hot', 'hot', WALLETS * 100);
    await sql.query(`insert into account (id, kind) values ($1, 'shop'), ($2, 'shop')`, [
      shopAccount('hot'),
      shopAccount('naive'),
    ]);
    await grantToPopulation(sql, {
      idempotencyKey: 'grant-hot',
      campaignId: 'hot',
      recipients: { text: `select 'w' || g from generate_series(1, $1) g`, params: [WALLETS] },
      points: 100,
      expiresAt: LATER,
      reason: 'bench',
    });
  });
  const wallet = (i: number) => `w${1 + ((i * 7919) % WALLETS)}`;
  // Baseline: the same spend, plus the shop's running balance kept in its row (the hot row).
  const naive = await runConcurrently(SPENDS, IN_FLIGHT, async (i) => {
    await store.transaction(async (sql) => {
      await spendPoints(sql, {
        idempotencyKey: `naive-${i}`,
        residentId: wallet(i),
        to: shopAccount('naive'),
        points: 1,
        now: NOW,
      });
      await sql.query('update account set balance = balance + 1 where id = $1', [shopAccount('naive')]);
    });
  });
  const appendOnly = await runConcurrently(SPENDS, IN_FLIGHT, async (i) => {
    await store.transaction((sql) =>
      spendPoints(sql, {
        idempotencyKey: `hot-${i}`,
        residentId: wallet(i),
        to: shopAccount('hot'),
        points: 1,
        now: NOW,
      }),
    );
  });
  const rate = (ms: number) => (SPENDS / ms) * 1000;
  console.log(
    formatTable(
      ['design', 'spends/s', 'ratio'],
      [
        ['shop balance row updated per spend (baseline)', rate(naive).toFixed(0), '1.00×'],
        ['append-only shop postings (the plugin)', rate(appendOnly).toFixed(0), `${(naive / appendOnly).toFixed(2)}×`],
      ],
    ),
  );
}

async function populationGrant(store: BenchStore, url: string) {
  console.log(`\n## campaign grant to ${POPULATION.toLocaleString('en')} residents, set-based (target ≤ 30 s)`);
  // The same grant on the tables as they were before the posting and lot keys were narrowed.
  const before = await openPaymentsStore(url, 2, { schema: 'payments_before', before: '008-ledger-keys' });
  let beforeGrant: number;
  try {
    beforeGrant = await timedGrant(before);
  } finally {
    await before.close();
  }
  const grant = await timedGrant(store);
  // Baseline: writing the same number of bare rows, no ledger at all.
  await store.sql.query('create table bare_grant (resident text, points bigint)');
  const bareStarted = performance.now();
  await store.sql.query(`insert into bare_grant select 'r' || g, 500 from generate_series(1, $1) g`, [POPULATION]);
  const bare = performance.now() - bareStarted;
  const row = (step: string, ms: number) => [step, (ms / 1000).toFixed(1), `${(ms / bare).toFixed(2)}×`];
  console.log(
    formatTable(
      ['step', 'seconds', 'ratio to bare'],
      [
        ['bare insert of one row per resident (baseline)', (bare / 1000).toFixed(1), '1.00×'],
        row('grant before 008 (posting and lot keys as in 007)', beforeGrant),
        row('grant now (008: two index entries fewer per wallet)', grant),
      ],
    ),
  );
  console.log(`before / now: ${(beforeGrant / grant).toFixed(2)}×`);
  console.log(`target ≤ 30 s: ${grant <= 30_000 ? 'met' : 'missed'}`);
}

/** Funds a campaign and grants 500 points to the whole population in one statement; answers ms. */
async function timedGrant(store: BenchStore): Promise<number> {
  await store.transaction((sql) => fundCampaign(sql, 'fund-all', 'all', POPULATION * 500));
  // Each grant starts from a checkpoint, so neither pays for flushing the other's writes.
  await store.sql.query('checkpoint');
  const started = performance.now();
  const result = await store.transaction((sql) =>
    grantToPopulation(sql, {
      idempotencyKey: 'grant-all',
      campaignId: 'all',
      recipients: { text: `select 'r' || g from generate_series(1, $1) g`, params: [POPULATION] },
      points: 500,
      expiresAt: LATER,
      reason: 'bench',
    }),
  );
  if (result.recipients !== POPULATION) throw new Error(`granted ${result.recipients} of ${POPULATION}`);
  return performance.now() - started;
}

async function qrVerify(store: BenchStore) {
  console.log(`\n## QR codes: ${VERIFICATIONS} verifications, ${REDEMPTIONS} redemptions one at a time`);
  const definitionId = await store.transaction((sql) =>
    createDefinition(
      sql,
      {
        kind: 'coupon',
        name: { ja: 'ベンチ券' },
        valueYen: 500,
        validFrom: new Date(NOW.getTime() - 86_400_000).toISOString(),
        validUntil: LATER.toISOString(),
        perResidentLimit: 1,
        totalStock: REDEMPTIONS,
      },
      'bench',
    ),
  );
  const tokens: string[] = [];
  for (let i = 0; i < REDEMPTIONS; i += 1) {
    const shown = await store.transaction(async (sql) => {
      const couponId = await issueOne(sql, await definitionOf(sql, definitionId), `q${i}`);
      return presentCoupon(sql, SECRET, couponId, `q${i}`, NOW);
    });
    if (shown) tokens.push(shown.token);
  }
  const shop = await store.sql.query<{ id: string }>(
    `insert into shop (kind, name, address, contact_email, applicant, status) values ('shop', 'bench', 'x', 'b@example.jp', 'b', 'approved') returning id`,
  );
  const shopId = String(shop.rows[0]?.id);
  const token = tokens[0] ?? '';
  const hmac = timed(VERIFICATIONS, () => {
    createHmac('sha256', SECRET).update(token).digest();
  });
  const verify = await timedAsync(VERIFICATIONS, async () => {
    if (!(await verifyPresentation(SECRET, token, NOW))) throw new Error('token refused');
  });
  const redeem = await timedAsync(REDEMPTIONS, async (i) => {
    await store.transaction((sql) =>
      redeemCoupon(sql, { secret: SECRET, token: tokens[i], shopId, staffId: 'bench', now: NOW }),
    );
  });
  const row = (name: string, samples: Float64Array, base: Float64Array) => [
    name,
    percentile(samples, 0.5).toFixed(3),
    percentile(samples, 0.99).toFixed(3),
    `${(percentile(samples, 0.99) / percentile(base, 0.99)).toFixed(1)}×`,
  ];
  console.log(
    formatTable(
      ['step', 'p50 ms', 'p99 ms', 'p99 ratio'],
      [
        row('HMAC-SHA-256 of the token (baseline)', hmac, hmac),
        row('verify the JWS (jose)', verify, hmac),
        row('redeem: verify + one conditional UPDATE', redeem, hmac),
      ],
    ),
  );
}

function timed(count: number, work: () => void): Float64Array {
  const samples = new Float64Array(count);
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    work();
    samples[i] = performance.now() - started;
  }
  return samples.sort();
}

async function timedAsync(count: number, work: (i: number) => Promise<void>): Promise<Float64Array> {
  const samples = new Float64Array(count);
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await work(i);
    samples[i] = performance.now() - started;
  }
  return samples.sort();
}
