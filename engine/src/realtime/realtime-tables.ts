/**
 * Realtime messages are kept for a while so that a client that reconnects can ask for what
 * it missed by the last id it saw. The attachments table is the one the PostgreSQL adapter
 * of socket.io keeps large cross-node broadcasts in.
 */
export const REALTIME_SCHEMA_SQL: string[] = [
  `create table if not exists kiban_realtime_message (
     id bigserial primary key,
     channel text not null,
     room text not null,
     event text not null,
     payload jsonb,
     created_at timestamptz not null default now()
   )`,
  'create index if not exists kiban_realtime_message_room on kiban_realtime_message (channel, room, id)',
  `create table if not exists kiban_socket_io_attachments (
     id bigserial unique,
     created_at timestamptz default now(),
     payload bytea
   )`,
];

/** How long missed messages can be caught up on. */
export const REALTIME_RETENTION_HOURS = 24;
