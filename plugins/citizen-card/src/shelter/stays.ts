import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import { DV_SUPPORT_ROLE } from '../roles.ts';
import { verifyAtSite } from '../verify/verify-at-site.ts';

export const OCCUPANCY_CHANNEL = 'occupancy';
export const ALL_SHELTERS = 'all';

function unknownShelter(): PluginError {
  return new PluginError('citizenCard.unknownShelter', 404, {
    ja: '避難所が見つかりません。',
    en: 'There is no such shelter.',
  });
}

async function occupancyOf(ctx: PluginContext, shelterId: string): Promise<number> {
  const found = await ctx.sql.query<{ n: number }>(
    'select count(*)::int as n from shelter_stay where shelter_id = $1 and checked_out_at is null',
    [shelterId],
  );
  return found.rows[0]?.n ?? 0;
}

async function announce(ctx: PluginContext, shelterId: string): Promise<void> {
  await ctx.realtime.emit(OCCUPANCY_CHANNEL, ALL_SHELTERS, 'changed', {
    shelterId,
    occupancy: await occupancyOf(ctx, shelterId),
  });
}

/**
 * Checks the card's holder in at a shelter (leaving any other shelter they were in) and sets
 * their household's evacuation status; the occupancy change goes to staff screens on commit.
 */
export async function checkIn(
  ctx: PluginContext,
  staff: Actor & { kind: 'principal' },
  input: { presentation: string; shelterId: string; nonce?: string },
  now: Date,
) {
  const holder = await verifyAtSite(ctx, { ...input, profileId: 'shelter' }, now);
  return ctx.transaction(staff, async () => {
    const found = await ctx.sql.query<{ name: string }>('select name from shelter where id = $1', [input.shelterId]);
    const shelter = found.rows[0];
    if (!shelter) throw unknownShelter();
    const left = await ctx.sql.query<{ shelter_id: string }>(
      `update shelter_stay set checked_out_at = now() where principal_id = $1 and checked_out_at is null
       returning shelter_id`,
      [holder.principalId],
    );
    const stay = await ctx.sql.query<{ id: string }>(
      `insert into shelter_stay (shelter_id, principal_id, household_id, checked_in_by) values ($1, $2, $3, $4)
       returning id`,
      [input.shelterId, holder.principalId, holder.householdId, staff.id],
    );
    // Where a resident under a support measure shelters is never told to the household.
    await ctx.sql.query(
      `insert into evacuation_status (household_id, status, shelter_id, set_by)
       select $1, 'atShelter', $2, $3 from resident_record where principal_id = $4 and not dv_protected
       on conflict (household_id) do update set status = 'atShelter', shelter_id = excluded.shelter_id,
         set_by = excluded.set_by, set_at = now()`,
      [holder.householdId, input.shelterId, staff.id, holder.principalId],
    );
    await ctx.audit({
      actor: staff,
      action: 'citizen-card.shelter.checkedIn',
      details: { shelterId: input.shelterId },
    });
    for (const row of left.rows) await announce(ctx, row.shelter_id);
    await announce(ctx, input.shelterId);
    return { stayId: stay.rows[0]?.id, shelter: shelter.name, claims: holder.claims };
  });
}

export async function checkOut(ctx: PluginContext, staff: Actor & { kind: 'principal' }, stayId: string) {
  return ctx.transaction(staff, async () => {
    const closed = await ctx.sql.query<{ shelter_id: string }>(
      `update shelter_stay set checked_out_at = now() where id::text = $1 and checked_out_at is null
       returning shelter_id`,
      [stayId],
    );
    const row = closed.rows[0];
    if (!row) {
      throw new PluginError('citizenCard.noStay', 404, {
        ja: 'この避難所に滞在中の記録がありません。',
        en: 'There is no open stay with this id.',
      });
    }
    await ctx.audit({
      actor: staff,
      action: 'citizen-card.shelter.checkedOut',
      details: { shelterId: row.shelter_id },
    });
    await announce(ctx, row.shelter_id);
    return { checkedOut: true };
  });
}

/** Open stays per shelter, for staff screens. */
export async function occupancy(ctx: PluginContext) {
  const found = await ctx.sql.query<{ id: string; name: string; ward: string; occupancy: number }>(
    `select s.id, s.name, s.ward, count(t.id)::int as occupancy from shelter s
     join shelter_stay t on t.shelter_id = s.id and t.checked_out_at is null
     group by s.id, s.name, s.ward order by s.ward, s.name`,
  );
  return { shelters: found.rows };
}

/**
 * People staying in shelters whose name contains `name`: only for disaster-response staff, and
 * audited as a read of personal data. Residents under a support measure are found only by DV
 * support staff; to anyone else they are not there, as if not sheltered at all.
 */
export async function searchEvacuees(ctx: PluginContext, staff: Actor & { kind: 'principal' }, name: string) {
  const seesProtected = staff.roles.includes(DV_SUPPORT_ROLE);
  const found = await ctx.sql.query<{
    stay_id: string;
    name: string;
    ward: string;
    shelter: string;
    checked_in_at: string;
  }>(
    `select t.id as stay_id, r.name, r.ward, s.name as shelter, t.checked_in_at from shelter_stay t
     join resident_record r on r.principal_id = t.principal_id join shelter s on s.id = t.shelter_id
     where t.checked_out_at is null and strpos(r.name, $1) > 0 and (not r.dv_protected or $2)
     order by r.name limit 50`,
    [name, seesProtected],
  );
  await ctx.audit({
    actor: staff,
    action: 'citizen-card.shelter.searched',
    details: { found: found.rowCount, protectedShown: seesProtected },
  });
  return { evacuees: found.rows };
}
