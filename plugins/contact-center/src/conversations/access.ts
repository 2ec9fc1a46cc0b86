import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor, PluginContext } from '@kiban/sdk';
import { notFound } from '../errors.ts';
import { isStaff, isSupervisor } from '../roles.ts';
import type { ConversationRow } from './rows.ts';
import { getConversation } from './store.ts';

/**
 * Who takes part in a conversation: a signed-in principal, or an anonymous visitor holding the
 * conversation's token (given once, when they started it; only its SHA-256 is kept).
 */
export type Party = { kind: 'principal'; actor: Actor } | { kind: 'anonymous'; token: string };

export function newAnonymousToken(): { token: string; sha256: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, sha256: tokenDigest(token) };
}

function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Whether `actor` may see the conversation: its resident; the operator it is assigned to;
 * while it waits, operators with its queue's skill; supervisors always.
 */
export async function mayRead(ctx: PluginContext, actor: Actor, conversation: ConversationRow): Promise<boolean> {
  if (actor.kind !== 'principal') return false;
  if (actor.principalKind === 'resident') return conversation.resident === actor.id;
  if (!isStaff(actor)) return false;
  if (isSupervisor(actor) || conversation.assigned_to === actor.id) return true;
  if (conversation.status !== 'queued' || !conversation.queue) return false;
  const { rows } = await ctx.sql.query(
    'select 1 from operator o join queue q on q.skill = any(o.skills) where o.principal = $1 and q.code = $2',
    [actor.id, conversation.queue],
  );
  return rows.length > 0;
}

/** Whether `token` is the one the conversation's anonymous visitor was given (compared by its digest, in constant time). */
export function anonymousMatches(conversation: ConversationRow, token: string): boolean {
  if (!conversation.anonymous_token_sha256) return false;
  const given = Buffer.from(tokenDigest(token), 'hex');
  const kept = Buffer.from(conversation.anonymous_token_sha256, 'hex');
  return given.length === kept.length && timingSafeEqual(given, kept);
}

/** The conversation if `party` takes part in it; otherwise the same 404 as for one that does not exist. */
export async function conversationFor(ctx: PluginContext, party: Party, id: string): Promise<ConversationRow> {
  const conversation = await getConversation(ctx, id).catch(() => null);
  if (!conversation) throw notFound();
  const allowed =
    party.kind === 'anonymous'
      ? anonymousMatches(conversation, party.token)
      : await mayRead(ctx, party.actor, conversation);
  if (!allowed) throw notFound();
  return conversation;
}

/** The resident's side of a party: their principal id, or null for an anonymous visitor. */
export function residentOf(party: Party): string | null {
  return party.kind === 'principal' && party.actor.kind === 'principal' ? party.actor.id : null;
}
