import type { Actor, PluginContext, RealtimeChannelContribution } from '@kiban/sdk';
import { isStaff, isSupervisor, STAFF_ROLES } from '../roles.ts';
import { anonymousMatches, mayRead } from './access.ts';
import { findConversation } from './store.ts';

/** One room per conversation: its messages, typing, read marks and who answers. */
export const CONVERSATION_CHANNEL = 'conversation';
/** Staff rooms: `console` (queue changes for every operator), `operator:<id>` (assignments), `supervisor` (KPIs, alerts). */
export const STAFF_CHANNEL = 'staff';
export const CONSOLE_ROOM = 'console';
export const SUPERVISOR_ROOM = 'supervisor';
export const operatorRoom = (principal: string) => `operator:${principal}`;

export const realtimeChannels: RealtimeChannelContribution[] = [
  {
    name: CONVERSATION_CHANNEL,
    authorize: ({ actor, room }, ctx) => mayJoinConversation(ctx, actor, room),
    authorizeGuest: ({ room, credential }, ctx) => guestMayJoinConversation(ctx, room, credential),
  },
  { name: STAFF_CHANNEL, authorize: ({ actor, room }) => mayJoinStaffRoom(actor, room) },
];

/**
 * A conversation's room: its resident, and staff who hold a contact-centre role and may read it
 * now (its operator, operators of the queue it waits in, supervisors). Anyone else — another
 * resident, staff without the role, a room that is no conversation — is refused.
 */
async function mayJoinConversation(ctx: PluginContext, actor: Actor, room: string): Promise<boolean> {
  if (isStaff(actor) && !STAFF_ROLES.some((role) => actor.roles.includes(role))) return false;
  const conversation = await findConversation(ctx, room);
  return conversation !== null && (await mayRead(ctx, actor, conversation));
}

/** An anonymous visitor's socket: the room of the conversation whose token it brings, and no other. */
async function guestMayJoinConversation(ctx: PluginContext, room: string, token: string): Promise<boolean> {
  const conversation = await findConversation(ctx, room);
  return conversation !== null && anonymousMatches(conversation, token);
}

function mayJoinStaffRoom(actor: Actor, room: string): boolean {
  if (!isStaff(actor) || !STAFF_ROLES.some((role) => actor.roles.includes(role))) return false;
  if (room === SUPERVISOR_ROOM) return isSupervisor(actor);
  if (room === CONSOLE_ROOM) return true;
  return room === operatorRoom(actor.id);
}

export function emitToConversation(ctx: PluginContext, conversationId: string, event: string, payload: unknown) {
  return ctx.realtime.emit(CONVERSATION_CHANNEL, conversationId, event, payload);
}

export function emitToStaff(ctx: PluginContext, room: string, event: string, payload: unknown) {
  return ctx.realtime.emit(STAFF_CHANNEL, room, event, payload);
}
