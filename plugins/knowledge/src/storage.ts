import type { PluginStorage } from '@kiban/sdk';

/**
 * The shared part of the search index: each searchable record's analysis (tokens, readings,
 * n-grams per field), written once in the transaction of the event handler and read by every
 * engine process. `seq` orders the changes; a removal stays as a tombstone for a day. And each
 * resident's preferences (consent to the eligibility check, the garbage area). And the FAQ
 * drafts written from residents' signals. And the analysis version of the stored passages.
 */
export const knowledgeStorage: PluginStorage = {
  migrations: [
    {
      id: '001-passage',
      sql: `
        create sequence passage_seq;
        create table passage (
          id text primary key,
          source_entity text not null,
          source_id text not null,
          document jsonb,
          removed boolean not null default false,
          seq bigint not null,
          updated_at timestamptz not null default now()
        );
        create index passage_seq_idx on passage (seq);
      `,
    },
    {
      // What a signed-in resident chose to keep with the knowledge services: their consent to
      // have benefit conditions checked against their own records, and their garbage area.
      id: '002-resident-preference',
      sql: `
        create table resident_preference (
          resident text primary key,
          eligibility_consent boolean not null default false,
          consented_at timestamptz,
          city text,
          area text,
          updated_at timestamptz not null default now()
        );
      `,
    },
    {
      // The FAQ drafts written from clusters of signals: the cluster's terms (to know it again
      // on the next run), its masked evidence, and whether staff dismissed it (never redrafted).
      id: '003-faq-draft',
      sql: `
        create table faq_draft (
          cluster_key text primary key,
          kind text not null check (kind in ('new', 'change')),
          faq_id text not null unique,
          target_faq_id text,
          terms jsonb not null,
          signals jsonb not null,
          signal_count integer not null,
          first_at timestamptz not null,
          last_at timestamptz not null,
          dismissed boolean not null default false,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        );
      `,
    },
    {
      // Which analysis version the stored passages were written with (one row once known), so
      // that an upgrade of the analyser rewrites them once instead of leaving old terms behind.
      id: '004-analysis-state',
      sql: `
        create table analysis_state (
          id boolean primary key default true check (id),
          version integer not null
        );
      `,
    },
  ],
};
