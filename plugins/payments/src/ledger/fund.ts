import type { Sql } from '../storage/sql.ts';
import { campaignAccount, ISSUANCE } from './accounts.ts';
import { openTransfer, post } from './transfer.ts';

/**
 * Puts `points` of the city's issuance into a campaign's budget account (created on first
 * use). The budget account's guarded balance is what the campaign may still grant.
 */
export async function fundCampaign(sql: Sql, idempotencyKey: string, campaignId: string, points: number) {
  const account = campaignAccount(campaignId);
  const transfer = await openTransfer(sql, idempotencyKey, 'fund', { campaign: campaignId, points });
  if (transfer.replayed) return { transferId: transfer.id, replayed: true };
  await sql.query(
    `insert into account (id, kind, balance) values ($1, 'campaign', $2)
     on conflict (id) do update set balance = account.balance + excluded.balance`,
    [account, points],
  );
  await post(sql, transfer.id, [
    { account: ISSUANCE, amount: -points },
    { account, amount: points },
  ]);
  return { transferId: transfer.id, replayed: false };
}
