import type { PluginStorage } from '@kiban/sdk';

/**
 * The CRM's own tables (schema `plugin_crm`): the resident timeline, the duplicate-match keys,
 * the merge log, the webhook deliveries (queue, log and dead-letter list in one) and the staff's saved case filters. Append-only list: never edit or reorder a released migration.
 */
export const crmStorage: PluginStorage = {
  migrations: [
    {
      id: '001-timeline',
      sql: `
        create table timeline_entry (
          id uuid primary key default gen_random_uuid(),
          resident text not null,
          at timestamptz not null,
          kind text not null,
          source text not null,
          entity text,
          record_id text,
          title text not null,
          state text
        );
        create index timeline_entry_resident_at on timeline_entry (resident, at desc);
        create unique index timeline_entry_record on timeline_entry (entity, record_id) where kind = 'record';`,
    },
    {
      id: '002-residents',
      sql: `
        create table resident_match_key (
          principal text primary key,
          match_key text not null
        );
        create index resident_match_key_key on resident_match_key (match_key);
        create table resident_merge (
          id uuid primary key default gen_random_uuid(),
          kept text not null,
          merged text not null,
          moved jsonb not null,
          merged_by text not null,
          merged_at timestamptz not null default now(),
          undone_at timestamptz
        );`,
    },
    {
      id: '003-webhook-deliveries',
      sql: `
        create table webhook_delivery (
          id uuid primary key default gen_random_uuid(),
          seq bigserial not null,
          system_id text not null,
          event_id text not null,
          event_type text not null,
          order_key text not null,
          status text not null default 'pending',
          attempts integer not null default 0,
          next_attempt_at timestamptz,
          last_status integer,
          last_error text,
          delivered_at timestamptz,
          payload jsonb not null,
          created_at timestamptz not null default now(),
          unique (system_id, event_id)
        );
        create index webhook_delivery_pending on webhook_delivery (system_id, seq) where status = 'pending';
        create index webhook_delivery_log on webhook_delivery (system_id, created_at desc);`,
    },
    {
      id: '004-dispatch-wake',
      sql: `
        create table dispatch_wake (
          system_id text primary key,
          at timestamptz not null default now()
        );`,
    },
    {
      id: '005-resident-phone',
      sql: `
        create table resident_phone (
          principal text primary key,
          digits text not null
        );
        create index resident_phone_digits on resident_phone (digits);`,
    },
    {
      id: '006-saved-filters',
      sql: `
        create table saved_filter (
          id uuid primary key default gen_random_uuid(),
          owner_id text not null,
          name text not null,
          query text not null,
          shared_department text,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        );
        create unique index saved_filter_owner_name on saved_filter (owner_id, name);
        create index saved_filter_shared on saved_filter (shared_department) where shared_department is not null;`,
    },
  ],
};
