import type { Sql } from '../storage/sql.ts';
import { toNumber } from '../storage/sql.ts';
import { campaignAccount, walletAccount } from './accounts.ts';
import { budgetExhausted, noRecipients } from './errors.ts';
import { openTransfer, post } from './transfer.ts';

export interface GrantRequest {
  idempotencyKey: string;
  campaignId: string;
  residentId: string;
  points: number;
  expiresAt: Date;
  reason: string;
}

export interface GrantResult {
  transferId: string;
  replayed: boolean;
}

/**
 * Takes `points` from the campaign budget to one wallet as a lot expiring at `expiresAt`.
 * The budget's guarded balance is decremented only while it covers the grant, in the same
 * statement that locks it, so two grants can never both spend its last points.
 */
export async function grantPoints(sql: Sql, request: GrantRequest): Promise<GrantResult> {
  const campaign = campaignAccount(request.campaignId);
  const wallet = walletAccount(request.residentId);
  const transfer = await openTransfer(sql, request.idempotencyKey, 'grant', {
    campaign: request.campaignId,
    resident: request.residentId,
    points: request.points,
    expiresAt: request.expiresAt.toISOString(),
    reason: request.reason,
  });
  if (transfer.replayed) return { transferId: transfer.id, replayed: true };
  await takeFromBudget(sql, campaign, request.points);
  await sql.query(
    `insert into account (id, kind, balance) values ($1, 'wallet', $2)
     on conflict (id) do update set balance = account.balance + excluded.balance`,
    [wallet, request.points],
  );
  await post(sql, transfer.id, [
    { account: campaign, amount: -request.points },
    { account: wallet, amount: request.points },
  ]);
  await sql.query(
    `insert into lot (account_id, transfer_id, amount, remaining, expires_at) values ($1, $2, $3, $3, $4)`,
    [wallet, transfer.id, request.points, request.expiresAt.toISOString()],
  );
  return { transferId: transfer.id, replayed: false };
}

async function takeFromBudget(sql: Sql, campaign: string, points: number): Promise<void> {
  const taken = await sql.query(
    'update account set balance = balance - $2 where id = $1 and balance >= $2 returning balance',
    [campaign, points],
  );
  if (taken.rowCount === 1) return;
  const left = await sql.query<{ balance: string }>('select balance from account where id = $1', [campaign]);
  throw budgetExhausted(toNumber(left.rows[0]?.balance), points);
}

export interface BulkGrantRequest {
  idempotencyKey: string;
  campaignId: string;
  /** A `SELECT` of resident ids (one column), e.g. from `ctx.segments.select(…, { select: 'owner' })`. */
  recipients: { text: string; params: unknown[] };
  points: number;
  expiresAt: Date;
  reason: string;
}

export interface BulkGrantResult extends GrantResult {
  recipients: number;
}

/**
 * Grants `points` to every resident the query selects, in one set-based statement: the
 * budget is taken once for the whole population (or not at all), wallets are created or
 * credited in id order (so concurrent grants lock them in the same order), and one posting
 * and one lot is written per wallet.
 *
 * The recipients are sorted once, byte-wise, in memory, and the wallet, posting and lot
 * inserts each read them in that order: every index they touch is then filled left to right,
 * and no insert has to keep another's returned rows.
 */
export async function grantToPopulation(sql: Sql, request: BulkGrantRequest): Promise<BulkGrantResult> {
  const campaign = campaignAccount(request.campaignId);
  const transfer = await openTransfer(sql, request.idempotencyKey, 'grant', {
    campaign: request.campaignId,
    population: request.recipients.text,
    populationParams: request.recipients.params,
    points: request.points,
    // Not the expiry: a retry computes it anew from its own clock, and is still the same grant.
    reason: request.reason,
  });
  if (transfer.replayed) {
    const done = await sql.query<{ count: string }>(
      'select count(*) - 1 as count from posting where transfer_id = $1',
      [transfer.id],
    );
    return { transferId: transfer.id, replayed: true, recipients: toNumber(done.rows[0]?.count) };
  }
  const base = request.recipients.params.length;
  const p = (n: number) => `$${base + n}`;
  const result = await withWorkMemory(sql, () =>
    sql.query<{ funded: string; total: string }>(
      `with recipients as materialized (
         select distinct ('wallet:' || chosen.resident) collate "C" as account_id
         from (${request.recipients.text}) as chosen (resident)
         where chosen.resident is not null
         order by account_id
       ),
       total as (select count(*) * ${p(1)}::bigint as points from recipients),
       budget as (
         update account set balance = balance - total.points from total
         where account.id = ${p(2)} and total.points > 0 and account.balance >= total.points
         returning account.id
       ),
       wallets as (
         insert into account (id, kind, balance)
         select account_id, 'wallet', ${p(1)}::bigint from recipients where exists (select 1 from budget)
         on conflict (id) do update set balance = account.balance + excluded.balance
       ),
       credits as (
         insert into posting (transfer_id, account_id, amount)
         select ${p(3)}::bigint, account_id, ${p(1)}::bigint from recipients where exists (select 1 from budget)
       ),
       debit as (
         insert into posting (transfer_id, account_id, amount)
         select ${p(3)}::bigint, budget.id, -total.points from budget, total
       ),
       lots as (
         insert into lot (account_id, transfer_id, amount, remaining, expires_at)
         select account_id, ${p(3)}::bigint, ${p(1)}::bigint, ${p(1)}::bigint, ${p(4)}::timestamptz
         from recipients where exists (select 1 from budget)
       )
       select (select count(*) from budget) as funded, (select points from total) as total`,
      [...request.recipients.params, request.points, campaign, transfer.id, request.expiresAt.toISOString()],
    ),
  );
  const row = result.rows[0];
  const total = toNumber(row?.total);
  if (total === 0) throw noRecipients();
  if (toNumber(row?.funded) !== 1) {
    const left = await sql.query<{ balance: string }>('select balance from account where id = $1', [campaign]);
    throw budgetExhausted(toNumber(left.rows[0]?.balance), total);
  }
  return { transferId: transfer.id, replayed: false, recipients: total / request.points };
}

/**
 * Runs `work` with enough sort and hash memory for a million-resident population, then puts
 * the transaction's previous setting back: with the default 4 MB the distinct recipients and
 * their materialised list went to temporary files.
 */
async function withWorkMemory<T>(sql: Sql, work: () => Promise<T>): Promise<T> {
  const set = await sql.query<{ previous: string }>(
    "select current_setting('work_mem') as previous, set_config('work_mem', '128MB', true)",
  );
  const result = await work();
  await sql.query("select set_config('work_mem', $1, true)", [set.rows[0]?.previous ?? '4MB']);
  return result;
}
