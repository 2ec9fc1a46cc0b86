import type { PluginContext } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { CONSOLE_ROOM, emitToConversation, emitToStaff, operatorRoom } from '../conversations/live.ts';
import type { ConversationRow } from '../conversations/rows.ts';
import { answeredBy, lockConversation } from '../conversations/store.ts';
import { contactCenterError } from '../errors.ts';
import { type Principal, SYSTEM } from '../roles.ts';
import { servingLanguages } from './languages.ts';
import type { OperatorRow } from './operators.ts';

/** How many assignments one dispatch round makes at most by default; the scheduled round picks up the rest. */
const DISPATCH_ROUND = 100;

export const alreadyTaken = () =>
  contactCenterError(
    'alreadyTaken',
    409,
    'この会話は既に他の担当者が受けています。',
    'Someone else has taken this conversation.',
  );

export const atCapacity = () =>
  contactCenterError(
    'atCapacity',
    409,
    '同時に対応できる件数の上限に達しています。',
    'You are already handling as many conversations as you may at once.',
  );

/**
 * Takes one seat of the operator's capacity, atomically: the row's `active < capacity` check
 * and the increment are one statement, so concurrent assignments never exceed it.
 */
async function takeSeat(ctx: PluginContext, principal: string, skill: string): Promise<OperatorRow | null> {
  const { rows } = await ctx.sql.query<OperatorRow>(
    `update operator set active = active + 1, idle_since = now()
     where principal = $1 and presence <> 'away' and active < capacity and $2 = any(skills)
     returning *`,
    [principal, skill],
  );
  return rows[0] ?? null;
}

/** Moves a queued conversation to the operator; only one of two concurrent takers finds it still queued. */
async function assign(
  ctx: PluginContext,
  conversation: ConversationRow,
  operator: OperatorRow,
  at: Date,
): Promise<void> {
  const { rowCount } = await ctx.sql.query(
    `update conversation set status = 'assigned', assigned_to = $2, assigned_at = $3
     where id = $1 and status = 'queued'`,
    [conversation.id, operator.principal, at],
  );
  if (rowCount !== 1) throw alreadyTaken();
  await ctx.sql.query(
    `insert into participant (conversation_id, principal, role) values ($1, $2, $3)
     on conflict (conversation_id, principal, role) do update set left_at = null`,
    [conversation.id, operator.principal, conversation.tier],
  );
  const assigned = { ...conversation, status: 'assigned' as const, assigned_to: operator.principal };
  await emitToConversation(ctx, conversation.id, 'answeredBy', await answeredBy(ctx, assigned));
  await emitToStaff(ctx, operatorRoom(operator.principal), 'assigned', { conversationId: conversation.id });
  await emitToStaff(ctx, CONSOLE_ROOM, 'queueChanged', { queue: conversation.queue });
}

/** An operator takes a waiting conversation from the console: one of two who click at once wins. */
export function accept(ctx: PluginContext, clock: Clock, operator: Principal, conversationId: string): Promise<void> {
  return ctx.transaction(SYSTEM, async () => {
    const conversation = await lockConversation(ctx, conversationId);
    if (conversation.status !== 'queued' || !conversation.queue) throw alreadyTaken();
    const { rows } = await ctx.sql.query<{ skill: string }>('select skill from queue where code = $1', [
      conversation.queue,
    ]);
    const seat = await takeSeat(ctx, operator.id, rows[0]?.skill ?? '');
    if (!seat) throw atCapacity();
    await assign(ctx, conversation, seat, clock());
    await ctx.audit({ actor: operator, action: 'contact-center.accept', recordId: conversationId });
  });
}

/**
 * Automatic call distribution: the oldest waiting conversation of each queue goes to the
 * available operator with the queue's skill and a free seat who answers in its language, the
 * longest idle of them; when none of them is free, to the longest idle of the others.
 * Each assignment is its own transaction; conversations and operators another process is
 * assigning are skipped (`skip locked`), so rounds on several nodes never collide.
 */
export async function dispatch(ctx: PluginContext, clock: Clock, limit = DISPATCH_ROUND): Promise<number> {
  let made = 0;
  const exhausted = new Set<string>();
  while (made < limit) {
    const assigned = await ctx.transaction(SYSTEM, async () => {
      const { rows } = await ctx.sql.query<ConversationRow & { skill: string }>(
        `select c.*, q.skill from conversation c join queue q on q.code = c.queue
         where c.status = 'queued' and not (c.queue = any($1::text[]))
         order by c.queued_at, c.id limit 1 for update of c skip locked`,
        [[...exhausted]],
      );
      const waiting = rows[0];
      if (!waiting) return 'none' as const;
      // One who answers in the conversation's language first; else the longest idle of the
      // others, who read and write through the translator.
      const candidate = await ctx.sql.query<OperatorRow>(
        `select * from operator where presence = 'available' and active < capacity and $1 = any(skills)
         order by languages && $2::text[] desc, idle_since, principal limit 1 for update skip locked`,
        [waiting.skill, servingLanguages(waiting.language)],
      );
      const free = candidate.rows[0];
      const seat = free ? await takeSeat(ctx, free.principal, waiting.skill) : null;
      if (!seat) {
        exhausted.add(waiting.queue ?? '');
        return 'noOperator' as const;
      }
      await assign(ctx, waiting, seat, clock());
      return 'assigned' as const;
    });
    if (assigned === 'none') break;
    if (assigned === 'assigned') made += 1;
  }
  return made;
}

/** Frees the operator's seat (a closed or transferred conversation); their idle time starts again. */
export async function releaseSeat(ctx: PluginContext, principal: string): Promise<void> {
  await ctx.sql.query('update operator set active = greatest(active - 1, 0), idle_since = now() where principal = $1', [
    principal,
  ]);
}
