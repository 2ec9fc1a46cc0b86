import pg from 'pg';
import type { PullableField } from './fields.ts';
import { type AttributeSource, type ResidentKey, sourceUnavailable } from './source.ts';

/** Where the city's replica database is and which schema holds the view `resident_attributes`. */
export interface ReplicaConnection {
  /** A PostgreSQL connection string (a secret setting: it carries the password). */
  url: string;
  /** The schema of the view, e.g. `kiban_replica`. */
  schema: string;
}

interface ReplicaRow {
  name: string | null;
  name_kana: string | null;
  address: string | null;
  postal_code: string | null;
  birthdate: string | null;
  gender: string | null;
  household: unknown;
  tax_fiscal_year: number | null;
  tax_status: string | null;
}

/**
 * The city's replica of the resident register and tax records, read through one view the city
 * provides, `<schema>.resident_attributes` (columns in `ReplicaRow`, plus the keys `pseudonym`,
 * `public_auth_issuer`, `public_auth_subject`). One short read-only session per pull; a replica
 * that cannot be reached within five seconds is `sourceUnavailable`.
 */
export function replicaSource(connection: ReplicaConnection): AttributeSource {
  return {
    id: 'replica',
    async fetch(key: ResidentKey, fields: PullableField[]) {
      const client = new pg.Client({
        connectionString: connection.url,
        connectionTimeoutMillis: 5000,
        statement_timeout: 5000,
        options: '-c default_transaction_read_only=on',
      });
      // An error after the connection (the server going away) must not be an unhandled event.
      client.on('error', () => {});
      try {
        await client.connect();
        const { rows } = await client.query<ReplicaRow>(
          `select name, name_kana, address, postal_code, to_char(birthdate, 'YYYY-MM-DD') as birthdate, gender,
                  household, tax_fiscal_year, tax_status
             from ${quoteIdentifier(connection.schema)}.resident_attributes
            where ($1::text is not null and pseudonym = $1)
               or ($2::text is not null and public_auth_issuer = $2 and public_auth_subject = $3)
            limit 2`,
          [key.pseudonym ?? null, key.publicAuthentication?.issuer ?? null, key.publicAuthentication?.subject ?? null],
        );
        // Two rows for one person would be a replica fault: better nothing than someone else's data.
        if (rows.length !== 1) return null;
        return pick(rows[0], fields);
      } catch (error) {
        throw sourceUnavailable('replica', (error as { code?: string }).code ?? 'connection failed');
      } finally {
        await client.end().catch(() => {});
      }
    },
  };
}

function pick(row: ReplicaRow, fields: PullableField[]): Record<string, unknown> {
  const values: Record<PullableField, unknown> = {
    name: row.name === null ? undefined : { name: row.name, kana: row.name_kana ?? '' },
    address:
      row.address === null
        ? undefined
        : { formatted: row.address, ...(row.postal_code ? { postalCode: row.postal_code } : {}) },
    birthdate: row.birthdate ?? undefined,
    gender: row.gender ?? undefined,
    household: row.household ?? undefined,
    taxStatus: row.tax_status === null ? undefined : { fiscalYear: row.tax_fiscal_year, status: row.tax_status },
  };
  return Object.fromEntries(
    fields.filter((field) => values[field] !== undefined).map((field) => [field, values[field]]),
  );
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
