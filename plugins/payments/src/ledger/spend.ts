import type { Sql } from '../storage/sql.ts';
import { toNumber } from '../storage/sql.ts';
import { walletAccount } from './accounts.ts';
import { insufficientPoints } from './errors.ts';
import { openTransfer, post, type TransferKind } from './transfer.ts';

export interface SpendRequest {
  idempotencyKey: string;
  residentId: string;
  /** The account credited: a shop's, or `exchange` when points buy a coupon. */
  to: string;
  points: number;
  now: Date;
  kind?: Extract<TransferKind, 'spend' | 'exchange' | 'adjust'>;
  details?: Record<string, unknown>;
}

export interface SpendResult {
  transferId: string;
  replayed: boolean;
}

/**
 * Moves points from a wallet to a shop (or to the exchange account). Only the wallet's row is
 * locked: two devices spending the same balance queue on it, and the second sees what the
 * first left. The shop's side is one appended posting and no row update, so ten thousand
 * wallets spending at one shop at once never wait for each other. Points are taken from the
 * unexpired lots soonest to expire first (FIFO by expiry).
 */
export async function spendPoints(sql: Sql, request: SpendRequest): Promise<SpendResult> {
  const wallet = walletAccount(request.residentId);
  const kind = request.kind ?? 'spend';
  const transfer = await openTransfer(sql, request.idempotencyKey, kind, {
    resident: request.residentId,
    to: request.to,
    points: request.points,
    ...request.details,
  });
  if (transfer.replayed) return { transferId: transfer.id, replayed: true };
  const now = request.now.toISOString();
  const locked = await sql.query('select 1 from account where id = $1 for update', [wallet]);
  const available = locked.rowCount === 0 ? 0 : await availablePoints(sql, wallet, now);
  if (available < request.points) throw insufficientPoints(available, request.points);
  await sql.query(
    `with open_lots as (
       select id, expires_at, remaining, sum(remaining) over (order by expires_at, id) as running
       from lot where account_id = $1 and remaining > 0 and expires_at > $2
     ),
     taken as (
       select id, expires_at, least(remaining, $3::bigint - (running - remaining)) as points
       from open_lots where running - remaining < $3::bigint
     )
     update lot set remaining = lot.remaining - taken.points from taken
     where lot.account_id = $1 and lot.expires_at = taken.expires_at and lot.id = taken.id`,
    [wallet, now, request.points],
  );
  await sql.query('update account set balance = balance - $2 where id = $1', [wallet, request.points]);
  await post(sql, transfer.id, [
    { account: wallet, amount: -request.points },
    { account: request.to, amount: request.points },
  ]);
  return { transferId: transfer.id, replayed: false };
}

/** Points of unexpired lots: what can be spent now (expired lots wait for the expiry job). */
export async function availablePoints(sql: Sql, wallet: string, now: string): Promise<number> {
  const result = await sql.query<{ points: string }>(
    'select coalesce(sum(remaining), 0) as points from lot where account_id = $1 and remaining > 0 and expires_at > $2',
    [wallet, now],
  );
  return toNumber(result.rows[0]?.points);
}
