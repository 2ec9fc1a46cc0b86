/**
 * Campaigns, their earning rules and what residents earned. A campaign's budget lives in the
 * ledger (its `campaign:<id>` account); `earning_count` is the per-resident counter of a rule,
 * raised only below its limit in the statement that checks it.
 */
export const CAMPAIGN_SCHEMA = `
create table campaign (
  id uuid primary key default gen_random_uuid(),
  name_ja text not null check (length(name_ja) between 1 and 100),
  name_en text,
  budget bigint not null check (budget > 0),
  points_valid_days integer not null check (points_valid_days between 1 and 3650),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  constraint campaign_period check (ends_at > starts_at)
);

create table earning_rule (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references campaign (id),
  name_ja text not null,
  event text not null,
  entity text,
  condition jsonb,
  points bigint not null check (points > 0),
  per_resident_limit integer check (per_resident_limit > 0),
  active boolean not null default true,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index earning_rule_event on earning_rule (event) where active;

create table earning_count (
  rule_id uuid not null references earning_rule (id),
  resident_id text not null,
  earned integer not null check (earned > 0),
  primary key (rule_id, resident_id)
);

create table adjustment (
  id uuid primary key default gen_random_uuid(),
  resident_id text not null,
  points bigint not null check (points <> 0),
  reason text not null check (length(reason) between 5 and 500),
  requested_by text not null,
  requested_at timestamptz not null default now(),
  status text not null default 'requested' check (status in ('requested', 'approved', 'rejected')),
  decided_by text,
  decided_at timestamptz,
  transfer_key text unique,
  constraint second_person check (decided_by is null or decided_by <> requested_by)
);
`;
