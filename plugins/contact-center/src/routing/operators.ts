import type { PluginContext } from '@kiban/sdk';
import { contactCenterError } from '../errors.ts';

export type Presence = 'available' | 'busy' | 'away';

export interface OperatorRow {
  principal: string;
  display_name: string;
  presence: Presence;
  capacity: number;
  active: number;
  skills: string[];
  /** The languages they answer in without the translator (Japanese when not set). */
  languages: string[];
  idle_since: Date;
  last_seen_at: Date;
}

export interface OperatorView {
  principal: string;
  displayName: string;
  presence: Presence;
  capacity: number;
  active: number;
  skills: string[];
  languages: string[];
}

export function operatorView(row: OperatorRow): OperatorView {
  return {
    principal: row.principal,
    displayName: row.display_name,
    presence: row.presence,
    capacity: row.capacity,
    active: row.active,
    skills: row.skills,
    languages: row.languages,
  };
}

/**
 * A supervisor sets who answers which queues (skills), in which languages, how many chats at
 * once and the name residents see.
 */
export async function configureOperator(
  ctx: PluginContext,
  input: { principal: string; displayName: string; capacity: number; skills: string[]; languages?: string[] },
): Promise<OperatorView> {
  const { rows } = await ctx.sql.query<OperatorRow>(
    `insert into operator (principal, display_name, capacity, skills, languages) values ($1, $2, $3, $4::text[], $5::text[])
     on conflict (principal) do update set display_name = excluded.display_name, capacity = excluded.capacity,
       skills = excluded.skills, languages = excluded.languages
     returning *`,
    [input.principal, input.displayName, input.capacity, input.skills, input.languages ?? ['ja']],
  );
  const row = rows[0];
  if (!row) throw new Error('the operator was not stored');
  return operatorView(row);
}

export async function findOperator(ctx: PluginContext, principal: string): Promise<OperatorRow | null> {
  const { rows } = await ctx.sql.query<OperatorRow>('select * from operator where principal = $1', [principal]);
  return rows[0] ?? null;
}

export const notAnOperator = () =>
  contactCenterError(
    'notAnOperator',
    409,
    'オペレーターとして登録されていません。管理者に登録を依頼してください。',
    'You are not set up as an operator; ask a supervisor to set you up.',
  );

/**
 * An operator's presence, which the console also sends as a heartbeat: becoming available
 * starts their idle time (longest idle is offered first); an operator not seen for the grace
 * period is taken as gone and their chats go back to the queue.
 */
export async function setPresence(
  ctx: PluginContext,
  seenAt: Date,
  principal: string,
  presence: Presence,
): Promise<OperatorView> {
  const { rows } = await ctx.sql.query<OperatorRow>(
    `update operator set
       idle_since = case when presence <> 'available' and $2 = 'available' then now() else idle_since end,
       presence = $2, last_seen_at = $3
     where principal = $1 returning *`,
    [principal, presence, seenAt],
  );
  const row = rows[0];
  if (!row) throw notAnOperator();
  return operatorView(row);
}
