/**
 * Coupons and tickets. `coupon_definition.issued` is the stock counter (a CHECK keeps it within
 * `total_stock`), `coupon_holding.held` the per-resident counter; both are raised in the
 * statement that checks them, so concurrent claims can never pass either limit. A coupon is
 * redeemed by one conditional UPDATE from `issued`, so it is redeemed at most once.
 */
export const COUPON_SCHEMA = `
create table shop (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('shop', 'facility')),
  name text not null check (length(name) between 1 and 200),
  address text not null check (length(address) between 1 and 300),
  contact_email text not null,
  applicant text not null,
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  decided_by text,
  decided_at timestamptz,
  created_at timestamptz not null default now()
);

create table shop_member (
  shop_id uuid not null references shop (id),
  principal_id text not null,
  primary key (principal_id, shop_id)
);

create table coupon_definition (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('coupon', 'ticket')),
  name_ja text not null,
  name_en text,
  value_yen integer check (value_yen > 0),
  service text,
  valid_from timestamptz not null,
  valid_until timestamptz not null,
  usable_at uuid[] not null default '{}',
  per_resident_limit integer not null check (per_resident_limit > 0),
  total_stock integer not null check (total_stock > 0),
  issued integer not null default 0,
  points_price bigint check (points_price > 0),
  price_yen integer check (price_yen > 0),
  created_by text not null,
  created_at timestamptz not null default now(),
  constraint stock_not_exceeded check (issued <= total_stock),
  constraint valid_period check (valid_until > valid_from),
  constraint value_or_service check ((value_yen is null) <> (service is null))
);

create table coupon_holding (
  definition_id uuid not null references coupon_definition (id),
  resident_id text not null,
  held integer not null check (held > 0),
  primary key (definition_id, resident_id)
);

create table coupon_distribution (
  idempotency_key text primary key,
  definition_id uuid not null references coupon_definition (id),
  issued integer not null,
  created_at timestamptz not null default now()
);

create table coupon (
  id uuid primary key default gen_random_uuid(),
  definition_id uuid not null references coupon_definition (id),
  resident_id text not null,
  status text not null default 'issued' check (status in ('issued', 'redeemed')),
  issued_at timestamptz not null default now(),
  redeemed_at timestamptz,
  redeemed_shop uuid references shop (id),
  redeemed_by text,
  redemption_key text unique
);
create index coupon_owner on coupon (resident_id, status);
create index coupon_redeemed on coupon (redeemed_shop, redeemed_at) where status = 'redeemed';

create table coupon_presentation (
  code text primary key,
  coupon_id uuid not null references coupon (id),
  expires_at timestamptz not null
);
`;
