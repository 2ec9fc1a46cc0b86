import type { Sql } from '../data/index.ts';
import { REALTIME_RETENTION_HOURS } from './realtime-tables.ts';

/** A message as clients receive it; `id` grows, so a client catches up with the last one it saw. */
export interface RealtimeMessage {
  id: number;
  channel: string;
  room: string;
  event: string;
  payload: unknown;
  at: string;
}

export type NewRealtimeMessage = Omit<RealtimeMessage, 'id' | 'at'>;

interface MessageRow {
  id: string;
  channel: string;
  room: string;
  event: string;
  payload: unknown;
  created_at: Date | string;
}

/** At most this many missed messages are replayed on one join; older ones are left behind. */
export const CATCH_UP_LIMIT = 500;

/** Stores a message in the caller's transaction, so that it exists exactly when the transaction commits. */
export async function storeMessage(sql: Sql, message: NewRealtimeMessage): Promise<RealtimeMessage> {
  const [row] = await sql.query<MessageRow>(
    `insert into kiban_realtime_message (channel, room, event, payload) values (?, ?, ?, ?::jsonb)
     returning id, channel, room, event, payload, created_at`,
    [message.channel, message.room, message.event, JSON.stringify(message.payload ?? null)],
  );
  return fromRow(row);
}

/** The messages of one room after `sinceId`, oldest first. */
export async function messagesSince(
  sql: Sql,
  channel: string,
  room: string,
  sinceId: number,
): Promise<RealtimeMessage[]> {
  const rows = await sql.query<MessageRow>(
    `select id, channel, room, event, payload, created_at from kiban_realtime_message
     where channel = ? and room = ? and id > ? order by id limit ?`,
    [channel, room, sinceId, CATCH_UP_LIMIT],
  );
  return rows.map(fromRow);
}

/** The newest message id of a room (0 when it has none): where a client that joins fresh starts counting. */
export async function latestMessageId(sql: Sql, channel: string, room: string): Promise<number> {
  const [row] = await sql.query<{ id: string | null }>(
    'select max(id) as id from kiban_realtime_message where channel = ? and room = ?',
    [channel, room],
  );
  return Number(row?.id ?? 0);
}

/** Forgets messages too old to be caught up on. */
export async function pruneMessages(sql: Sql): Promise<number> {
  return sql.run(`delete from kiban_realtime_message where created_at < now() - make_interval(hours => ?)`, [
    REALTIME_RETENTION_HOURS,
  ]);
}

function fromRow(row: MessageRow): RealtimeMessage {
  const at = row.created_at instanceof Date ? row.created_at : new Date(row.created_at);
  return {
    id: Number(row.id),
    channel: row.channel,
    room: row.room,
    event: row.event,
    payload: row.payload,
    at: at.toISOString(),
  };
}
