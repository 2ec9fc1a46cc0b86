import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import type { ResidentRecord } from '../credential/claims-of.ts';
import { revokeLive } from '../credential/revoke.ts';

const COLUMNS = 'principal_id, name, birth_date::text as birth_date, ward, household_id, photo_sha256, status';

export interface ResidentInput {
  principalId: string;
  name: string;
  birthDate: string;
  ward: string;
  householdId: string;
  photoSha256?: string | null;
  status: ResidentRecord['status'];
  dvProtected?: boolean;
}

export async function residentRecord(ctx: PluginContext, principalId: string): Promise<ResidentRecord | null> {
  const found = await ctx.sql.query<ResidentRecord>(`select ${COLUMNS} from resident_record where principal_id = $1`, [
    principalId,
  ]);
  return found.rows[0] ?? null;
}

export function notRegistered(): PluginError {
  return new PluginError('citizenCard.notRegistered', 404, {
    ja: '住民記録が見つからないため、市民カードを発行できません。窓口にお問い合わせください。',
    en: 'There is no resident record for you, so no citizen card can be issued. Ask at the city office.',
  });
}

/**
 * Records what the resident register says of a person (a move within the city, a move out, a
 * death), as the registry's feed or a registrar reports it. A card whose claims no longer hold
 * is re-issued when its holder next opens it; moving out and death revoke it at once, in the
 * same transaction. Audited with the changed field names only.
 */
export async function recordResident(
  ctx: PluginContext,
  actor: Actor,
  input: ResidentInput,
): Promise<{ version: number }> {
  return ctx.transaction(actor, async () => {
    const before = await ctx.sql.query<Record<string, unknown>>(
      `select ${COLUMNS}, dv_protected from resident_record where principal_id = $1 for update`,
      [input.principalId],
    );
    const written = await ctx.sql.query<{ version: number }>(
      `insert into resident_record (principal_id, name, birth_date, ward, household_id, photo_sha256, status, dv_protected)
       values ($1, $2, $3, $4, $5, $6, $7, coalesce($8, false))
       on conflict (principal_id) do update set name = excluded.name, birth_date = excluded.birth_date,
         ward = excluded.ward, household_id = excluded.household_id, photo_sha256 = excluded.photo_sha256,
         status = excluded.status, dv_protected = coalesce($8, resident_record.dv_protected),
         version = resident_record.version + 1, updated_at = now()
       returning version`,
      [
        input.principalId,
        input.name,
        input.birthDate,
        input.ward,
        input.householdId,
        input.photoSha256 ?? null,
        input.status,
        input.dvProtected ?? null,
      ],
    );
    const previous = before.rows[0];
    const next: Record<string, unknown> = {
      name: input.name,
      birth_date: input.birthDate,
      ward: input.ward,
      household_id: input.householdId,
      photo_sha256: input.photoSha256 ?? null,
      status: input.status,
      ...(input.dvProtected === undefined ? {} : { dv_protected: input.dvProtected }),
    };
    const changed = previous
      ? Object.keys(next).filter((field) => (previous[field] ?? null) !== next[field])
      : ['created'];
    if (input.status !== 'resident') {
      await revokeLive(ctx, actor, input.principalId, input.status === 'deceased' ? 'deceased' : 'movedOut');
    }
    await ctx.audit({
      actor,
      action: 'citizen-card.register.recorded',
      recordId: input.principalId,
      details: { changed },
    });
    return { version: written.rows[0]?.version ?? 1 };
  });
}
