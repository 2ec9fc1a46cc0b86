/**
 * Shelters (from the city's open data), who checked in and out of which, residents' own
 * evacuation status, and relief distributions with one pickup per household (or person): the
 * unique index on `pickup (distribution_id, beneficiary)` is what holds when two sites scan
 * the same household at the same moment.
 */
export const SHELTER_SCHEMA = `
create table shelter (
  id text primary key,
  ward text not null,
  name text not null,
  address text not null,
  latitude double precision,
  longitude double precision
);

create table shelter_stay (
  id uuid primary key default gen_random_uuid(),
  shelter_id text not null references shelter (id),
  principal_id text not null,
  household_id text not null,
  checked_in_at timestamptz not null default now(),
  checked_out_at timestamptz,
  checked_in_by text not null
);
create unique index shelter_stay_one_open on shelter_stay (principal_id) where checked_out_at is null;
create index shelter_stay_open_by_shelter on shelter_stay (shelter_id) where checked_out_at is null;

create table evacuation_status (
  household_id text primary key,
  status text not null check (status in ('safeAtHome', 'atShelter', 'elsewhere', 'needHelp')),
  shelter_id text references shelter (id),
  set_by text not null,
  set_at timestamptz not null default now()
);

create table distribution (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  items text[] not null,
  per text not null check (per in ('household', 'person')),
  created_by text not null,
  created_at timestamptz not null default now()
);

create table pickup (
  id uuid primary key default gen_random_uuid(),
  distribution_id uuid not null references distribution (id),
  beneficiary text not null,
  principal_id text not null,
  site text not null,
  picked_up_at timestamptz not null default now(),
  recorded_by text not null,
  unique (distribution_id, beneficiary)
);

create table facility_visit (
  id uuid primary key default gen_random_uuid(),
  principal_id text not null,
  profile text not null,
  site text not null,
  visited_at timestamptz not null default now()
);
create index facility_visit_principal on facility_visit (principal_id, visited_at desc);
`;
