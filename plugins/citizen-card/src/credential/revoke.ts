import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import { markStatusListChanged } from '../status/status-list.ts';

export type RevocationReason = 'lost' | 'superseded' | 'movedOut' | 'deceased' | 'staff';

/**
 * Revokes the person's live card (if any) in the caller's transaction and audits it; the
 * status list served next carries it. Answers the revoked card's status index.
 */
export async function revokeLive(
  ctx: PluginContext,
  actor: Actor,
  principalId: string,
  reason: RevocationReason,
): Promise<number | null> {
  const revoked = await ctx.sql.query<{ id: string; status_index: number }>(
    `update credential set revoked_at = now(), revoked_reason = $2
     where principal_id = $1 and revoked_at is null returning id, status_index`,
    [principalId, reason],
  );
  const row = revoked.rows[0];
  if (!row) return null;
  await ctx.audit({
    actor,
    action: 'citizen-card.revoked',
    recordId: row.id,
    details: { reason, statusIndex: row.status_index },
  });
  markStatusListChanged();
  return row.status_index;
}

/** A resident reports their card lost, or a registrar revokes one: a 404 when there is none. */
export async function revokeCard(
  ctx: PluginContext,
  actor: Actor,
  principalId: string,
  reason: 'lost' | 'staff',
): Promise<{ statusIndex: number }> {
  const statusIndex = await ctx.transaction(actor, () => revokeLive(ctx, actor, principalId, reason));
  if (statusIndex === null) {
    throw new PluginError('citizenCard.noCard', 404, {
      ja: '有効な市民カードがありません。',
      en: 'There is no valid citizen card.',
    });
  }
  return { statusIndex };
}
