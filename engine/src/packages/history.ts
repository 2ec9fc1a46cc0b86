import type { Sql } from '../data/index.ts';
import type { MetadataItem, PackageManifest } from '../metadata/index.ts';
import type { PackageHistoryEntry } from './types.ts';

/**
 * One row per import or rollback of a package, never updated. Each row keeps the item set
 * installed after it and the one before it, so a rollback can restore the earlier set and
 * know which items the undone import added. A rollback row names the import it undid:
 * rollbacks unwind imports newest first, like a stack.
 */
export const PACKAGE_SCHEMA_SQL: string[] = [
  `create table if not exists kiban_package_history (
    id bigint generated always as identity primary key,
    package text not null,
    kind text not null check (kind in ('import', 'rollback')),
    version text,
    manifest jsonb,
    items jsonb not null,
    previous_version text,
    previous_manifest jsonb,
    previous_items jsonb not null,
    undoes bigint references kiban_package_history (id),
    publication_id bigint,
    applied_at timestamptz not null default now(),
    applied_by uuid
  )`,
  'create index if not exists kiban_package_history_package on kiban_package_history (package, id)',
];

/** A history row with its item sets, as the planner and rollback need it. */
export interface HistoryRecord {
  id: number;
  package: string;
  kind: 'import' | 'rollback';
  /** Installed after this row; null when a rollback removed the package. */
  version: string | null;
  manifest: PackageManifest | null;
  items: MetadataItem[];
  previousVersion: string | null;
  previousManifest: PackageManifest | null;
  previousItems: MetadataItem[];
  undoes: number | null;
  publicationId: number | null;
  appliedAt: string;
  appliedBy: string | null;
}

export type NewHistoryRecord = Omit<HistoryRecord, 'id' | 'appliedAt'>;

interface HistoryRow {
  id: string;
  package: string;
  kind: 'import' | 'rollback';
  version: string | null;
  manifest: PackageManifest | null;
  items: MetadataItem[];
  previous_version: string | null;
  previous_manifest: PackageManifest | null;
  previous_items: MetadataItem[];
  undoes: string | null;
  publication_id: string | null;
  applied_at: Date;
  applied_by: string | null;
}

/** The newest row of a package: what is installed now. */
export async function latestRecord(sql: Sql, name: string): Promise<HistoryRecord | null> {
  const [row] = await sql.query<HistoryRow>(
    'select * from kiban_package_history where package = ? order by id desc limit 1',
    [name],
  );
  return row ? toRecord(row) : null;
}

/** The newest import that no rollback has undone yet: what the next rollback undoes. */
export async function latestUndoableImport(sql: Sql, name: string): Promise<HistoryRecord | null> {
  const [row] = await sql.query<HistoryRow>(
    `select * from kiban_package_history h
      where h.package = ? and h.kind = 'import'
        and not exists (select 1 from kiban_package_history r where r.undoes = h.id)
      order by h.id desc limit 1`,
    [name],
  );
  return row ? toRecord(row) : null;
}

/** Package name → installed version, for the `requires.packages` of a manifest. */
export async function installedPackageVersions(sql: Sql): Promise<Map<string, string>> {
  const rows = await sql.query<{ package: string; version: string | null }>(
    'select distinct on (package) package, version from kiban_package_history order by package, id desc',
  );
  return new Map(rows.flatMap((row) => (row.version === null ? [] : [[row.package, row.version] as const])));
}

export async function appendHistory(sql: Sql, record: NewHistoryRecord): Promise<number> {
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  const [row] = await sql.query<{ id: string }>(
    `insert into kiban_package_history
       (package, kind, version, manifest, items, previous_version, previous_manifest, previous_items,
        undoes, publication_id, applied_by)
     values (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?, ?, ?) returning id`,
    [
      record.package,
      record.kind,
      record.version,
      json(record.manifest),
      json(record.items),
      record.previousVersion,
      json(record.previousManifest),
      json(record.previousItems),
      record.undoes,
      record.publicationId,
      record.appliedBy,
    ],
  );
  return Number(row.id);
}

/** Newest first, every package or one; item bodies are left out. */
export async function listHistory(sql: Sql, name?: string): Promise<PackageHistoryEntry[]> {
  const rows = await sql.query<HistoryRow>(
    'select * from kiban_package_history where (?::text is null or package = ?) order by id desc',
    [name ?? null, name ?? null],
  );
  return rows.map((row) => {
    const { manifest, previousManifest, previousItems, items, ...entry } = toRecord(row);
    return { ...entry, items: items.map((item) => ({ kind: item.kind, name: item.name })) };
  });
}

function toRecord(row: HistoryRow): HistoryRecord {
  return {
    id: Number(row.id),
    package: row.package,
    kind: row.kind,
    version: row.version,
    manifest: row.manifest,
    items: row.items,
    previousVersion: row.previous_version,
    previousManifest: row.previous_manifest,
    previousItems: row.previous_items,
    undoes: row.undoes === null ? null : Number(row.undoes),
    publicationId: row.publication_id === null ? null : Number(row.publication_id),
    appliedAt: new Date(row.applied_at).toISOString(),
    appliedBy: row.applied_by,
  };
}
