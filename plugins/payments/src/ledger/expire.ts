import type { Sql } from '../storage/sql.ts';
import { toNumber } from '../storage/sql.ts';
import { EXPIRED } from './accounts.ts';
import { openTransfer } from './transfer.ts';

export interface ExpiryResult {
  transferId: string | null;
  wallets: number;
  points: number;
}

/**
 * Moves what is left of every lot expired by `now` from its wallet to the `expired` account,
 * as one transfer with one posting per wallet. Wallet rows are locked first and in id order —
 * the order a spend (one wallet) and a grant (wallets by id) take them too — so it never
 * deadlocks with them. Nothing expired: no transfer.
 */
/** The wallets holding a lot due at `$1`, locked; the due lots are found by `lot_due`. */
export const DUE_WALLETS = `select id from account where id in (select account_id from lot where remaining > 0 and expires_at <= $1)
     order by id for update`;

export async function expireLots(sql: Sql, idempotencyKey: string, now: Date): Promise<ExpiryResult> {
  const at = now.toISOString();
  const wallets = await sql.query(DUE_WALLETS, [at]);
  if (wallets.rowCount === 0) return { transferId: null, wallets: 0, points: 0 };
  // A run that waited for these locks may find the lots already cleared by another one.
  const due = await sql.query('select 1 from lot where remaining > 0 and expires_at <= $1 limit 1', [at]);
  if (due.rowCount === 0) return { transferId: null, wallets: 0, points: 0 };
  const transfer = await openTransfer(sql, idempotencyKey, 'expire', { at });
  if (transfer.replayed) return { transferId: transfer.id, wallets: 0, points: 0 };
  const result = await sql.query<{ wallets: string; points: string }>(
    `with due as (
       select account_id, expires_at, id, remaining from lot where remaining > 0 and expires_at <= $1
     ),
     cleared as (
       update lot set remaining = 0 from due
       where lot.account_id = due.account_id and lot.expires_at = due.expires_at and lot.id = due.id
       returning due.account_id, due.remaining
     ),
     per_wallet as (
       select account_id, sum(remaining)::bigint as points from cleared group by account_id
     ),
     balances as (
       update account set balance = account.balance - per_wallet.points
       from per_wallet where account.id = per_wallet.account_id
     ),
     debits as (
       insert into posting (transfer_id, account_id, amount)
       select $2::bigint, account_id, -points from per_wallet
     ),
     credit as (
       insert into posting (transfer_id, account_id, amount)
       select $2::bigint, $3, sum(points) from per_wallet having count(*) > 0
     )
     select count(*) as wallets, coalesce(sum(points), 0) as points from per_wallet`,
    [at, transfer.id, EXPIRED],
  );
  const row = result.rows[0];
  return { transferId: transfer.id, wallets: toNumber(row?.wallets), points: toNumber(row?.points) };
}
