import type { Sql } from '../storage/sql.ts';
import { toNumber } from '../storage/sql.ts';
import { walletAccount } from './accounts.ts';

export interface WalletSummary {
  balance: number;
  /** Spendable now: the balance less lots that expired and wait for the expiry job. */
  available: number;
  /** What expires when, soonest first. */
  expiring: Array<{ expiresAt: string; points: number }>;
  history: Array<{ at: string; kind: string; points: number; transferId: string }>;
}

/** A resident's balance, expiry schedule and latest movements. */
export async function walletSummary(sql: Sql, residentId: string, now: Date, limit = 50): Promise<WalletSummary> {
  const wallet = walletAccount(residentId);
  const balance = await sql.query<{ balance: string }>('select balance from account where id = $1', [wallet]);
  const lots = await sql.query<{ expires_at: Date | string; points: string }>(
    `select expires_at, sum(remaining) as points from lot
     where account_id = $1 and remaining > 0 and expires_at > $2
     group by expires_at order by expires_at`,
    [wallet, now.toISOString()],
  );
  const history = await sql.query<{ created_at: Date | string; kind: string; amount: string; transfer_id: string }>(
    `select p.created_at, t.kind, p.amount, p.transfer_id from posting p join transfer t on t.id = p.transfer_id
     where p.account_id = $1 order by p.id desc limit $2`,
    [wallet, limit],
  );
  const expiring = lots.rows.map((row) => ({ expiresAt: iso(row.expires_at), points: toNumber(row.points) }));
  return {
    balance: toNumber(balance.rows[0]?.balance),
    available: expiring.reduce((sum, lot) => sum + lot.points, 0),
    expiring,
    history: history.rows.map((row) => ({
      at: iso(row.created_at),
      kind: row.kind,
      points: toNumber(row.amount),
      transferId: String(row.transfer_id),
    })),
  };
}

export function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
