import type { Principal } from '../access/index.ts';
import type { Sql } from '../data/index.ts';
import type { Assignee } from '../metadata/index.ts';
import { taskNotFound } from './errors.ts';
import { appendHistory } from './state-entry.ts';
import { lockAssignedTask, type TaskView } from './task-queries.ts';
import type { TaskReader } from './task-reader.ts';
import { resolveAssignee } from './templates.ts';

/**
 * Hands an open task to someone else — a person, a role or a department. The task must be in
 * the caller's inbox (administrators reach every task); the record's history says who moved
 * it where, and why.
 */
export async function reassignTask(
  sql: Sql,
  reader: TaskReader,
  id: string,
  assignTo: Assignee,
  comment?: string,
): Promise<TaskView> {
  const { principal } = reader;
  const task = await lockAssignedTask(sql, reader, id);
  if (!task) throw taskNotFound();
  // `$owner` means nothing outside a record's transition; a reassignment names people by id.
  const to = resolveAssignee(assignTo, { record: {}, actor: principal, now: new Date() });
  if (!to) throw taskNotFound();
  await moveTask(sql, task, to, principal, comment ?? null);
  return { ...task, assignee: to };
}

/** Reassigns without asking whose inbox the task is in: for the caller above and for escalation timers. */
export async function moveTask(
  sql: Sql,
  task: Pick<TaskView, 'id' | 'entity' | 'recordId' | 'workflow' | 'state'>,
  to: { kind: string; value: string },
  actor: Principal,
  comment: string | null,
): Promise<void> {
  await sql.run('update kiban_workflow_task set assignee_kind = ?, assignee = ? where id = ?::uuid', [
    to.kind,
    to.value,
    task.id,
  ]);
  await appendHistory(sql, {
    workflow: { entity: task.entity, name: task.workflow },
    recordId: task.recordId,
    kind: 'reassign',
    transition: null,
    from: task.state,
    to: task.state,
    actor,
    comment,
    assignee: to,
  });
}
