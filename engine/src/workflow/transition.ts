import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../access/index.ts';
import { type ApiRecord, sqlOf } from '../data/index.ts';
import { appendEvents } from '../events/index.ts';
import type { WorkflowMetadata, WorkflowTransition } from '../metadata/index.ts';
import { versionConflict } from '../records/errors.ts';
import { getRecord, type RecordChange, type RecordScope, updateRecord } from '../records/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { workflowOf } from '../runtime/workflows.ts';
import { type ActionRunner, runTransitionActions } from './actions.ts';
import {
  commentRequired,
  guardFailed,
  invalidTransition,
  noWorkflow,
  transitionDenied,
  unknownTransition,
} from './errors.ts';
import { failedGuardParts, guardHolds, mayMakeTransition } from './permission.ts';
import { recordStateEntry } from './state-entry.ts';
import { loadTemplateReferences } from './template-references.ts';

export interface TransitionRequest {
  entity: string;
  id: string;
  transition: string;
  principal: Principal;
  comment?: string;
  /** Only apply to this version of the record (If-Match). */
  expectedVersion?: number;
  /** A timer acting with the workflow's own authority: no role or row check. */
  bySystem?: boolean;
  now?: Date;
}

export interface TransitionOutcome {
  record: ApiRecord;
  from: string;
  to: string;
  /** The record write, to report once the caller's transaction has committed. */
  change: RecordChange;
}

/**
 * Makes one transition in the caller's transaction. The record row is locked first, so of two
 * concurrent transitions on one record the second sees the state the first left and, unless
 * it may start from there too, fails with `workflow.invalidTransition` — it never applies twice.
 * The state change, `setFields` actions, history, tasks, timers, the other actions and the
 * `workflow.transitioned` event all commit together or not at all.
 */
export async function makeTransition(
  em: EntityManager,
  live: LiveApp,
  request: TransitionRequest,
  runAction: ActionRunner,
): Promise<TransitionOutcome> {
  const { workflow, transition } = findTransition(live, request.entity, request.transition);
  const caller: RecordScope = { live, principal: request.principal, em };
  const authority = { ...caller, em, workflow: workflow.name };
  // The caller's read policy decides whether the record exists for them; the lock serialises transitions.
  await getRecord(request.bySystem ? authority : caller, request.entity, request.id, { forUpdate: true, audit: false });
  const record = await getRecord(authority, request.entity, request.id, { audit: false });
  if (request.expectedVersion !== undefined && record.version !== request.expectedVersion) {
    throw versionConflict(request.entity, Number(record.version));
  }
  const from = String(record[workflow.stateField]);
  if (!transition.from.includes(from)) throw invalidTransition(transition.name, from, transition.from);
  if (!request.bySystem && !(await mayMakeTransition(em, live, workflow, transition, request.principal, record))) {
    throw transitionDenied(transition.name);
  }
  const comment = request.comment?.trim() || undefined;
  if (transition.commentRequired && !comment) throw commentRequired(transition.name);
  const now = request.now ?? new Date();
  const viewer = request.bySystem ? undefined : caller;
  if (!(await guardHolds(em, live, workflow, transition, record, now, viewer))) {
    throw guardFailed(transition, await failedGuardParts(em, live, workflow, transition, record, now, viewer));
  }

  const context = {
    record,
    actor: request.principal,
    now,
    related: await loadTemplateReferences(em, live, workflow, record),
  };
  const actions = runTransitionActions(authority, workflow, transition, context, runAction);
  const updated = await updateRecord(
    authority,
    request.entity,
    request.id,
    { ...actions.fieldValues(), [workflow.stateField]: transition.to },
    Number(record.version),
  );
  const sql = sqlOf(em);
  await recordStateEntry(sql, {
    ...context,
    related: await loadTemplateReferences(em, live, workflow, updated),
    record: updated,
    workflow,
    from,
    to: transition.to,
    transition: transition.name,
    comment,
  });
  await actions.runRest(updated);
  await appendEvents(sql, [
    {
      type: 'workflow.transitioned',
      payload: {
        entity: request.entity,
        id: request.id,
        workflow: workflow.name,
        transition: transition.name,
        from,
        to: transition.to,
        actor: { kind: request.principal.kind, id: request.principal.id },
      },
    },
  ]);
  const change: RecordChange = {
    action: 'updated',
    entity: request.entity,
    id: request.id,
    version: Number(updated.version),
    principal: request.principal,
  };
  return { record: updated, from, to: transition.to, change };
}

export function findTransition(
  live: LiveApp,
  entity: string,
  name: string,
): { workflow: WorkflowMetadata; transition: WorkflowTransition } {
  const workflow = workflowOf(live, entity);
  if (!workflow) throw noWorkflow(entity);
  const transition = workflow.transitions.find((each) => each.name === name);
  if (!transition) throw unknownTransition(name);
  return { workflow, transition };
}
