import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import { verifyAtSite } from '../verify/verify-at-site.ts';

export type Staff = Actor & { kind: 'principal' };

export interface DistributionInput {
  name: string;
  items: string[];
  per: 'household' | 'person';
}

export async function createDistribution(ctx: PluginContext, staff: Staff, input: DistributionInput) {
  return ctx.transaction(staff, async () => {
    const created = await ctx.sql.query<{ id: string }>(
      'insert into distribution (name, items, per, created_by) values ($1, $2::text[], $3, $4) returning id',
      [input.name, input.items, input.per, staff.id],
    );
    const id = created.rows[0]?.id;
    await ctx.audit({
      actor: staff,
      action: 'citizen-card.distribution.created',
      recordId: id,
      details: { per: input.per },
    });
    return { id };
  });
}

export async function distributionOf(ctx: PluginContext, id: string): Promise<{ per: 'household' | 'person' }> {
  const found = await ctx.sql.query<{ per: 'household' | 'person' }>(
    'select per from distribution where id::text = $1',
    [id],
  );
  const row = found.rows[0];
  if (!row) {
    throw new PluginError('citizenCard.unknownDistribution', 404, {
      ja: '配布が見つかりません。',
      en: 'There is no such distribution.',
    });
  }
  return row;
}

function alreadyPickedUp(site: string, at: string): PluginError {
  const message = {
    ja: `既に受け取り済みです（${site}、${new Date(at).toISOString()}）。`,
    en: `Already picked up (${site}, ${new Date(at).toISOString()}).`,
  };
  return new PluginError('citizenCard.alreadyPickedUp', 409, message);
}

/** A pickup to record: who is served, where, and — for one synced after an offline scan — its site's id and time. */
export interface PickupRow {
  distributionId: string;
  beneficiary: string;
  principalId: string;
  site: string;
  clientId?: string;
  scannedAt?: Date;
}

export type PickupOutcome =
  | { recorded: true; pickupId: string }
  | { recorded: false; first: { id: string; site: string; pickedUpAt: string } };

/**
 * One pickup per household (or person) per distribution, at any site: the unique index on
 * `(distribution_id, beneficiary)` decides between two sites scanning at the same moment — the
 * second insert finds the first. Runs in the caller's transaction.
 */
export async function recordPickup(ctx: PluginContext, staff: Staff, row: PickupRow): Promise<PickupOutcome> {
  const inserted = await ctx.sql.query<{ id: string }>(
    `insert into pickup (distribution_id, beneficiary, principal_id, site, recorded_by, client_id, scanned_at)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (distribution_id, beneficiary) do nothing returning id`,
    [
      row.distributionId,
      row.beneficiary,
      row.principalId,
      row.site,
      staff.id,
      row.clientId ?? null,
      row.scannedAt?.toISOString() ?? null,
    ],
  );
  const pickupId = inserted.rows[0]?.id;
  if (pickupId) return { recorded: true, pickupId };
  const first = await ctx.sql.query<{ id: string; site: string; picked_up_at: string }>(
    'select id, site, coalesce(scanned_at, picked_up_at) as picked_up_at from pickup where distribution_id = $1 and beneficiary = $2',
    [row.distributionId, row.beneficiary],
  );
  const found = first.rows[0];
  if (!found) throw new Error('a pickup conflicted but is not there');
  return { recorded: false, first: { id: found.id, site: found.site, pickedUpAt: found.picked_up_at } };
}

/** A pickup scanned now: refused with where and when if the household was already served. */
export async function pickUp(
  ctx: PluginContext,
  staff: Staff,
  input: { distributionId: string; presentation: string; site: string; nonce?: string },
  now: Date,
) {
  const distribution = await distributionOf(ctx, input.distributionId);
  const holder = await verifyAtSite(ctx, { ...input, profileId: 'shelter' }, now);
  const beneficiary = distribution.per === 'household' ? holder.householdId : holder.principalId;
  return ctx.transaction(staff, async () => {
    const outcome = await recordPickup(ctx, staff, {
      distributionId: input.distributionId,
      beneficiary,
      principalId: holder.principalId,
      site: input.site,
    });
    if (!outcome.recorded) throw alreadyPickedUp(outcome.first.site, outcome.first.pickedUpAt);
    await ctx.audit({
      actor: staff,
      action: 'citizen-card.relief.pickedUp',
      recordId: input.distributionId,
      details: { site: input.site },
    });
    return { pickupId: outcome.pickupId, claims: holder.claims };
  });
}
