import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import { verifyAtSite } from '../verify/verify-at-site.ts';

type Staff = Actor & { kind: 'principal' };

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

async function distributionOf(ctx: PluginContext, id: string): Promise<{ per: 'household' | 'person' }> {
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

/**
 * One pickup per household (or person) per distribution, at any site: the unique index on
 * `(distribution_id, beneficiary)` decides between two sites scanning at the same moment — the
 * second insert finds the first and is refused with where and when it was picked up.
 */
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
    const inserted = await ctx.sql.query<{ id: string }>(
      `insert into pickup (distribution_id, beneficiary, principal_id, site, recorded_by) values ($1, $2, $3, $4, $5)
       on conflict (distribution_id, beneficiary) do nothing returning id`,
      [input.distributionId, beneficiary, holder.principalId, input.site, staff.id],
    );
    if (inserted.rowCount === 0) {
      const first = await ctx.sql.query<{ site: string; picked_up_at: string }>(
        'select site, picked_up_at from pickup where distribution_id = $1 and beneficiary = $2',
        [input.distributionId, beneficiary],
      );
      const row = first.rows[0];
      throw alreadyPickedUp(row?.site ?? '', row?.picked_up_at ?? now.toISOString());
    }
    await ctx.audit({
      actor: staff,
      action: 'citizen-card.relief.pickedUp',
      recordId: input.distributionId,
      details: { site: input.site },
    });
    return { pickupId: inserted.rows[0]?.id, claims: holder.claims };
  });
}
