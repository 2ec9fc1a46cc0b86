import { PluginError } from '@kiban/sdk';
import { ADJUSTMENT, walletAccount } from '../ledger/accounts.ts';
import { spendPoints } from '../ledger/spend.ts';
import { openTransfer, post } from '../ledger/transfer.ts';
import type { Sql } from '../storage/sql.ts';
import { toNumber } from '../storage/sql.ts';

/** Points credited by an adjustment stay valid this long. */
const ADJUSTMENT_VALID_DAYS = 365;

export const ADJUSTMENT_INPUT = {
  type: 'object',
  required: ['residentId', 'points', 'reason'],
  additionalProperties: false,
  properties: {
    residentId: { type: 'string', minLength: 1, maxLength: 100 },
    points: { type: 'integer', minimum: -10_000_000, maximum: 10_000_000, not: { const: 0 } },
    reason: { type: 'string', minLength: 5, maxLength: 500 },
  },
};

/** A manual correction waits for a second member of staff; nothing moves until then. */
export async function requestAdjustment(
  sql: Sql,
  input: { residentId: string; points: number; reason: string },
  requestedBy: string,
): Promise<string> {
  const created = await sql.query<{ id: string }>(
    'insert into adjustment (resident_id, points, reason, requested_by) values ($1, $2, $3, $4) returning id',
    [input.residentId, input.points, input.reason, requestedBy],
  );
  return String(created.rows[0]?.id);
}

function refusal(code: string, status: number, message: { ja: string; en: string }) {
  return new PluginError(code, status, message, [{ pointer: '/adjustmentId', code, message }]);
}

/**
 * Approves (and posts) or rejects a requested adjustment. The approver must be another
 * person than the requester — the table refuses it too — and a decided one stays decided.
 */
export async function decideAdjustment(
  sql: Sql,
  id: string,
  decision: 'approve' | 'reject',
  decidedBy: string,
  now: Date,
): Promise<{ status: string }> {
  const found = await sql.query<{ resident_id: string; points: string; requested_by: string; status: string }>(
    'select resident_id, points, requested_by, status from adjustment where id = $1 for update',
    [id],
  );
  const row = found.rows[0];
  if (!row)
    throw refusal('payments.unknownAdjustment', 404, { ja: '調整の申請がありません。', en: 'No such adjustment.' });
  if (row.status !== 'requested') {
    throw refusal('payments.alreadyDecided', 409, {
      ja: 'この調整は処理済みです。',
      en: 'This adjustment was already decided.',
    });
  }
  if (row.requested_by === decidedBy) {
    throw refusal('payments.secondApproverRequired', 403, {
      ja: '申請した職員とは別の職員が承認してください。',
      en: 'A member of staff other than the requester must approve.',
    });
  }
  const status = decision === 'approve' ? 'approved' : 'rejected';
  const key = `adjust:${id}`;
  await sql.query(
    'update adjustment set status = $2, decided_by = $3, decided_at = $4, transfer_key = $5 where id = $1',
    [id, status, decidedBy, now.toISOString(), decision === 'approve' ? key : null],
  );
  if (decision === 'approve') await postAdjustment(sql, key, row.resident_id, toNumber(row.points), now);
  return { status };
}

async function postAdjustment(sql: Sql, key: string, residentId: string, points: number, now: Date) {
  if (points < 0) {
    await spendPoints(sql, { idempotencyKey: key, residentId, to: ADJUSTMENT, points: -points, now, kind: 'adjust' });
    return;
  }
  const wallet = walletAccount(residentId);
  const transfer = await openTransfer(sql, key, 'adjust', { resident: residentId, points });
  if (transfer.replayed) return;
  await sql.query(
    `insert into account (id, kind, balance) values ($1, 'wallet', $2)
     on conflict (id) do update set balance = account.balance + excluded.balance`,
    [wallet, points],
  );
  await post(sql, transfer.id, [
    { account: ADJUSTMENT, amount: -points },
    { account: wallet, amount: points },
  ]);
  const expiresAt = new Date(now.getTime() + ADJUSTMENT_VALID_DAYS * 86_400_000);
  await sql.query(
    'insert into lot (account_id, transfer_id, amount, remaining, expires_at) values ($1, $2, $3, $3, $4)',
    [wallet, transfer.id, points, expiresAt.toISOString()],
  );
}
