import type { Principal } from '../access/index.ts';
import type { Sql } from '../data/index.ts';

/**
 * The workflow's own records, beside the entity tables: every step of a record's history,
 * the human tasks, and the timers waiting to fire. The state itself lives in the record.
 */
export async function ensureWorkflowTables(sql: Sql): Promise<void> {
  // `seq` orders lines written within the same millisecond (a start and a transition in one request).
  await sql.run(`create table if not exists kiban_workflow_history (
    seq bigint generated always as identity primary key,
    entity text not null,
    record_id uuid not null,
    workflow text not null,
    kind text not null check (kind in ('start', 'transition', 'reassign')),
    transition text,
    from_state text,
    to_state text not null,
    actor_id uuid,
    actor_name text,
    comment text,
    -- For a reassignment: who the task went to, as kind:value.
    assignee text,
    at timestamptz(3) not null default clock_timestamp()
  )`);
  await sql.run(
    'create index if not exists kiban_workflow_history_record on kiban_workflow_history (entity, record_id, seq)',
  );
  await sql.run(`create table if not exists kiban_workflow_task (
    id uuid primary key default gen_random_uuid(),
    entity text not null,
    record_id uuid not null,
    workflow text not null,
    state text not null,
    label jsonb not null,
    assignee_kind text not null check (assignee_kind in ('role', 'department', 'principal')),
    assignee text not null,
    status text not null default 'open' check (status in ('open', 'done')),
    created_at timestamptz(3) not null default clock_timestamp(),
    completed_at timestamptz(3),
    completed_by uuid,
    outcome text
  )`);
  await sql.run(
    `create index if not exists kiban_workflow_task_inbox
       on kiban_workflow_task (assignee_kind, assignee) where status = 'open'`,
  );
  await sql.run(
    "create index if not exists kiban_workflow_task_record on kiban_workflow_task (entity, record_id) where status = 'open'",
  );
  await sql.run(`create table if not exists kiban_workflow_timer (
    id uuid primary key default gen_random_uuid(),
    entity text not null,
    record_id uuid not null,
    workflow text not null,
    state text not null,
    timer_index integer not null,
    due_at timestamptz(3) not null,
    done_at timestamptz(3)
  )`);
  await sql.run(
    'create index if not exists kiban_workflow_timer_due on kiban_workflow_timer (due_at) where done_at is null',
  );
  await sql.run(
    'create index if not exists kiban_workflow_timer_record on kiban_workflow_timer (entity, record_id) where done_at is null',
  );
}

const TIMER_USERNAME = 'system:workflow-timers';

/** The principal timers act as: a system account that cannot sign in. */
export async function ensureTimerPrincipal(sql: Sql): Promise<Principal> {
  await sql.run(
    `insert into kiban_principal (kind, username, display_name, roles, disabled)
     values ('system', ?, ?, '{}', true) on conflict (username) do nothing`,
    [TIMER_USERNAME, 'ワークフローのタイマー'],
  );
  const [row] = await sql.query<{ id: string; display_name: string | null }>(
    'select id, display_name from kiban_principal where username = ? and kind = ?',
    [TIMER_USERNAME, 'system'],
  );
  return {
    id: row.id,
    kind: 'system',
    username: TIMER_USERNAME,
    displayName: row.display_name,
    roles: [],
    department: null,
    attributes: {},
  };
}
