import type { Sql } from '../data/index.ts';

/**
 * One row per stored file. `pending` rows belong to an upload in progress (bytes being put
 * into the store); `stored` ones to a record's field; `deleted` ones wait for the sweeper to
 * remove their bytes. The signing key of short-lived download URLs is shared by every engine
 * node through the database.
 */
export async function ensureFileTables(sql: Sql): Promise<void> {
  await sql.run(`create table if not exists kiban_file (
    id uuid primary key,
    entity text not null,
    record_id uuid not null,
    field text not null,
    name text not null,
    content_type text not null,
    size bigint not null,
    sha256 text not null,
    status text not null default 'pending' check (status in ('pending', 'stored', 'deleted')),
    created_by uuid,
    created_at timestamptz(3) not null default clock_timestamp(),
    changed_at timestamptz(3) not null default clock_timestamp()
  )`);
  await sql.run('create index if not exists kiban_file_record on kiban_file (entity, record_id)');
  await sql.run(
    "create index if not exists kiban_file_sweep on kiban_file (status, changed_at) where status <> 'stored'",
  );
  await sql.run(`create table if not exists kiban_file_signing_key (
    id integer primary key check (id = 1),
    secret text not null
  )`);
}
