import type { Sql } from '../data/sql.ts';

/**
 * What a signed-in person keeps about themselves: contact details that forms may prefill
 * (only with `consentToReuse` where a form asks for consent) and how the portal speaks to them.
 */
export interface Profile {
  displayName: string | null;
  displayNameKana: string | null;
  email: string | null;
  phone: string | null;
  postalCode: string | null;
  address: string | null;
  consentToReuse: boolean;
  language: string | null;
  /** 和暦 (`japanese`) or 西暦 (`gregory`). */
  calendar: 'japanese' | 'gregory';
}

export const EMPTY_PROFILE: Profile = {
  displayName: null,
  displayNameKana: null,
  email: null,
  phone: null,
  postalCode: null,
  address: null,
  consentToReuse: false,
  language: null,
  calendar: 'japanese',
};

export const PROFILE_SCHEMA_SQL = `create table if not exists kiban_profile (
  principal_id uuid primary key references kiban_principal (id) on delete cascade,
  data jsonb not null,
  updated_at timestamptz(3) not null default clock_timestamp()
)`;

/** The principal's profile; the empty one (display name from the account) until they save theirs. */
export async function readProfile(sql: Sql, principal: { id: string; displayName: string | null }): Promise<Profile> {
  const [row] = await sql.query<{ data: Partial<Profile> | string }>(
    'select data from kiban_profile where principal_id = ?',
    [principal.id],
  );
  if (!row) return { ...EMPTY_PROFILE, displayName: principal.displayName };
  const data = typeof row.data === 'string' ? (JSON.parse(row.data) as Partial<Profile>) : row.data;
  return { ...EMPTY_PROFILE, ...data };
}

/** Replaces the profile; the caller has validated it. */
export async function writeProfile(sql: Sql, principalId: string, profile: Profile): Promise<void> {
  await sql.run(
    `insert into kiban_profile (principal_id, data) values (?, ?::jsonb)
     on conflict (principal_id) do update set data = excluded.data, updated_at = clock_timestamp()`,
    [principalId, JSON.stringify(profile)],
  );
}
