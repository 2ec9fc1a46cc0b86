import type { EntityManager } from '@mikro-orm/postgresql';
import { ADMIN_ROLE, matchesRowFilters, type Principal } from '../access/index.ts';
import type { ApiRecord } from '../data/index.ts';
import type { RuleMetadata, WorkflowMetadata, WorkflowTransition } from '../metadata/index.ts';
import type { RecordScope } from '../records/index.ts';
import { evaluateRule, loadRelatedRecords, ruleFactsReadable } from '../rules/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';

/**
 * Who may make a transition: with `roles`, a holder of one of them; without, anyone whose
 * update permission covers the record. Administrators may always.
 */
export function mayMakeTransition(
  live: LiveApp,
  workflow: WorkflowMetadata,
  transition: WorkflowTransition,
  principal: Principal,
  record: ApiRecord,
): boolean {
  if (principal.roles.includes(ADMIN_ROLE)) return true;
  if (transition.roles) return transition.roles.some((role) => principal.roles.includes(role));
  const entity = live.entities.get(workflow.entity);
  if (!entity) return false;
  const auth = live.policy.authorize(principal, entity, 'update');
  return auth.allowed && matchesRowFilters(record, auth.rowFilters, principal.id);
}

/**
 * Whether the record meets the transition's guard rule, decided by json-rules-engine on the
 * record as it is now. With a `viewer` (a person making or looking at the transition) the
 * guard runs as they see the world: a guard reading a field they may not see does not hold
 * for them, and reference and count facts only take the rows they may read — so neither the
 * buttons shown nor a refused transition reveal what their policies hide. Timers pass none.
 */
export async function guardHolds(
  em: EntityManager,
  live: LiveApp,
  workflow: WorkflowMetadata,
  transition: WorkflowTransition,
  record: ApiRecord,
  now: Date,
  viewer?: RecordScope,
): Promise<boolean> {
  if (transition.guard === undefined) return true;
  const rule = live.item('rule', transition.guard) as RuleMetadata | undefined;
  const entity = live.entities.get(workflow.entity);
  // Publication checks that the guard exists; a missing one must not let the transition through.
  if (!rule || !entity) return false;
  if (viewer && !ruleFactsReadable(viewer, rule)) return false;
  const related = await loadRelatedRecords(em, live, rule, record, viewer);
  return evaluateRule(rule, record, { now, entity, entities: live.entities, related });
}
