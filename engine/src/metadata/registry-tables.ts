/**
 * Where metadata lives in the engine's own database. Published versions are immutable
 * rows (a removal is a version with a null body); drafts are one mutable row per item,
 * guarded by a revision number so that two editors cannot silently overwrite each other.
 */
export const REGISTRY_SCHEMA_SQL: string[] = [
  `create table if not exists kiban_metadata_version (
    kind text not null,
    name text not null,
    version integer not null check (version > 0),
    body jsonb,
    publication_id bigint not null,
    primary key (kind, name, version)
  )`,
  `create table if not exists kiban_metadata_draft (
    kind text not null,
    name text not null,
    body jsonb not null,
    revision integer not null default 1,
    updated_at timestamptz not null default now(),
    updated_by uuid,
    primary key (kind, name)
  )`,
  `create table if not exists kiban_publication (
    id bigint generated always as identity primary key,
    published_at timestamptz not null default now(),
    published_by uuid,
    summary jsonb not null,
    migration jsonb not null
  )`,
];
