import type { ActionContext, ActionContribution, Actor } from '@kiban/sdk';
import type { Clock } from './clock.ts';
import { consoleSetupActions } from './console/actions.ts';
import { addNote, closeAsStaff, createCase, transfer } from './console/staff-operations.ts';
import type { Party } from './conversations/access.ts';
import { conversationFor } from './conversations/access.ts';
import { closeConversation } from './conversations/close.ts';
import { markRead, requestPerson, send, typing } from './conversations/operations.ts';
import { startConversation } from './conversations/start.ts';
import { conversationView } from './conversations/view.ts';
import { forbidden } from './errors.ts';
import { serviceHoursActions } from './hours/actions.ts';
import { isStaff, type Principal, ROLE, STAFF_ROLES, staffCaller } from './roles.ts';
import { accept, dispatch } from './routing/assign.ts';
import { configureOperator, setPresence } from './routing/operators.ts';
import { type QueueInput, saveQueue } from './routing/queues.ts';
import * as schema from './schemas.ts';

type Input = Record<string, never> & Record<string, unknown>;

const partyOf = (ctx: ActionContext): Party => ({ kind: 'principal', actor: ctx.actor });

function principal(actor: Actor): Principal {
  if (actor.kind !== 'principal') throw forbidden();
  return actor;
}

/** Residents' chat actions (also used by staff for their side) and the console's actions. */
export function contactCenterActions(clock: Clock): ActionContribution[] {
  const action = (
    name: string,
    ja: string,
    en: string,
    input: Record<string, unknown>,
    handler: (input: Input, ctx: ActionContext) => Promise<unknown>,
    roles?: string[],
  ): ActionContribution => ({ name, label: { ja, en }, input, roles, handler: (i, ctx) => handler(i as Input, ctx) });
  return [
    action('start', '問い合わせを始める', 'Start a conversation', schema.startSchema, async (input, ctx) => {
      if (principal(ctx.actor).principalKind !== 'resident') throw forbidden();
      const { conversation } = await startConversation(ctx, clock, partyOf(ctx), input);
      return conversationView(ctx, conversation);
    }),
    action('send', 'メッセージを送る', 'Send a message', schema.sendSchema, (input, ctx) =>
      send(ctx, clock, partyOf(ctx), input as never, ctx.actor),
    ),
    action('typing', '入力中を知らせる', 'Send a typing notice', schema.typingSchema, (input, ctx) =>
      typing(ctx, partyOf(ctx), String(input.conversationId), input.typing === true),
    ),
    action('markRead', '既読にする', 'Mark as read', schema.readSchema, (input, ctx) =>
      markRead(ctx, partyOf(ctx), String(input.conversationId), Number(input.seq)),
    ),
    action('requestPerson', '職員と話す', 'Talk to a person', schema.personSchema, async (input, ctx) => {
      const queued = await requestPerson(
        ctx,
        clock,
        partyOf(ctx),
        String(input.conversationId),
        input.shareProfile === true,
      );
      return conversationView(ctx, queued);
    }),
    action('close', '会話を終える', 'End the conversation', schema.closeSchema, async (input, ctx) => {
      const id = String(input.conversationId);
      if (isStaff(ctx.actor)) return conversationView(ctx, await closeAsStaff(ctx, clock, ctx.actor, input as never));
      await conversationFor(ctx, partyOf(ctx), id);
      return conversationView(ctx, await closeConversation(ctx, clock, id, ctx.actor));
    }),
    action(
      'setPresence',
      '在席状態を変える',
      'Set presence',
      schema.presenceSchema,
      async (input, ctx) => {
        const view = await setPresence(ctx, clock(), staffCaller(ctx.actor).id, input.presence as 'available');
        await dispatch(ctx, clock);
        return view;
      },
      [ROLE.operator, ROLE.department],
    ),
    action(
      'accept',
      '会話を受ける',
      'Accept a conversation',
      schema.conversationSchema,
      async (input, ctx) => {
        await accept(ctx, clock, staffCaller(ctx.actor), String(input.conversationId));
        return { accepted: true };
      },
      [ROLE.operator, ROLE.department],
    ),
    action(
      'transfer',
      '転送する',
      'Transfer',
      schema.transferSchema,
      async (input, ctx) => conversationView(ctx, await transfer(ctx, clock, staffCaller(ctx.actor), input as never)),
      STAFF_ROLES,
    ),
    action(
      'addNote',
      'メモを残す',
      'Add a note',
      schema.noteSchema,
      (input, ctx) => addNote(ctx, staffCaller(ctx.actor), input as never),
      STAFF_ROLES,
    ),
    action(
      'createCase',
      'CRM の案件にする',
      'Open a CRM case',
      schema.caseSchema,
      (input, ctx) => createCase(ctx, staffCaller(ctx.actor), input as never),
      STAFF_ROLES,
    ),
    action(
      'configureQueue',
      'キューを設定する',
      'Configure a queue',
      schema.queueSchema,
      async (input, ctx) => {
        const saved = await saveQueue(ctx, input as unknown as QueueInput);
        await ctx.audit({ actor: ctx.actor, action: 'contact-center.configureQueue', details: { queue: saved.code } });
        return saved;
      },
      [ROLE.supervisor],
    ),
    action(
      'configureOperator',
      'オペレーターを設定する',
      'Configure an operator',
      schema.operatorSchema,
      async (input, ctx) => {
        const saved = await configureOperator(ctx, input as never);
        await ctx.audit({
          actor: ctx.actor,
          action: 'contact-center.configureOperator',
          details: { principal: saved.principal, skills: saved.skills, capacity: saved.capacity },
        });
        return saved;
      },
      [ROLE.supervisor],
    ),
    ...consoleSetupActions,
    ...serviceHoursActions(clock),
  ];
}
