import type { EventHandlerContribution, JobContribution } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { ENTITY, SYSTEM } from '../entities.ts';
import { CASES_CHANNEL, caseRooms } from './live.ts';
import { FOLLOW_UP_JOB } from './notes.ts';

/**
 * A follow-up date came: the assignee (and the board) hear of it live, and `crm.case.followUpDue`
 * lets the notifications reach them. A reminder for a closed case, or for a date since moved,
 * does nothing.
 */
export const followUpReminder: JobContribution<{ caseId: string; at: string }> = {
  name: FOLLOW_UP_JOB,
  async handler({ caseId, at }, ctx) {
    const found = await ctx.data(SYSTEM).list(ENTITY.case, { filter: { id: { eq: caseId } }, limit: 1 });
    const current = found[0];
    if (!current || current.status === 'closed') return;
    if (typeof current.followUpAt !== 'string' || new Date(current.followUpAt).getTime() !== new Date(at).getTime())
      return;
    const notice = { id: caseId, subject: current.subject, assignee: current.assignee ?? null, followUpAt: at };
    await ctx.events.publish('case.followUpDue', notice);
    for (const room of caseRooms(current)) await ctx.realtime.emit(CASES_CHANNEL, room, 'case.followUpDue', notice);
  },
};

/** Every change of a case goes live to the board and the assignee, so the manager's view moves as cases do. */
export function caseChanges(clock: Clock): EventHandlerContribution {
  return {
    event: 'record.*',
    entity: ENTITY.case,
    async handler(event, ctx) {
      const payload = event.payload as { id: string };
      const found = await ctx.data(SYSTEM).list(ENTITY.case, { filter: { id: { eq: payload.id } }, limit: 1 });
      const current = found[0];
      const summary = current
        ? {
            id: payload.id,
            status: current.status,
            department: current.department,
            assignee: current.assignee ?? null,
            overdue: isOverdue(current, clock()),
          }
        : { id: payload.id, deleted: true };
      for (const room of current ? caseRooms(current) : ['board']) {
        await ctx.realtime.emit(CASES_CHANNEL, room, 'case.changed', summary);
      }
    },
  };
}

export function isOverdue(record: { status?: unknown; dueAt?: unknown }, now: Date): boolean {
  return (
    record.status !== 'closed' &&
    record.status !== 'answered' &&
    typeof record.dueAt === 'string' &&
    new Date(record.dueAt).getTime() < now.getTime()
  );
}
