import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../access/index.ts';
import { type ApiRecord, sqlOf } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import type { RecordChange } from '../records/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { workflowOf } from '../runtime/workflows.ts';
import { type ActionRunner, runTimerActions } from './actions.ts';
import { ensureTimerPrincipal } from './tables.ts';
import { moveTask } from './tasks.ts';
import { loadTemplateReferences } from './template-references.ts';
import { resolveAssignee } from './templates.ts';
import { makeTransition } from './transition.ts';

interface DueTimer {
  id: string;
  entity: string;
  record_id: string;
  workflow: string;
  state: string;
  timer_index: number;
}

export interface TimerOutcome {
  timer: string;
  /** What the timer did: made its transition, moved the task, ran its notify-only actions, or nothing because the record had moved on. */
  result: 'transitioned' | 'reassigned' | 'notified' | 'skipped';
  reason?: string;
}

/**
 * Fires every timer due at `now`, each in its own transaction: the timer is marked done in the
 * same transaction as its effect, and `skip locked` lets engine nodes share the work. A timer
 * whose transition no longer applies (the record moved on, its guard fails) is done all the
 * same, with the reason in the outcome.
 */
export async function fireDueTimers(
  live: LiveApp,
  runAction: ActionRunner,
  options: { now?: Date; onChanges?: (changes: RecordChange[]) => void } = {},
): Promise<TimerOutcome[]> {
  const now = options.now ?? new Date();
  const outcomes: TimerOutcome[] = [];
  let principal: Principal | undefined;
  for (;;) {
    const fired = await live.transaction(async (em, sql) => {
      const [due] = await sql.query<DueTimer>(
        `select id::text as id, entity, record_id::text as record_id, workflow, state, timer_index
           from kiban_workflow_timer where done_at is null and due_at <= ?::timestamptz
          order by due_at, id limit 1 for update skip locked`,
        [now.toISOString()],
      );
      if (!due) return null;
      await sql.run('update kiban_workflow_timer set done_at = clock_timestamp() where id = ?::uuid', [due.id]);
      principal ??= await ensureTimerPrincipal(sql);
      return fireTimer(em, live, due, principal, runAction, now);
    });
    if (!fired) return outcomes;
    outcomes.push(fired.outcome);
    if (fired.changes.length > 0) options.onChanges?.(fired.changes);
  }
}

async function fireTimer(
  em: EntityManager,
  live: LiveApp,
  due: DueTimer,
  principal: Principal,
  runAction: ActionRunner,
  now: Date,
): Promise<{ outcome: TimerOutcome; changes: RecordChange[] }> {
  const skipped = (reason: string) => ({ outcome: { timer: due.id, result: 'skipped' as const, reason }, changes: [] });
  const workflow = workflowOf(live, due.entity);
  const timer = workflow?.states.find((state) => state.name === due.state)?.timers?.[due.timer_index];
  if (!workflow || workflow.name !== due.workflow || !timer) return skipped('workflow.changed');
  if (timer.transition !== undefined) {
    try {
      // A savepoint: a transition that no longer applies rolls back alone, and the timer stays done.
      const outcome = await em.transactional((inner) =>
        makeTransition(
          inner,
          live,
          {
            entity: due.entity,
            id: due.record_id,
            transition: timer.transition as string,
            principal,
            bySystem: true,
            now,
          },
          runAction,
        ),
      );
      return { outcome: { timer: due.id, result: 'transitioned' }, changes: [outcome.change] };
    } catch (error) {
      if (error instanceof KibanError && error.status < 500) return skipped(error.code);
      throw error;
    }
  }
  const schema = live.schemas.get(due.entity);
  const record =
    schema && ((await em.findOne(schema, { id: due.record_id }, { disableIdentityMap: true })) as ApiRecord | null);
  const context = record && {
    record,
    actor: principal,
    now,
    related: await loadTemplateReferences(em, live, workflow, record),
  };
  if (timer.actions) {
    if (!context) return skipped('workflow.recordGone');
    await runTimerActions(
      { live, principal, em, workflow: workflow.name },
      workflow,
      due.timer_index,
      timer.actions,
      context,
    );
    return { outcome: { timer: due.id, result: 'notified' }, changes: [] };
  }
  const sql = sqlOf(em);
  const [task] = await sql.query<{ id: string }>(
    `select id::text as id from kiban_workflow_task
      where entity = ? and record_id = ?::uuid and state = ? and status = 'open' for update`,
    [due.entity, due.record_id, due.state],
  );
  const to = timer.reassignTo && context && resolveAssignee(timer.reassignTo, context);
  if (!task || !to) return skipped('workflow.taskClosed');
  await moveTask(
    sql,
    { id: task.id, entity: due.entity, recordId: due.record_id, workflow: workflow.name, state: due.state },
    to,
    principal,
    null,
  );
  return { outcome: { timer: due.id, result: 'reassigned' }, changes: [] };
}

export interface TimerRunner {
  stop(): Promise<void>;
}

/** Calls `fire` every `intervalMs` until stopped, one round at a time; a round that fails is reported and the next tries again. */
export function startTimerRunner(options: {
  fire: () => Promise<unknown>;
  intervalMs: number;
  onError: (error: unknown) => void;
}): TimerRunner {
  let round: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    round = round.then(() => options.fire().catch(options.onError));
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await round;
    },
  };
}
