import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../access/index.ts';
import { sqlOf } from '../data/index.ts';
import type { I18nText } from '../metadata/index.ts';
import { getRecord } from '../records/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { workflowOf } from '../runtime/workflows.ts';
import { noWorkflow } from './errors.ts';
import { guardHolds, mayMakeTransition } from './permission.ts';
import { type TaskView, tasksOfRecord } from './task-queries.ts';

export interface HistoryEntry {
  at: string;
  kind: 'start' | 'transition' | 'reassign';
  transition: string | null;
  from: string | null;
  to: string;
  actor: { id: string | null; name: string | null };
  comment: string | null;
  /** For a reassignment: who the task went to, as `role:…`, `department:…` or `principal:…`. */
  assignee: string | null;
}

export interface WorkflowStatus {
  workflow: string;
  label: I18nText;
  state: { name: string; label: I18nText; final: boolean };
  /** The transitions the caller may make now: from this state, with their role, and the guard met. */
  transitions: { name: string; label: I18nText; to: string; commentRequired: boolean }[];
  history: HistoryEntry[];
  tasks: TaskView[];
}

/** Where a record stands, for someone who may read it: what a detail page shows, buttons included. */
export async function workflowStatus(
  em: EntityManager,
  live: LiveApp,
  entity: string,
  id: string,
  principal: Principal,
): Promise<WorkflowStatus> {
  const workflow = workflowOf(live, entity);
  if (!workflow) throw noWorkflow(entity);
  await getRecord({ live, principal, em }, entity, id, { audit: false });
  const record = await getRecord({ live, principal, em, workflow: workflow.name }, entity, id, { audit: false });
  const name = String(record[workflow.stateField]);
  const state = workflow.states.find((each) => each.name === name);
  const now = new Date();
  const transitions: WorkflowStatus['transitions'] = [];
  for (const transition of workflow.transitions) {
    if (
      !transition.from.includes(name) ||
      !(await mayMakeTransition(em, live, workflow, transition, principal, record))
    )
      continue;
    if (!(await guardHolds(em, live, workflow, transition, record, now, { live, principal, em }))) continue;
    transitions.push({
      name: transition.name,
      label: transition.label,
      to: transition.to,
      commentRequired: transition.commentRequired ?? false,
    });
  }
  const sql = sqlOf(em);
  return {
    workflow: workflow.name,
    label: workflow.label,
    state: { name, label: state?.label ?? { ja: name }, final: state?.final ?? false },
    transitions,
    history: await historyOf(sql, entity, id),
    tasks: await tasksOfRecord(sql, entity, id),
  };
}

interface HistoryRow {
  at: string;
  kind: HistoryEntry['kind'];
  transition: string | null;
  from_state: string | null;
  to_state: string;
  actor_id: string | null;
  actor_name: string | null;
  comment: string | null;
  assignee: string | null;
}

async function historyOf(sql: ReturnType<typeof sqlOf>, entity: string, id: string): Promise<HistoryEntry[]> {
  const rows = await sql.query<HistoryRow>(
    `select to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, kind, transition, from_state,
            to_state, actor_id::text as actor_id, actor_name, comment, assignee
       from kiban_workflow_history where entity = ? and record_id = ? order by seq`,
    [entity, id],
  );
  return rows.map((row) => ({
    at: row.at,
    kind: row.kind,
    transition: row.transition,
    from: row.from_state,
    to: row.to_state,
    actor: { id: row.actor_id, name: row.actor_name },
    comment: row.comment,
    assignee: row.assignee,
  }));
}
