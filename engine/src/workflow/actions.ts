import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../access/index.ts';
import { type ApiRecord, sqlOf } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import { appendEvents } from '../events/index.ts';
import type { WorkflowAction, WorkflowMetadata, WorkflowTransition } from '../metadata/index.ts';
import { createRecord, type RecordScope } from '../records/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { actionFailed } from './errors.ts';
import { resolveAssignee, resolveValues, type TemplateContext } from './templates.ts';

/** A plugin action `<plugin>.<action>` called by a workflow, as `actor`, inside the transaction of `em`. */
export interface ActionCall {
  name: string;
  input: Record<string, unknown>;
  actor: Principal;
  live: LiveApp;
  em: EntityManager;
}

export type ActionRunner = (call: ActionCall) => Promise<unknown>;

/** Without plugins there is no action to call. */
export const NO_PLUGIN_ACTIONS: ActionRunner = async ({ name }) => {
  throw new KibanError('action.unknown', 404, {
    ja: `操作「${name}」はありません。`,
    en: `There is no action "${name}".`,
  });
};

/**
 * A transition's actions in two parts: the `setFields` values, written together with the new
 * state, and the rest, run in the order written once the state has changed.
 */
export function runTransitionActions(
  scope: RecordScope & { em: EntityManager },
  workflow: WorkflowMetadata,
  transition: WorkflowTransition,
  context: TemplateContext,
  runAction: ActionRunner,
) {
  const actions = transition.actions ?? [];
  return {
    fieldValues(): Record<string, unknown> {
      const values: Record<string, unknown> = {};
      for (const action of actions)
        if (action.type === 'setFields') Object.assign(values, resolveValues(action.values, context));
      return values;
    },
    async runRest(record: ApiRecord): Promise<void> {
      const after = { ...context, record };
      for (const action of actions) {
        if (action.type === 'setFields') continue;
        try {
          await performAction(action, {
            scope,
            workflow,
            source: { transition: transition.name },
            context: after,
            runAction,
          });
        } catch (error) {
          throw actionFailed(describe(action), error);
        }
      }
    },
  };
}

interface ActionContext {
  scope: RecordScope & { em: EntityManager };
  workflow: WorkflowMetadata;
  /** What ran the action: a transition, or a state's timer (by its index). */
  source: { transition: string } | { timer: number };
  context: TemplateContext;
  runAction: ActionRunner;
}

/**
 * A timer's actions that only tell (notify, emitEvent): no transition, no button. They run in
 * the timer's transaction, so the timer is done exactly when its notifications are requested.
 */
export async function runTimerActions(
  scope: RecordScope & { em: EntityManager },
  workflow: WorkflowMetadata,
  timer: number,
  actions: readonly Extract<WorkflowAction, { type: 'notify' | 'emitEvent' }>[],
  context: TemplateContext,
): Promise<void> {
  for (const action of actions) {
    await performAction(action, { scope, workflow, source: { timer }, context, runAction: NO_PLUGIN_ACTIONS });
  }
}

async function performAction(action: Exclude<WorkflowAction, { type: 'setFields' }>, at: ActionContext): Promise<void> {
  const { scope, workflow, context } = at;
  const subject = { entity: workflow.entity, id: String(context.record.id), workflow: workflow.name };
  switch (action.type) {
    case 'createRecord':
      await createRecord(scope, action.entity, resolveValues(action.values, context));
      return;
    case 'callAction':
      await at.runAction({
        name: action.action,
        input: resolveValues(action.input ?? {}, context),
        actor: context.actor,
        live: scope.live,
        em: scope.em,
      });
      return;
    case 'emitEvent':
      await appendEvents(sqlOf(scope.em), [
        { type: `workflow.${workflow.name}.${action.event}`, payload: { ...subject, ...at.source } },
      ]);
      return;
    case 'notify': {
      // A request for the notification channels; whoever delivers notifications consumes it.
      const to = resolveAssignee(action.to, context);
      if (!to) return;
      await appendEvents(sqlOf(scope.em), [
        { type: 'notification.requested', payload: { ...subject, to, message: action.message } },
      ]);
      return;
    }
  }
}

function describe(action: WorkflowAction): string {
  if (action.type === 'createRecord') return `createRecord ${action.entity}`;
  if (action.type === 'callAction') return `callAction ${action.action}`;
  return action.type;
}
