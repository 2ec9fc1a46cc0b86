import { createHash } from 'node:crypto';
import type { Sql } from '../storage/sql.ts';
import { idempotencyConflict } from './errors.ts';

export type TransferKind = 'fund' | 'grant' | 'spend' | 'expire' | 'settle' | 'adjust' | 'exchange' | 'refund';

export interface TransferStart {
  /** The transfer's id. */
  id: string;
  /** True when the key was used before by the same request: nothing must be posted again. */
  replayed: boolean;
}

/** A hash of the request that is independent of key order, to tell a retry from a reuse of its key. */
export function requestHash(kind: TransferKind, request: Record<string, unknown>): string {
  const canonical = JSON.stringify([
    kind,
    Object.keys(request)
      .sort()
      .map((key) => [key, request[key]]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Opens a transfer under its idempotency key. A concurrent first use of the same key waits on
 * the unique index until the other transaction ends, then either sees its transfer (a retry:
 * `replayed`) or, when that one rolled back, takes the key itself. The same key with another
 * request is refused, so a key can never stand for two different movements.
 */
export async function openTransfer(
  sql: Sql,
  key: string,
  kind: TransferKind,
  request: Record<string, unknown>,
): Promise<TransferStart> {
  const hash = requestHash(kind, request);
  const inserted = await sql.query<{ id: string }>(
    `insert into transfer (idempotency_key, kind, request_hash, details) values ($1, $2, $3, $4)
     on conflict (idempotency_key) do nothing returning id`,
    [key, kind, hash, JSON.stringify(request)],
  );
  const created = inserted.rows[0];
  if (created) return { id: String(created.id), replayed: false };
  const existing = await sql.query<{ id: string; request_hash: string }>(
    'select id, request_hash from transfer where idempotency_key = $1',
    [key],
  );
  const row = existing.rows[0];
  if (!row || row.request_hash !== hash) throw idempotencyConflict(key);
  return { id: String(row.id), replayed: true };
}

/** Appends the postings of a transfer; the deferred trigger checks at commit that they balance. */
export async function post(sql: Sql, transferId: string, lines: Array<{ account: string; amount: number }>) {
  const accounts = lines.map((line) => line.account);
  const amounts = lines.map((line) => line.amount);
  await sql.query(
    `insert into posting (transfer_id, account_id, amount)
     select $1, account, amount from unnest($2::text[], $3::bigint[]) as line(account, amount)`,
    [transferId, accounts, amounts],
  );
}
