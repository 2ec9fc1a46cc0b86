import type { PluginStorage } from '@kiban/sdk';

/**
 * The shared part of the search index: each searchable record's analysis (tokens, readings,
 * n-grams per field), written once in the transaction of the event handler and read by every
 * engine process. `seq` orders the changes; a removal stays as a tombstone for a day.
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
  ],
};
