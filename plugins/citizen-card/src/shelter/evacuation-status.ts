import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';

export const EVACUATION_STATUSES = ['safeAtHome', 'atShelter', 'elsewhere', 'needHelp'] as const;

async function householdOf(ctx: PluginContext, principalId: string): Promise<string> {
  const found = await ctx.sql.query<{ household_id: string }>(
    "select household_id from resident_record where principal_id = $1 and status = 'resident'",
    [principalId],
  );
  const household = found.rows[0]?.household_id;
  if (!household) {
    throw new PluginError('citizenCard.notRegistered', 404, {
      ja: '住民記録が見つかりません。',
      en: 'There is no resident record for you.',
    });
  }
  return household;
}

/** A resident sets their household's status ("safe at home", "at shelter X"). */
export async function setEvacuationStatus(
  ctx: PluginContext,
  resident: Actor & { kind: 'principal' },
  input: { status: (typeof EVACUATION_STATUSES)[number]; shelterId?: string },
) {
  const household = await householdOf(ctx, resident.id);
  if (input.status === 'atShelter' && !input.shelterId) {
    throw new PluginError('citizenCard.shelterRequired', 422, {
      ja: '避難先の避難所を選んでください。',
      en: 'Choose the shelter.',
    });
  }
  const shelterId = input.status === 'atShelter' ? input.shelterId : null;
  return ctx.transaction(resident, async () => {
    if (shelterId) {
      const known = await ctx.sql.query('select 1 from shelter where id = $1', [shelterId]);
      if (known.rowCount === 0) {
        throw new PluginError('citizenCard.unknownShelter', 404, {
          ja: '避難所が見つかりません。',
          en: 'There is no such shelter.',
        });
      }
    }
    await ctx.sql.query(
      `insert into evacuation_status (household_id, status, shelter_id, set_by) values ($1, $2, $3, $4)
       on conflict (household_id) do update set status = excluded.status, shelter_id = excluded.shelter_id,
         set_by = excluded.set_by, set_at = now()`,
      [household, input.status, shelterId, resident.id],
    );
    await ctx.audit({ actor: resident, action: 'citizen-card.evacuation.set', details: { status: input.status } });
    return { status: input.status, shelterId };
  });
}

/** The household's status as its members see it: the status and the shelter's name, never who set it. */
export async function householdStatus(ctx: PluginContext, principalId: string) {
  const household = await householdOf(ctx, principalId);
  const found = await ctx.sql.query<{
    status: string;
    shelter_id: string | null;
    shelter: string | null;
    set_at: string;
  }>(
    `select e.status, e.shelter_id, s.name as shelter, e.set_at from evacuation_status e
     left join shelter s on s.id = e.shelter_id where e.household_id = $1`,
    [household],
  );
  return { evacuation: found.rows[0] ?? null };
}
