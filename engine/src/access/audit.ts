import type { Sql } from '../data/sql.ts';
import { jsonbInputLiteral } from '../data/sql-literals.ts';
import type { Principal } from './principal-row.ts';
import { boundedLimit, isoTimestamp, isUuid } from './sql-values.ts';

/** The well-known actions; plugins may record their own names. */
export type AuditAction =
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'login'
  | 'login.failed'
  | 'logout'
  | 'metadata.publish'
  | 'package.refused'
  | (string & {});

/**
 * One thing to remember. `fields` and `detail` name personal data, they never carry its
 * values: the trail must not become a second copy of what it protects.
 */
export interface AuditInput {
  principal: Pick<Principal, 'id' | 'kind'> | null;
  action: AuditAction;
  entity?: string;
  recordIds?: string[];
  fields?: string[];
  detail?: Record<string, unknown>;
}

export interface AuditEntry {
  /** Increasing; the cursor for `listAudit({ before })`. */
  id: string;
  at: string;
  principalId: string | null;
  /** `anonymous` when no principal was signed in. */
  principalKind: string;
  action: string;
  entity: string | null;
  recordIds: string[];
  fields: string[];
  detail: Record<string, unknown>;
}

export interface AuditQuery {
  entity?: string;
  recordId?: string;
  principalId?: string;
  limit?: number;
  /** Only entries older than this entry id: the next page after a previous answer's last id. */
  before?: string;
}

/** Appends an entry and returns its id. Pass the transaction's Sql so that it commits with the change it records. */
export async function recordAudit(sql: Sql, entry: AuditInput): Promise<string> {
  const rows = await sql.query<{ id: string }>(
    `insert into kiban_audit (principal_id, principal_kind, action, entity, record_ids, fields, detail)
     values (?, ?, ?, ?, array[?]::text[], array[?]::text[], ?::jsonb) returning id`,
    [
      entry.principal?.id ?? null,
      entry.principal?.kind ?? 'anonymous',
      entry.action,
      entry.entity ?? null,
      entry.recordIds ?? [],
      entry.fields ?? [],
      JSON.stringify(entry.detail ?? {}),
    ],
  );
  return String((rows[0] as { id: string | number }).id);
}

/**
 * The insert of audit entries, their values inlined as one JSON recordset (no bind parameters,
 * so a write's other appends and statements can carry it, see `withAppends`); their ids
 * increase in the order given, e.g. a parent record's and its line items'.
 */
export function insertAuditsStatement(entries: readonly AuditInput[]): string {
  const rows = entries.map((entry) => ({
    principal_id: entry.principal?.id ?? null,
    principal_kind: entry.principal?.kind ?? 'anonymous',
    action: entry.action,
    entity: entry.entity ?? null,
    record_ids: entry.recordIds ?? [],
    fields: entry.fields ?? [],
    detail: entry.detail ?? {},
  }));
  return `insert into kiban_audit (principal_id, principal_kind, action, entity, record_ids, fields, detail)
     select e.principal_id, e.principal_kind, e.action, e.entity,
            array(select jsonb_array_elements_text(e.record_ids)), array(select jsonb_array_elements_text(e.fields)), e.detail
       from jsonb_to_recordset(${jsonbInputLiteral(rows)}) as e(principal_id uuid, principal_kind text, action text,
            entity text, record_ids jsonb, fields jsonb, detail jsonb)`;
}

/** Appends several entries in one statement, in the order given. */
export async function recordAudits(sql: Sql, entries: readonly AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  await sql.run(insertAuditsStatement(entries));
}

/** Newest first; every filter given must hold. */
export async function listAudit(sql: Sql, query: AuditQuery = {}): Promise<AuditEntry[]> {
  if (query.principalId !== undefined && !isUuid(query.principalId)) return [];
  if (query.before !== undefined && !/^\d{1,18}$/.test(query.before)) return [];
  const rows = await sql.query<Omit<AuditEntry, 'id'> & { id: string | number }>(
    `select id, ${isoTimestamp('at')} as at, principal_id as "principalId", principal_kind as "principalKind",
       action, entity, record_ids as "recordIds", fields, detail
     from kiban_audit
     where (?::text is null or entity = ?)
       and (?::text is null or record_ids @> array[?]::text[])
       and (?::uuid is null or principal_id = ?)
       and (?::bigint is null or id < ?)
     order by id desc
     limit ?`,
    [
      ...twice(query.entity ?? null),
      ...twice(query.recordId ?? null),
      ...twice(query.principalId ?? null),
      ...twice(query.before ?? null),
      boundedLimit(query.limit),
    ],
  );
  return rows.map((row) => ({ ...row, id: String(row.id) }));
}

function twice<T>(value: T): [T, T] {
  return [value, value];
}
