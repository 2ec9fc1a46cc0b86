import { PROFILE_SCHEMA_SQL } from './profiles.ts';
import { SIGN_IN_SCHEMA_SQL } from './sign-in.ts';

/**
 * The access tables the engine creates at start-up. Every statement is idempotent so that
 * running the list again on an existing database changes nothing.
 */
export const ACCESS_SCHEMA_SQL: string[] = [
  // Usernames are stored lower-cased (the check enforces it) so that the plain unique
  // constraint is a case-insensitive one.
  `create table if not exists kiban_principal (
    id uuid primary key default gen_random_uuid(),
    kind text not null check (kind in ('staff', 'resident', 'system')),
    username text not null unique check (username = lower(username) and username <> ''),
    display_name text,
    password_hash text,
    roles text[] not null default '{}',
    disabled boolean not null default false,
    created_at timestamptz not null default now()
  )`,
  // Staff belong to a department; workflow tasks can be assigned to one.
  'alter table kiban_principal add column if not exists department text',
  // Staff attributes that row policies read as "$principal.<name>" (e.g. the ward an office serves).
  `alter table kiban_principal add column if not exists attributes jsonb not null default '{}'`,
  PROFILE_SCHEMA_SQL,
  // Only the sha256 digest of a session token is kept: a leaked table cannot be replayed.
  `create table if not exists kiban_session (
    token_digest text primary key,
    principal_id uuid not null references kiban_principal (id) on delete cascade,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz
  )`,
  'create index if not exists kiban_session_principal on kiban_session (principal_id)',
  ...SIGN_IN_SCHEMA_SQL,
  `create table if not exists kiban_api_token (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    token_digest text not null unique,
    principal_id uuid not null references kiban_principal (id) on delete cascade,
    created_at timestamptz not null default now(),
    expires_at timestamptz,
    revoked_at timestamptz,
    last_used_at timestamptz
  )`,
  'create index if not exists kiban_api_token_principal on kiban_api_token (principal_id)',
  // Sign-in and sign-up throttling lives in the database, not in memory, so that every engine
  // process sharing it counts the same attempts. Keys are `<rule>:<account or address>`.
  `create table if not exists kiban_auth_throttle (
    key text primary key,
    attempts integer not null,
    window_started_at timestamptz not null,
    locked_until timestamptz
  )`,
  'create index if not exists kiban_auth_throttle_window on kiban_auth_throttle (window_started_at)',
  // No foreign key to kiban_principal: the trail must outlive the principals it mentions.
  `create table if not exists kiban_audit (
    id bigint generated always as identity primary key,
    at timestamptz not null default now(),
    principal_id uuid,
    principal_kind text not null,
    action text not null,
    entity text,
    record_ids text[] not null default '{}',
    fields text[] not null default '{}',
    detail jsonb not null default '{}'
  )`,
  // Append-only is enforced by the database itself, so no code path of the engine (or a
  // plugin holding the same connection) can rewrite or erase the trail. Where the audit table
  // belongs to another role than the engine's (see "Database role" in DEVELOPERS.md), the
  // engine cannot touch its indexes or triggers, and leaves them as the owner made them.
  `do $audit$
  begin
    if not pg_has_role(current_user, (select relowner from pg_class where oid = 'kiban_audit'::regclass), 'USAGE') then
      return;
    end if;
    create index if not exists kiban_audit_entity on kiban_audit (entity, id);
    create index if not exists kiban_audit_principal on kiban_audit (principal_id, id);
    create index if not exists kiban_audit_record_ids on kiban_audit using gin (record_ids);
    create or replace function kiban_audit_refuse_change() returns trigger language plpgsql as $refuse$
    begin
      raise exception 'kiban_audit is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
    end
    $refuse$;
    create or replace trigger kiban_audit_no_update_delete
      before update or delete on kiban_audit
      for each row execute function kiban_audit_refuse_change();
    create or replace trigger kiban_audit_no_truncate
      before truncate on kiban_audit
      for each statement execute function kiban_audit_refuse_change();
  end
  $audit$`,
];
