import type { PluginMigration } from '@kiban/sdk';

/**
 * The plugin's own tables. `oidc_artifact` holds what the OpenID Provider keeps between requests
 * (codes, tokens, sessions, grants, interactions); `relying_party` the services an administrator
 * registered; `signing_key` the token signing keys, sealed; `consent` each resident's decision
 * per service and attribute; `upstream_flow` and `upstream_link` the sign-ins through upstream
 * providers; `protection`, `family_invitation` and `family_link` the family links (scopes and
 * shared profile fields);
 * `migrated_account` the accounts imported from the former online-application system;
 * `password_credential`, `totp_credential`, `recovery_code`, `passkey_credential` and
 * `webauthn_challenge` the sign-in methods the plugin verifies itself; `sign_in_guard` the
 * failures counted per method and subject (and per client address) for lockout with back-off;
 * `resident_pseudonym` and `pulled_attribute` the attributes pulled from the city's sources
 * (#6); `account_verification` the one-time links that finish imported accounts.
 */
export const migrations: PluginMigration[] = [
  {
    id: '001-openid-provider',
    sql: `
      create table oidc_artifact (
        model text not null,
        id text not null,
        payload jsonb not null,
        grant_id text,
        uid text,
        user_code text,
        expires_at timestamptz,
        consumed_at timestamptz,
        primary key (model, id)
      );
      create index oidc_artifact_grant on oidc_artifact (grant_id) where grant_id is not null;
      create index oidc_artifact_uid on oidc_artifact (model, uid) where uid is not null;
      create index oidc_artifact_expiry on oidc_artifact (expires_at) where expires_at is not null;

      create table relying_party (
        client_id text primary key,
        metadata jsonb not null,
        registered_by text not null,
        registered_at timestamptz not null default now(),
        disabled_at timestamptz
      );

      create table signing_key (
        kid text primary key,
        sealed_jwk text not null,
        created_at timestamptz not null default clock_timestamp(),
        retired_at timestamptz
      );

      create table consent (
        principal_id text not null,
        client_id text not null,
        granted text[] not null,
        refused text[] not null,
        grant_id text,
        decided_at timestamptz not null default now(),
        revoked_at timestamptz,
        primary key (principal_id, client_id)
      );
    `,
  },
  {
    id: '002-upstream-sign-in',
    sql: `
      create table upstream_flow (
        state text primary key,
        upstream_id text not null,
        code_verifier text not null,
        nonce text not null,
        return_to text not null,
        expires_at timestamptz not null
      );

      create table upstream_link (
        upstream_id text not null,
        subject text not null,
        principal_id text not null,
        linked_at timestamptz not null default now(),
        primary key (upstream_id, subject)
      );
      create index upstream_link_principal on upstream_link (principal_id);
    `,
  },
  {
    id: '003-family-links',
    sql: `
      create table protection (
        principal_id text primary key,
        set_by text not null,
        set_at timestamptz not null default now()
      );

      create table family_invitation (
        id uuid primary key default gen_random_uuid(),
        inviter_id text not null,
        invitee_id text,
        scopes text[] not null,
        status text not null default 'pending' check (status in ('pending', 'accepted', 'declined', 'cancelled')),
        created_at timestamptz not null default now()
      );
      create index family_invitation_invitee on family_invitation (invitee_id) where status = 'pending';
      create index family_invitation_inviter on family_invitation (inviter_id);

      create table family_link (
        id uuid primary key default gen_random_uuid(),
        inviter_id text not null,
        invitee_id text not null,
        scopes text[] not null,
        created_at timestamptz not null default now(),
        revoked_at timestamptz,
        revoked_by text
      );
      create index family_link_inviter on family_link (inviter_id) where revoked_at is null;
      create index family_link_invitee on family_link (invitee_id) where revoked_at is null;
    `,
  },
  {
    id: '004-account-migration',
    sql: `
      create table migrated_account (
        legacy_id text primary key,
        principal_id text not null,
        email text,
        kana text,
        verified boolean not null,
        digest text not null,
        imported_at timestamptz not null default now()
      );
    `,
  },
  {
    id: '005-sign-in-methods',
    sql: `
      create table password_credential (
        principal_id text primary key,
        password_hash text not null,
        set_at timestamptz not null default now()
      );

      create table totp_credential (
        principal_id text primary key,
        sealed_secret text not null,
        confirmed_at timestamptz,
        last_time_step bigint
      );

      create table recovery_code (
        principal_id text not null,
        code_digest text not null,
        used_at timestamptz,
        primary key (principal_id, code_digest)
      );

      create table passkey_credential (
        credential_id text primary key,
        principal_id text not null,
        public_key text not null,
        counter bigint not null,
        transports text[] not null default '{}',
        label text not null,
        created_at timestamptz not null default now(),
        last_used_at timestamptz
      );
      create index passkey_credential_principal on passkey_credential (principal_id);

      create table webauthn_challenge (
        id text primary key,
        principal_id text,
        purpose text not null check (purpose in ('register', 'authenticate')),
        challenge text not null,
        expires_at timestamptz not null
      );

      create table sign_in_guard (
        method text not null,
        subject text not null,
        principal_id text,
        failures integer not null,
        locked_until timestamptz,
        last_failure_at timestamptz not null default now(),
        primary key (method, subject)
      );
      create index sign_in_guard_principal on sign_in_guard (principal_id) where principal_id is not null;

      alter table upstream_flow add column link_principal_id text;
    `,
  },
  {
    // The profile fields a link with the `profile` scope shares, each side's with the other.
    id: '006-family-profile-fields',
    sql: `
      alter table family_invitation add column profile_fields text[] not null default '{}';
      alter table family_link add column profile_fields text[] not null default '{}';
    `,
  },
  {
    id: '007-pulled-attributes-and-account-finish',
    sql: `
      create table resident_pseudonym (
        principal_id text primary key,
        pseudonym text not null unique,
        set_by text not null,
        set_at timestamptz not null default now()
      );

      create table pulled_attribute (
        principal_id text not null,
        field text not null,
        source text not null check (source in ('replica', 'mynaportal')),
        sealed_value text not null,
        pulled_at timestamptz not null,
        primary key (principal_id, field)
      );

      alter table migrated_account add column email_verified_at timestamptz;

      create table account_verification (
        token_digest text primary key,
        legacy_id text not null references migrated_account (legacy_id),
        expires_at timestamptz not null,
        used_at timestamptz,
        created_at timestamptz not null default now()
      );
      create index account_verification_account on account_verification (legacy_id);
    `,
  },
];
