import type { ActionContext, ActionContribution, DataApi, RecordData } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { ENTITY, ROLE, SYSTEM } from '../entities.ts';
import { crmError } from '../errors.ts';
import { CASES_CHANNEL, caseRooms } from './live.ts';

export const FOLLOW_UP_JOB = 'followUpReminder';

const CASE_ID = { type: 'string', format: 'uuid' };
const TEXT = { type: 'string', minLength: 1, maxLength: 4000 };

/**
 * Reads the case as the caller (so their row policy decides whether they may touch it) and
 * writes the note as the plugin: notes are append-only, no role may write one directly.
 */
async function caseFor(ctx: ActionContext, data: DataApi, caseId: string): Promise<RecordData> {
  if (ctx.actor.kind !== 'principal')
    throw crmError('forbidden', 403, '職員だけが記録できます。', 'Only staff write case notes.');
  const found = await data.get(ENTITY.case, caseId, { forUpdate: true });
  if (found.status === 'closed') throw crmError('case.closed', 409, '完了した案件です。', 'The case is closed.');
  return found;
}

function authorOf(ctx: ActionContext): string {
  return ctx.actor.kind === 'principal' ? ctx.actor.id : 'system';
}

export const addNote: ActionContribution<{ caseId: string; body: string }, RecordData> = {
  name: 'addNote',
  label: { ja: '対応記録を書く', en: 'Add a case note' },
  roles: [ROLE.staff, ROLE.manager],
  input: {
    type: 'object',
    required: ['caseId', 'body'],
    additionalProperties: false,
    properties: { caseId: CASE_ID, body: TEXT },
  },
  handler: ({ caseId, body }, ctx) =>
    ctx.transaction(ctx.actor, async (data) => {
      await caseFor(ctx, data, caseId);
      return ctx.data(SYSTEM).create(ENTITY.caseNote, { case: caseId, kind: 'note', body, author: authorOf(ctx) });
    }),
};

/** Hands the case to another member of staff; the handover and its note stay in the history. */
export const handOver: ActionContribution<{ caseId: string; to: string; body: string }, RecordData> = {
  name: 'handOver',
  label: { ja: '引き継ぐ', en: 'Hand over' },
  roles: [ROLE.staff, ROLE.manager],
  input: {
    type: 'object',
    required: ['caseId', 'to', 'body'],
    additionalProperties: false,
    properties: { caseId: CASE_ID, to: { type: 'string', minLength: 1, maxLength: 64 }, body: TEXT },
  },
  handler: ({ caseId, to, body }, ctx) =>
    ctx.transaction(ctx.actor, async (data) => {
      const current = await caseFor(ctx, data, caseId);
      if (current.assignee === to)
        throw crmError('case.sameAssignee', 409, 'すでにその担当者です。', 'The case is already with them.');
      if (!(await ctx.directory.isStaff(to))) {
        throw crmError(
          'case.unknownAssignee',
          422,
          '引き継ぎ先の職員が見つかりません。',
          'No member of staff has that id.',
          [
            {
              pointer: '/to',
              code: 'crm.case.unknownAssignee',
              message: { ja: '有効な職員を選んでください。', en: 'Choose an enabled member of staff.' },
            },
          ],
        );
      }
      const moved = await data.update(ENTITY.case, caseId, { assignee: to });
      await ctx.data(SYSTEM).create(ENTITY.caseNote, {
        case: caseId,
        kind: 'handover',
        body,
        author: authorOf(ctx),
        fromAssignee: current.assignee ?? null,
        toAssignee: to,
      });
      for (const room of caseRooms(moved))
        await ctx.realtime.emit(CASES_CHANNEL, room, 'case.handedOver', { id: caseId, to });
      return moved;
    }),
};

/** Sets the follow-up date: a reminder job fires then, unless the case closed or got another date. */
export function followUpAction(
  clock: Clock,
): ActionContribution<{ caseId: string; at: string; body: string }, RecordData> {
  return {
    name: 'scheduleFollowUp',
    label: { ja: 'フォローアップ日を決める', en: 'Schedule a follow-up' },
    roles: [ROLE.staff, ROLE.manager],
    input: {
      type: 'object',
      required: ['caseId', 'at', 'body'],
      additionalProperties: false,
      properties: { caseId: CASE_ID, at: { type: 'string', format: 'date-time' }, body: TEXT },
    },
    handler: ({ caseId, at, body }, ctx) =>
      ctx.transaction(ctx.actor, async (data) => {
        await caseFor(ctx, data, caseId);
        const when = new Date(at);
        if (when.getTime() <= clock().getTime()) {
          throw crmError(
            'case.followUpInPast',
            422,
            'フォローアップ日は未来にしてください。',
            'The follow-up must be in the future.',
            [
              {
                pointer: '/at',
                code: 'crm.case.followUpInPast',
                message: { ja: '過去の日時です。', en: 'In the past.' },
              },
            ],
          );
        }
        const updated = await data.update(ENTITY.case, caseId, { followUpAt: when.toISOString() });
        await ctx.data(SYSTEM).create(ENTITY.caseNote, { case: caseId, kind: 'followUp', body, author: authorOf(ctx) });
        await ctx.jobs.enqueue(
          FOLLOW_UP_JOB,
          { caseId, at: when.toISOString() },
          { at: when, key: `follow-up:${caseId}:${when.toISOString()}` },
        );
        return updated;
      }),
  };
}
