/**
 * The plugin's own schema (`plugin_notifications`): what must be joined set-based over millions
 * of residents — the inbox, deliveries, preferences, contacts — and official notices. Templates,
 * campaigns and the catalogue are metadata entities; their records are read through the data API.
 * Append-only: add a migration, never edit an applied one.
 */
export const migrations = [
  {
    id: '001-inbox-and-deliveries',
    sql: `
create table campaign_run (
  campaign_id uuid primary key,
  status text not null check (status in ('fanning-out', 'delivering', 'done')),
  recipients integer not null default 0,
  started_at timestamptz not null default now(),
  fanned_out_at timestamptz
);

create table inbox (
  id bigserial primary key,
  recipient uuid not null,
  campaign_id uuid,
  notice_id uuid,
  category text not null,
  -- A workflow's notify message ({ ja, en, … }) and the event that asked for it.
  message jsonb,
  source_event text unique,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
-- Once per resident per campaign: a resumed or repeated fan-out inserts nobody twice.
create unique index inbox_campaign_recipient on inbox (campaign_id, recipient) where campaign_id is not null;
create index inbox_recipient on inbox (recipient, id desc);

create table delivery (
  id bigserial primary key,
  inbox_id bigint not null references inbox (id),
  channel text not null,
  address text not null,
  status text not null default 'created',
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  provider_reference text,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  delivered_at timestamptz,
  read_at timestamptz,
  unique (inbox_id, channel)
);
create index delivery_due on delivery (channel, next_attempt_at) where status in ('created', 'temporary-failure');

create table contact (
  recipient uuid not null,
  channel text not null,
  address text not null,
  language text not null default 'ja',
  primary key (recipient, channel)
);

create table preference (
  recipient uuid not null,
  category text not null,
  channel text not null,
  enabled boolean not null,
  primary key (recipient, category, channel)
);

-- Official notices cannot be switched off; a resident only chooses the channel they also come by.
create table official_channel (
  recipient uuid primary key,
  channel text not null
);

create table quiet_hours (
  recipient uuid primary key,
  starts time not null,
  ends time not null
);

create table rate_window (
  channel text primary key,
  window_start timestamptz not null,
  used integer not null
);
`,
  },
  {
    id: '002-official-notices',
    sql: `
create table notice (
  id uuid primary key,
  recipient uuid not null,
  category text not null,
  title text not null,
  body text not null,
  content_hash text not null,
  issuer text not null,
  idempotency_key text unique,
  channel text not null,
  issued_at timestamptz not null default now(),
  first_opened_at timestamptz,
  escalation text not null default 'none' check (escalation in ('none', 'fallback-sent', 'paper')),
  escalated_at timestamptz,
  paper_done_at timestamptz
);
create index notice_unread on notice (issued_at) where first_opened_at is null and escalation <> 'paper';

-- Issued notices never change: only opening and escalation are recorded.
create function notice_immutable() returns trigger language plpgsql as $$
begin
  if new.id <> old.id or new.recipient <> old.recipient or new.title <> old.title or new.body <> old.body
     or new.content_hash <> old.content_hash or new.issued_at <> old.issued_at or new.category <> old.category then
    raise exception 'an issued notice cannot be changed';
  end if;
  return new;
end $$;
create trigger notice_immutable before update on notice for each row execute function notice_immutable();
create function notice_no_delete() returns trigger language plpgsql as $$
begin
  raise exception 'an issued notice cannot be deleted';
end $$;
create trigger notice_no_delete before delete on notice for each row execute function notice_no_delete();
`,
  },
  {
    id: '003-personalisation',
    sql: `
-- Consent to personalised ranking (#9): absent means off.
create table personalisation_consent (
  recipient uuid primary key,
  given_at timestamptz not null default now()
);

-- What a consenting resident did in "my benefits and events": kept only while consent lasts.
create table behaviour_signal (
  id bigserial primary key,
  recipient uuid not null,
  kind text not null check (kind in ('view', 'search', 'dismiss')),
  item_id uuid,
  item_title text,
  category text,
  query text,
  created_at timestamptz not null default now()
);
create index behaviour_signal_recipient on behaviour_signal (recipient, id desc);
`,
  },
  {
    id: '004-line-account-link',
    sql: `
-- LINE account linking: the nonce handed to LINE for a signed-in resident, until LINE's
-- accountLink webhook event brings it back with the LINE user id.
create table line_link_nonce (
  nonce text primary key,
  recipient uuid not null,
  created_at timestamptz not null default now()
);
create index delivery_provider_reference on delivery (channel, provider_reference) where provider_reference is not null;
`,
  },
  {
    id: '005-inbox-source-event-partial',
    sql: `
-- Only workflow messages carry a source event: campaign and notice entries (a million in one
-- fan-out) stay out of its unique index instead of each adding a null to it.
create unique index inbox_source_event on inbox (source_event) where source_event is not null;
alter table inbox drop constraint inbox_source_event_key;
`,
  },
  {
    id: '006-segment-entries',
    sql: `
-- "When a record enters the segment" campaigns: the baseline taken at publishing, and every
-- record seen inside since, so that the record events and the daily pass notify each entry once.
create table entering_campaign (
  campaign_id uuid primary key,
  baseline_at timestamptz not null default now()
);
create table segment_entry (
  campaign_id uuid not null,
  record_id uuid not null,
  recipient uuid,
  -- Inside already when the campaign was published: written down, never notified.
  baseline boolean not null default false,
  entered_at timestamptz not null default now(),
  primary key (campaign_id, record_id)
);
`,
  },
  {
    id: '007-workflow-message-per-recipient',
    sql: `
-- A workflow message to a role or a department reaches each of its staff once per event: the
-- event is unique per recipient, no longer alone.
drop index inbox_source_event;
create unique index inbox_source_event_recipient on inbox (source_event, recipient) where source_event is not null;
`,
  },
];
