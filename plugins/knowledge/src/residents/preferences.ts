import { type Actor, PluginError, type SqlApi } from '@kiban/sdk';

/** What a signed-in resident keeps with the knowledge services. */
export interface ResidentPreference {
  /** Whether benefit conditions may be checked against the resident's own records. */
  eligibilityConsent: boolean;
  consentedAt: string | null;
  /** The garbage guide's city and collection area the resident picked last. */
  city: string | null;
  area: string | null;
}

const NONE: ResidentPreference = { eligibilityConsent: false, consentedAt: null, city: null, area: null };

/** The signed-in resident acting, or a 403: these preferences are a resident's own. */
export function residentId(actor: Actor): string {
  if (actor.kind === 'principal' && actor.principalKind === 'resident') return actor.id;
  throw new PluginError('knowledge.residentsOnly', 403, {
    ja: 'この操作はサインインした住民だけが行えます。',
    en: 'Only a signed-in resident may do this.',
  });
}

export async function readPreference(sql: SqlApi, resident: string): Promise<ResidentPreference> {
  const { rows } = await sql.query<{
    eligibility_consent: boolean;
    consented_at: Date | string | null;
    city: string | null;
    area: string | null;
  }>('select eligibility_consent, consented_at, city, area from resident_preference where resident = $1', [resident]);
  const row = rows[0];
  if (!row) return NONE;
  return {
    eligibilityConsent: row.eligibility_consent,
    consentedAt: row.consented_at === null ? null : new Date(row.consented_at).toISOString(),
    city: row.city,
    area: row.area,
  };
}

/** Sets the consent; withdrawing it forgets when it was given. */
export async function writeConsent(sql: SqlApi, resident: string, consent: boolean): Promise<void> {
  await sql.query(
    `insert into resident_preference (resident, eligibility_consent, consented_at)
     values ($1, $2, case when $2 then now() end)
     on conflict (resident) do update set eligibility_consent = excluded.eligibility_consent,
       consented_at = excluded.consented_at, updated_at = now()`,
    [resident, consent],
  );
}

/** Remembers the garbage area (null forgets it). */
export async function writeArea(sql: SqlApi, resident: string, city: string | null, area: string | null) {
  await sql.query(
    `insert into resident_preference (resident, city, area) values ($1, $2, $3)
     on conflict (resident) do update set city = excluded.city, area = excluded.area, updated_at = now()`,
    [resident, city, area],
  );
}
