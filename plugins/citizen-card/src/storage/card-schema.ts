/**
 * The city's signing keys (private halves sealed), the resident register the card is issued
 * from, the credentials, and the nonces of presentations the server accepted (a replay is refused). A credential's `status_index` is its
 * position in the status list; one live (unrevoked) credential per resident.
 */
export const CARD_SCHEMA = `
create table signing_key (
  kid text primary key,
  sealed_private_jwk text not null,
  public_jwk jsonb not null,
  created_at timestamptz not null default now()
);

create table resident_record (
  principal_id text primary key,
  name text not null,
  birth_date date not null,
  ward text not null,
  household_id text not null,
  photo_sha256 text,
  status text not null default 'resident' check (status in ('resident', 'moved_out', 'deceased')),
  version integer not null default 1,
  updated_at timestamptz not null default now()
);
create index resident_record_household on resident_record (household_id);

create sequence status_index_seq minvalue 0 start 0;

create table credential (
  id uuid primary key default gen_random_uuid(),
  principal_id text not null,
  status_index integer not null unique default nextval('status_index_seq'),
  kid text not null references signing_key (kid),
  holder_jwk jsonb not null,
  claims jsonb not null,
  sd_jwt text not null,
  issued_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_reason text check (revoked_reason in ('lost', 'superseded', 'movedOut', 'deceased', 'staff'))
);
create unique index credential_one_live on credential (principal_id) where revoked_at is null;

create table presentation_nonce (
  nonce text primary key,
  expires_at timestamptz not null
);
`;
