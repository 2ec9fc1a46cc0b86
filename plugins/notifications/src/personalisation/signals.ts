import type { SqlApi } from '@kiban/sdk';

export type SignalKind = 'view' | 'search' | 'dismiss';

export interface Signal {
  id: string;
  kind: SignalKind;
  itemId: string | null;
  itemTitle: string | null;
  category: string | null;
  query: string | null;
  createdAt: string;
}

/** The signals ranking looks at: the latest, at most this many. */
const RECENT = 500;

export async function hasConsent(sql: SqlApi, resident: string): Promise<boolean> {
  const { rows } = await sql.query('select 1 from personalisation_consent where recipient = $1', [resident]);
  return rows.length > 0;
}

/** Withdrawing consent erases what was recorded under it. */
export async function setConsent(sql: SqlApi, resident: string, enabled: boolean): Promise<void> {
  if (enabled) {
    await sql.query('insert into personalisation_consent (recipient) values ($1) on conflict do nothing', [resident]);
    return;
  }
  await sql.query('delete from personalisation_consent where recipient = $1', [resident]);
  await sql.query('delete from behaviour_signal where recipient = $1', [resident]);
}

/** Records a signal only while the resident consents; tells whether it did. */
export async function recordSignal(
  sql: SqlApi,
  resident: string,
  signal: Pick<Signal, 'kind' | 'itemId' | 'itemTitle' | 'category' | 'query'>,
): Promise<boolean> {
  const { rowCount } = await sql.query(
    `insert into behaviour_signal (recipient, kind, item_id, item_title, category, query)
     select $1, $2, $3, $4, $5, $6 where exists (select 1 from personalisation_consent where recipient = $1)`,
    [resident, signal.kind, signal.itemId, signal.itemTitle, signal.category, signal.query],
  );
  return rowCount > 0;
}

export async function signalsOf(sql: SqlApi, resident: string): Promise<Signal[]> {
  const { rows } = await sql.query<Signal>(
    `select id::text as id, kind, item_id::text as "itemId", item_title as "itemTitle", category, query,
            to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"
       from behaviour_signal where recipient = $1 order by id desc limit ${RECENT}`,
    [resident],
  );
  return rows;
}

/** Deletes one of the resident's signals, or all of them when `id` is absent; the number deleted. */
export async function deleteSignals(sql: SqlApi, resident: string, id?: string): Promise<number> {
  const { rowCount } = id
    ? await sql.query('delete from behaviour_signal where recipient = $1 and id = $2::bigint', [resident, id])
    : await sql.query('delete from behaviour_signal where recipient = $1', [resident]);
  return rowCount;
}
