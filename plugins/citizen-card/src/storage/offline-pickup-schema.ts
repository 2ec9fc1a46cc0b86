/**
 * Pickups a site recorded while offline and synced later: each carries the site's own id for
 * it (a re-sent batch changes nothing) and when it was scanned. One that finds the household
 * already served, or no longer verifies, becomes a conflict for staff to settle, never a
 * second pickup.
 */
export const OFFLINE_PICKUP_SCHEMA = `
alter table pickup add column client_id text;
alter table pickup add column scanned_at timestamptz;
create unique index pickup_client on pickup (site, client_id) where client_id is not null;

create table pickup_conflict (
  id uuid primary key default gen_random_uuid(),
  site text not null,
  client_id text not null,
  distribution_id uuid not null references distribution (id),
  beneficiary text,
  principal_id text,
  scanned_at timestamptz not null,
  reason text not null check (reason in ('alreadyPickedUp', 'refused')),
  refusal text,
  first_pickup_id uuid references pickup (id),
  recorded_by text not null,
  synced_at timestamptz not null default now(),
  settled_at timestamptz,
  settled_by text,
  settlement text check (settlement in ('duplicateRecovered', 'extraApproved', 'noAction')),
  unique (site, client_id)
);
create index pickup_conflict_open on pickup_conflict (distribution_id, synced_at) where settled_at is null;
`;
