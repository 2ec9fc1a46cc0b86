import type { Sql } from '../data/sql.ts';
import type { MetadataItem, MetadataKind } from './types.ts';

export interface ItemKey {
  kind: MetadataKind;
  name: string;
}

export interface PublishedItem {
  item: MetadataItem;
  version: number;
  publicationId: number;
}

export interface VersionRecord {
  version: number;
  body: MetadataItem | null;
  publicationId: number;
  publishedAt: string;
  publishedBy: string | null;
}

export interface DraftRecord {
  item: MetadataItem;
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
}

/** The newest published version of every item that has not been removed. */
export async function loadPublished(sql: Sql): Promise<PublishedItem[]> {
  const rows = await sql.query<{ body: MetadataItem | null; version: number; publication_id: string }>(
    `select distinct on (kind, name) kind, name, body, version, publication_id
       from kiban_metadata_version order by kind, name, version desc`,
  );
  return rows
    .filter((row) => row.body !== null)
    .map((row) => ({
      item: row.body as MetadataItem,
      version: row.version,
      publicationId: Number(row.publication_id),
    }));
}

export async function listVersions(sql: Sql, key: ItemKey): Promise<VersionRecord[]> {
  const rows = await sql.query<{
    version: number;
    body: MetadataItem | null;
    publication_id: string;
    published_at: Date;
    published_by: string | null;
  }>(
    `select v.version, v.body, v.publication_id, p.published_at, p.published_by
       from kiban_metadata_version v join kiban_publication p on p.id = v.publication_id
      where v.kind = ? and v.name = ? order by v.version desc`,
    [key.kind, key.name],
  );
  return rows.map((row) => ({
    version: row.version,
    body: row.body,
    publicationId: Number(row.publication_id),
    publishedAt: new Date(row.published_at).toISOString(),
    publishedBy: row.published_by,
  }));
}

/**
 * Records one publication: a new version for every upserted or removed item, all under
 * one publication id. Runs inside the caller's transaction.
 */
export async function writePublication(
  sql: Sql,
  publication: {
    upserts: MetadataItem[];
    removals: ItemKey[];
    publishedBy: string | null;
    summary: object;
    migration: object;
  },
): Promise<number> {
  const [row] = await sql.query<{ id: string }>(
    'insert into kiban_publication (published_by, summary, migration) values (?, ?::jsonb, ?::jsonb) returning id',
    [publication.publishedBy, JSON.stringify(publication.summary), JSON.stringify(publication.migration)],
  );
  const publicationId = Number(row.id);
  const bodies: [ItemKey, MetadataItem | null][] = [
    ...publication.upserts.map((item): [ItemKey, MetadataItem] => [item, item]),
    ...publication.removals.map((key): [ItemKey, null] => [key, null]),
  ];
  for (const [key, body] of bodies) {
    await sql.run(
      `insert into kiban_metadata_version (kind, name, version, body, publication_id)
       select ?, ?, coalesce(max(version), 0) + 1, ?::jsonb, ?
         from kiban_metadata_version where kind = ? and name = ?`,
      [key.kind, key.name, body === null ? null : JSON.stringify(body), publicationId, key.kind, key.name],
    );
  }
  return publicationId;
}

export async function listDrafts(sql: Sql): Promise<DraftRecord[]> {
  const rows = await sql.query<DraftRow>(
    'select body, revision, updated_at, updated_by from kiban_metadata_draft order by kind, name',
  );
  return rows.map(toDraft);
}

export async function getDraft(sql: Sql, key: ItemKey): Promise<DraftRecord | null> {
  const [row] = await sql.query<DraftRow>(
    'select body, revision, updated_at, updated_by from kiban_metadata_draft where kind = ? and name = ?',
    [key.kind, key.name],
  );
  return row ? toDraft(row) : null;
}

/**
 * Saves a draft. `expectedRevision` is the revision the editor started from (0 for a new
 * draft); when someone else saved in between, nothing is written and null is returned.
 */
export async function saveDraft(
  sql: Sql,
  item: MetadataItem,
  options: { expectedRevision: number; updatedBy: string | null },
): Promise<DraftRecord | null> {
  const body = JSON.stringify(item);
  const rows =
    options.expectedRevision === 0
      ? await sql.query<DraftRow>(
          `insert into kiban_metadata_draft (kind, name, body, updated_by) values (?, ?, ?::jsonb, ?)
           on conflict (kind, name) do nothing
           returning body, revision, updated_at, updated_by`,
          [item.kind, item.name, body, options.updatedBy],
        )
      : await sql.query<DraftRow>(
          `update kiban_metadata_draft set body = ?::jsonb, revision = revision + 1, updated_at = now(), updated_by = ?
            where kind = ? and name = ? and revision = ?
           returning body, revision, updated_at, updated_by`,
          [body, options.updatedBy, item.kind, item.name, options.expectedRevision],
        );
  return rows[0] ? toDraft(rows[0]) : null;
}

/**
 * Drops the drafts whose content is now published. A draft that differs (someone kept
 * editing, or the item was published from elsewhere) stays, so no editor loses work.
 */
export async function deletePublishedDrafts(sql: Sql, published: MetadataItem[]): Promise<void> {
  for (const item of published) {
    await sql.run('delete from kiban_metadata_draft where kind = ? and name = ? and body = ?::jsonb', [
      item.kind,
      item.name,
      JSON.stringify(item),
    ]);
  }
}

interface DraftRow {
  body: MetadataItem;
  revision: number;
  updated_at: Date;
  updated_by: string | null;
}

function toDraft(row: DraftRow): DraftRecord {
  return {
    item: row.body,
    revision: row.revision,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  };
}
