import type { PluginStorage } from '@kiban/sdk';

/**
 * The contact centre's own tables (schema `plugin_contact_center`). A conversation has a
 * channel (`chat` today; a phone call or a video counter is another channel with the same
 * participants, messages and handoffs). Messages are numbered per conversation (`seq`) under
 * the conversation's row lock, so their order is the commit order and a client catches up by
 * the last number it saw; `client_id` makes a resent message a no-op. Append-only list: never
 * edit or reorder a released migration.
 */
export const contactCenterStorage: PluginStorage = {
  migrations: [
    {
      id: '001-conversations',
      sql: `
        create table conversation (
          id uuid primary key default gen_random_uuid(),
          channel text not null,
          status text not null,
          tier text not null,
          queue text,
          category text,
          language text not null default 'ja',
          resident text,
          anonymous_token_sha256 text,
          consented_profile jsonb,
          assigned_to text,
          last_seq integer not null default 0,
          created_at timestamptz not null default now(),
          queued_at timestamptz,
          assigned_at timestamptz,
          first_response_at timestamptz,
          closed_at timestamptz,
          sla_breached_at timestamptz,
          crm_case text
        );
        create index conversation_queue on conversation (queue, queued_at) where status = 'queued';
        create index conversation_assigned on conversation (assigned_to) where status = 'assigned';
        create index conversation_resident on conversation (resident, created_at desc);
        create table participant (
          conversation_id uuid not null references conversation (id),
          principal text not null,
          role text not null,
          last_read_seq integer not null default 0,
          joined_at timestamptz not null default now(),
          left_at timestamptz,
          primary key (conversation_id, principal, role)
        );
        create table message (
          conversation_id uuid not null references conversation (id),
          seq integer not null,
          id uuid not null default gen_random_uuid() unique,
          client_id text not null,
          author_kind text not null,
          author_id text,
          author_name text,
          body text not null,
          attachment jsonb,
          created_at timestamptz not null default now(),
          primary key (conversation_id, seq),
          unique (conversation_id, client_id)
        );
        create table handoff (
          id uuid primary key default gen_random_uuid(),
          conversation_id uuid not null references conversation (id),
          from_tier text not null,
          to_tier text not null,
          queue text,
          by_actor text not null,
          note text,
          transcript_seq integer not null,
          at timestamptz not null default now()
        );
        create table operator_note (
          id uuid primary key default gen_random_uuid(),
          conversation_id uuid not null references conversation (id),
          author text not null,
          body text not null,
          at timestamptz not null default now()
        );
        create table queue (
          code text primary key,
          label jsonb not null,
          tier text not null,
          skill text not null,
          department text,
          category text,
          wait_target_seconds integer not null default 120
        );
        create table operator (
          principal text primary key,
          display_name text not null,
          presence text not null default 'away',
          capacity integer not null default 3,
          active integer not null default 0,
          skills text[] not null default '{}',
          idle_since timestamptz not null default now(),
          last_seen_at timestamptz not null default now(),
          check (active >= 0)
        );
        create index operator_available on operator (idle_since) where presence = 'available';
        create table rate_window (
          key text not null,
          window_start timestamptz not null,
          count integer not null,
          primary key (key, window_start)
        );`,
    },
    {
      id: '002-console-productivity',
      sql: `
        create table canned_reply (
          code text not null,
          language text not null,
          queue text,
          title text not null,
          body text not null,
          updated_by text not null,
          updated_at timestamptz not null default now(),
          primary key (code, language)
        );
        create table wrap_up_code (
          code text primary key,
          label jsonb not null,
          active boolean not null default true,
          position integer not null default 0
        );
        insert into wrap_up_code (code, label, position) values
          ('resolved', '{"ja":"解決","en":"Resolved"}', 1),
          ('information', '{"ja":"情報提供","en":"Information given"}', 2),
          ('case-opened', '{"ja":"案件化","en":"Case opened"}', 3),
          ('referred', '{"ja":"他機関を案内","en":"Referred elsewhere"}', 4),
          ('no-reply', '{"ja":"応答なし","en":"No reply"}', 5);
        alter table conversation add column wrap_up text, add column wrap_up_note text, add column wrapped_up_by text;`,
    },
    {
      id: '003-service-hours',
      sql: `
        create table business_calendar (
          id integer primary key check (id = 1),
          weekly jsonb not null,
          public_holidays_closed boolean not null default true
        );
        create table closure_day (day date primary key, reason text);
        create table callback_request (
          id uuid primary key default gen_random_uuid(),
          conversation_id uuid not null references conversation (id),
          queue text,
          resident text,
          phone text,
          preferred_at timestamptz not null,
          note text,
          status text not null default 'open',
          created_at timestamptz not null default now(),
          done_by text,
          done_at timestamptz,
          outcome text
        );
        create index callback_open on callback_request (preferred_at) where status = 'open';
        alter table queue add column overflow_queue text, add column overflow_after_seconds integer;
        alter table conversation add column overflowed_from text;`,
    },
    {
      id: '004-sla-timers',
      sql: `
        alter table queue add column next_response_target_seconds integer, add column resolution_target_seconds integer;
        alter table conversation add column awaiting_reply_since timestamptz,
          add column next_response_breached_at timestamptz,
          add column next_response_breaches integer not null default 0,
          add column resolution_breached_at timestamptz;
        create table alert_setting (
          id integer primary key check (id = 1),
          abandonment_window_minutes integer not null,
          abandonment_min_count integer not null,
          abandonment_min_rate double precision not null
        );
        create table alert_state (kind text primary key, last_alert_at timestamptz not null);`,
    },
    {
      id: '005-message-translations',
      sql: `
        alter table message add column language text;
        create table message_translation (
          message_id uuid not null references message (id),
          language text not null,
          status text not null check (status in ('translated', 'notConfigured', 'failed')),
          body text,
          adapter text not null,
          model text,
          failure text,
          created_at timestamptz not null default now(),
          primary key (message_id, language),
          check ((status = 'translated') = (body is not null))
        );`,
    },
    {
      id: '006-languages-and-queue-hours',
      sql: `
        alter table queue add column languages text[] not null default '{}', add column service_hours jsonb;
        alter table operator add column languages text[] not null default '{ja}';`,
    },
  ],
};
