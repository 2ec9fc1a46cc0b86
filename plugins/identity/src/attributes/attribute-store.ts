import { hkdfSync } from 'node:crypto';
import type { SqlApi } from '@kiban/sdk';
import { seal, unseal } from '../secrets.ts';
import type { PullableField } from './fields.ts';
import type { SourceId } from './sources.ts';

export interface PulledAttribute {
  field: PullableField;
  source: SourceId;
  pulledAt: string;
  value: unknown;
}

/**
 * The attributes a resident pulled, one row per field with its source and time. The values are
 * the register's (household, tax status): sealed at rest (AES-256-GCM) under a key of their own
 * derived from the `secret` setting, so a copy of the database alone does not read them.
 */
export function attributeSealingKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'kiban-identity', 'pulled-attribute-sealing', 32));
}

export async function storePulled(
  sql: SqlApi,
  key: Buffer,
  principalId: string,
  source: SourceId,
  values: Partial<Record<PullableField, unknown>>,
): Promise<void> {
  const fields = Object.keys(values) as PullableField[];
  await sql.query(
    `insert into pulled_attribute (principal_id, field, source, sealed_value, pulled_at)
     select $1, field, $2, sealed, now() from unnest($3::text[], $4::text[]) as given(field, sealed)
     on conflict (principal_id, field) do update
       set source = excluded.source, sealed_value = excluded.sealed_value, pulled_at = excluded.pulled_at`,
    [principalId, source, fields, fields.map((field) => seal(key, JSON.stringify(values[field])))],
  );
}

export async function readPulled(
  sql: SqlApi,
  key: Buffer,
  principalId: string,
  fields?: PullableField[],
): Promise<PulledAttribute[]> {
  const { rows } = await sql.query<{ field: PullableField; source: SourceId; pulled_at: Date; sealed_value: string }>(
    `select field, source, pulled_at, sealed_value from pulled_attribute
      where principal_id = $1 and ($2::text[] is null or field = any($2::text[])) order by field`,
    [principalId, fields ?? null],
  );
  return rows.map((row) => ({
    field: row.field,
    source: row.source,
    pulledAt: new Date(row.pulled_at).toISOString(),
    value: JSON.parse(unseal(key, row.sealed_value)),
  }));
}
