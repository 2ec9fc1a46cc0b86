import { ADMIN_ROLE, type Principal } from '../access/index.ts';
import type { Sql } from '../data/index.ts';
import type { I18nText } from '../metadata/index.ts';
import type { TaskReader } from './task-reader.ts';
import type { ResolvedAssignee } from './templates.ts';

export interface TaskView {
  id: string;
  entity: string;
  recordId: string;
  workflow: string;
  state: string;
  label: I18nText;
  assignee: ResolvedAssignee;
  status: 'open' | 'done';
  createdAt: string;
  /** When the state's first timer fires (an escalation, say), while the task is open. */
  dueAt: string | null;
  completedAt: string | null;
  outcome: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ISO = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const TASK_COLUMNS = `t.id::text as id, t.entity, t.record_id::text as record_id, t.workflow, t.state, t.label,
  t.assignee_kind, t.assignee, t.status, ${ISO('t.created_at')} as created_at, ${ISO('t.completed_at')} as completed_at,
  t.outcome,
  (select ${ISO('min(m.due_at)')} from kiban_workflow_timer m
    where t.status = 'open' and m.entity = t.entity and m.record_id = t.record_id and m.done_at is null) as due_at`;

interface TaskRow {
  id: string;
  entity: string;
  record_id: string;
  workflow: string;
  state: string;
  label: I18nText | string;
  assignee_kind: ResolvedAssignee['kind'];
  assignee: string;
  status: 'open' | 'done';
  created_at: string;
  completed_at: string | null;
  due_at: string | null;
  outcome: string | null;
}

function taskView(row: TaskRow): TaskView {
  return {
    id: row.id,
    entity: row.entity,
    recordId: row.record_id,
    workflow: row.workflow,
    state: row.state,
    label: typeof row.label === 'string' ? JSON.parse(row.label) : row.label,
    assignee: { kind: row.assignee_kind, value: row.assignee },
    status: row.status,
    createdAt: row.created_at,
    dueAt: row.due_at,
    completedAt: row.completed_at,
    outcome: row.outcome,
  };
}

export async function tasksOfRecord(sql: Sql, entity: string, recordId: string): Promise<TaskView[]> {
  const rows = await sql.query<TaskRow>(
    `select ${TASK_COLUMNS} from kiban_workflow_task t where t.entity = ? and t.record_id = ? order by t.created_at, t.id`,
    [entity, recordId],
  );
  return rows.map(taskView);
}

/**
 * The condition "assigned to this principal": to them by id, to one of their roles, or to
 * their department. Administrators see every task.
 */
function assignedTo(principal: Principal): { sql: string; params: unknown[] } {
  if (principal.roles.includes(ADMIN_ROLE)) return { sql: 'true', params: [] };
  return {
    sql: `((t.assignee_kind = 'principal' and t.assignee = ?)
        or (t.assignee_kind = 'role' and t.assignee = any(array[?]::text[]))
        or (t.assignee_kind = 'department' and t.assignee = ?))`,
    params: [principal.id, principal.roles.length > 0 ? principal.roles : [''], principal.department ?? ''],
  };
}

export interface InboxQuery {
  status: 'open' | 'done';
  limit: number;
  offset: number;
}

/**
 * The task inbox: tasks assigned to the principal on records they may read, oldest first while
 * open, newest first once done.
 */
export async function inbox(sql: Sql, { principal, readable }: TaskReader, query: InboxQuery): Promise<TaskView[]> {
  const assigned = assignedTo(principal);
  const order = query.status === 'open' ? 't.created_at, t.id' : 't.completed_at desc, t.id';
  const rows = await sql.query<TaskRow>(
    `select ${TASK_COLUMNS} from kiban_workflow_task t
      where t.status = ? and ${assigned.sql} and ${readable.sql} order by ${order} limit ? offset ?`,
    [query.status, ...assigned.params, ...readable.params, query.limit, query.offset],
  );
  return rows.map(taskView);
}

/** An open task in the principal's inbox, locked for a change; null when there is none. */
export async function lockAssignedTask(
  sql: Sql,
  { principal, readable }: TaskReader,
  id: string,
): Promise<TaskView | null> {
  if (!UUID.test(id)) return null;
  const assigned = assignedTo(principal);
  const rows = await sql.query<TaskRow>(
    `select ${TASK_COLUMNS} from kiban_workflow_task t
      where t.id = ?::uuid and t.status = 'open' and ${assigned.sql} and ${readable.sql} for update of t`,
    [id, ...assigned.params, ...readable.params],
  );
  return rows[0] ? taskView(rows[0]) : null;
}
