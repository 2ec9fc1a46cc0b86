import type { Principal } from '../access/index.ts';
import type { Sql } from '../data/index.ts';
import type { WorkflowDuration, WorkflowMetadata, WorkflowTimer } from '../metadata/index.ts';
import { shiftBusinessDays } from '../rules/business-days.ts';
import { addDays } from '../rules/index.ts';
import { addBusinessDays } from './calendar.ts';
import { resolveAssignee, type TemplateContext } from './templates.ts';

/** A record entering a state: at creation (`from` null) or by a transition. */
export interface StateEntry extends TemplateContext {
  workflow: WorkflowMetadata;
  from: string | null;
  to: string;
  transition?: string;
  comment?: string;
}

/**
 * Writes what entering a state means besides the state itself, in the caller's transaction:
 * the previous state's open task is completed and its timers cancelled, the history gets its
 * line, and the new state's task and timers are created.
 */
export async function recordStateEntry(sql: Sql, entry: StateEntry): Promise<void> {
  const { workflow, record, actor } = entry;
  const key = [workflow.entity, record.id];
  if (entry.from !== null) {
    await sql.run(
      `update kiban_workflow_task set status = 'done', completed_at = clock_timestamp(), completed_by = ?, outcome = ?
        where entity = ? and record_id = ? and status = 'open'`,
      [actor.id, entry.transition ?? null, ...key],
    );
    // A timer the runner holds is left to it: it will find the record moved on and do nothing.
    // Waiting for it instead could deadlock, as the runner then waits for this record's lock.
    await sql.run(
      `update kiban_workflow_timer set done_at = clock_timestamp()
        where id in (select id from kiban_workflow_timer
                      where entity = ? and record_id = ? and done_at is null for update skip locked)`,
      key,
    );
  }
  await appendHistory(sql, {
    workflow,
    recordId: String(record.id),
    kind: entry.from === null ? 'start' : 'transition',
    transition: entry.transition ?? null,
    from: entry.from,
    to: entry.to,
    actor,
    comment: entry.comment ?? null,
  });
  const state = workflow.states.find((each) => each.name === entry.to);
  const assignee = state?.task && resolveAssignee(state.task.assignTo, entry);
  if (state?.task && assignee) {
    await sql.run(
      `insert into kiban_workflow_task (entity, record_id, workflow, state, label, assignee_kind, assignee)
       values (?, ?, ?, ?, ?::jsonb, ?, ?)`,
      [...key, workflow.name, entry.to, JSON.stringify(state.task.label), assignee.kind, assignee.value],
    );
  }
  for (const [index, timer] of (state?.timers ?? []).entries()) {
    const due = timerDue(timer, entry);
    if (!due) continue;
    await sql.run(
      `insert into kiban_workflow_timer (entity, record_id, workflow, state, timer_index, due_at)
       values (?, ?, ?, ?, ?, ?::timestamptz)`,
      [...key, workflow.name, entry.to, index, due.toISOString()],
    );
  }
}

/**
 * When a timer is due: a duration after entering the state, or 00:00 Asia/Tokyo of a day
 * relative to a date field ("2 business days before preferredDate"); null when that field is
 * empty. A day already past makes the timer due at once.
 */
function timerDue(timer: WorkflowTimer, entry: StateEntry): Date | null {
  if (timer.at) {
    const value = entry.record[timer.at.field];
    const date = value instanceof Date ? value.toISOString().slice(0, 10) : value;
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
    const day =
      timer.at.businessDays !== undefined
        ? shiftBusinessDays(date, timer.at.businessDays)
        : addDays(date, timer.at.days ?? 0);
    return new Date(`${day}T00:00:00+09:00`);
  }
  const after = timer.after as WorkflowDuration;
  return 'businessDays' in after
    ? addBusinessDays(entry.now, after.businessDays)
    : new Date(entry.now.getTime() + after.hours * 3_600_000);
}

export interface HistoryLine {
  workflow: Pick<WorkflowMetadata, 'entity' | 'name'>;
  recordId: string;
  kind: 'start' | 'transition' | 'reassign';
  transition: string | null;
  from: string | null;
  to: string;
  actor: Principal;
  comment: string | null;
  /** For a reassignment: who the task went to. */
  assignee?: { kind: string; value: string };
}

export async function appendHistory(sql: Sql, line: HistoryLine): Promise<void> {
  await sql.run(
    `insert into kiban_workflow_history
       (entity, record_id, workflow, kind, transition, from_state, to_state, actor_id, actor_name, comment, assignee)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      line.workflow.entity,
      line.recordId,
      line.workflow.name,
      line.kind,
      line.transition,
      line.from,
      line.to,
      line.actor.id,
      line.actor.displayName ?? line.actor.username,
      line.comment,
      line.assignee ? `${line.assignee.kind}:${line.assignee.value}` : null,
    ],
  );
}
