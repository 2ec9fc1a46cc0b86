import type { PluginMigration } from '@kiban/sdk';

/** The concierge's own tables, in the schema `plugin_ai_concierge`. */
export const MIGRATIONS: PluginMigration[] = [
  {
    id: '001-concierge',
    sql: `
      CREATE TABLE interim_passage (
        id text PRIMARY KEY,
        title text NOT NULL,
        body text NOT NULL,
        url text,
        classification text NOT NULL CHECK (classification IN ('public', 'staff', 'confidential')),
        department text,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE conversation (
        id uuid PRIMARY KEY,
        actor_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        turns integer NOT NULL DEFAULT 0,
        prompt_tokens bigint NOT NULL DEFAULT 0,
        completion_tokens bigint NOT NULL DEFAULT 0,
        cost numeric(14, 6) NOT NULL DEFAULT 0
      );
      CREATE TABLE turn (
        id bigserial PRIMARY KEY,
        conversation_id uuid NOT NULL REFERENCES conversation (id),
        at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL,
        mode text NOT NULL,
        masked_question text NOT NULL,
        cited text[] NOT NULL,
        fallback_reason text,
        prompt_tokens integer NOT NULL DEFAULT 0,
        completion_tokens integer NOT NULL DEFAULT 0
      );
      CREATE TABLE rate_window (
        actor_key text NOT NULL,
        window_start timestamptz NOT NULL,
        requests integer NOT NULL,
        PRIMARY KEY (actor_key, window_start)
      );
    `,
  },
  {
    id: '002-knowledge-and-traces',
    sql: `
      DROP TABLE interim_passage;
      ALTER TABLE turn
        ADD COLUMN language text NOT NULL DEFAULT 'ja',
        ADD COLUMN answered_language text,
        ADD COLUMN retrieved jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN latency_ms integer,
        ADD COLUMN model text;
      CREATE INDEX turn_at ON turn (at DESC);
    `,
  },
  {
    id: '003-handoff',
    sql: `
      ALTER TABLE turn ADD COLUMN answer text;
      ALTER TABLE conversation
        ADD COLUMN handoff_conversation uuid,
        ADD COLUMN transcript_shared boolean;
    `,
  },
  {
    id: '004-feedback',
    sql: `
      CREATE TABLE feedback (
        conversation_id uuid NOT NULL REFERENCES conversation (id),
        turn integer NOT NULL CHECK (turn >= 1),
        helpful boolean NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conversation_id, turn)
      );
    `,
  },
  {
    id: '005-agents',
    sql: `
      ALTER TABLE turn
        ADD COLUMN agent text,
        ADD COLUMN tool_calls jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN declined_reason text;
      CREATE INDEX turn_agent ON turn (agent) WHERE agent IS NOT NULL;
    `,
  },
];
