import { type PluginContext, PluginError } from '@kiban/sdk';
import type { Staff } from './pickups.ts';

export const SETTLEMENTS = ['duplicateRecovered', 'extraApproved', 'noAction'] as const;
export type Settlement = (typeof SETTLEMENTS)[number];

export interface PickupConflict {
  id: string;
  distributionId: string;
  site: string;
  clientId: string;
  scannedAt: string;
  reason: 'alreadyPickedUp' | 'refused';
  refusal: string | null;
  principalId: string | null;
  firstPickup: { site: string; pickedUpAt: string } | null;
  settlement: Settlement | null;
}

/** Conflicts from offline sites, open ones first; reading them (they name residents) is audited. */
export async function listConflicts(
  ctx: PluginContext,
  staff: Staff,
  input: { distributionId?: string; includeSettled?: boolean },
): Promise<{ items: PickupConflict[] }> {
  const rows = await ctx.sql.query<{
    id: string;
    distribution_id: string;
    site: string;
    client_id: string;
    scanned_at: string;
    reason: 'alreadyPickedUp' | 'refused';
    refusal: string | null;
    principal_id: string | null;
    first_site: string | null;
    first_at: string | null;
    settlement: Settlement | null;
  }>(
    `select c.id, c.distribution_id, c.site, c.client_id, c.scanned_at, c.reason, c.refusal, c.principal_id,
            p.site as first_site, coalesce(p.scanned_at, p.picked_up_at) as first_at, c.settlement
       from pickup_conflict c left join pickup p on p.id = c.first_pickup_id
      where ($1::uuid is null or c.distribution_id = $1::uuid) and ($2 or c.settled_at is null)
      order by c.settled_at is not null, c.synced_at
      limit 500`,
    [input.distributionId ?? null, input.includeSettled === true],
  );
  await ctx.audit({
    actor: staff,
    action: 'citizen-card.relief.conflictsRead',
    details: { distributionId: input.distributionId ?? null, count: rows.rowCount },
  });
  return {
    items: rows.rows.map((row) => ({
      id: row.id,
      distributionId: row.distribution_id,
      site: row.site,
      clientId: row.client_id,
      scannedAt: new Date(row.scanned_at).toISOString(),
      reason: row.reason,
      refusal: row.refusal,
      principalId: row.principal_id,
      firstPickup: row.first_site
        ? { site: row.first_site, pickedUpAt: new Date(row.first_at as string).toISOString() }
        : null,
      settlement: row.settlement,
    })),
  };
}

/** Staff settle a conflict once: how the double handout was dealt with, on the audit trail. */
export async function settleConflict(
  ctx: PluginContext,
  staff: Staff,
  input: { conflictId: string; settlement: Settlement },
): Promise<{ id: string; settlement: Settlement }> {
  return ctx.transaction(staff, async () => {
    const updated = await ctx.sql.query(
      `update pickup_conflict set settled_at = now(), settled_by = $2, settlement = $3
        where id::text = $1 and settled_at is null`,
      [input.conflictId, staff.id, input.settlement],
    );
    if (updated.rowCount === 0) {
      throw new PluginError('citizenCard.noOpenConflict', 404, {
        ja: '未処理の競合が見つかりません。',
        en: 'There is no open conflict with this id.',
      });
    }
    await ctx.audit({
      actor: staff,
      action: 'citizen-card.relief.conflictSettled',
      recordId: input.conflictId,
      details: { settlement: input.settlement },
    });
    return { id: input.conflictId, settlement: input.settlement };
  });
}
