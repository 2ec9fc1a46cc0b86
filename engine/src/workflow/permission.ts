import type { EntityManager } from '@mikro-orm/postgresql';
import { ADMIN_ROLE, matchesRowFilters, type Principal } from '../access/index.ts';
import type { ApiRecord } from '../data/index.ts';
import type { RuleCondition, RuleMetadata, WorkflowMetadata, WorkflowTransition } from '../metadata/index.ts';
import type { RecordScope } from '../records/index.ts';
import { loadRowReferences } from '../records/row-checks.ts';
import {
  type Described,
  describeCondition,
  evaluateRule,
  loadRelatedRecords,
  recordMeets,
  ruleFactsReadable,
} from '../rules/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';

/**
 * Who may make a transition: with `roles`, a holder of one of them; without, anyone whose
 * update permission covers the record. Administrators may always.
 */
export async function mayMakeTransition(
  em: EntityManager,
  live: LiveApp,
  workflow: WorkflowMetadata,
  transition: WorkflowTransition,
  principal: Principal,
  record: ApiRecord,
): Promise<boolean> {
  if (principal.roles.includes(ADMIN_ROLE)) return true;
  if (transition.roles) return transition.roles.some((role) => principal.roles.includes(role));
  const entity = live.entities.get(workflow.entity);
  if (!entity) return false;
  const auth = live.policy.authorize(principal, entity, 'update');
  if (!auth.allowed) return false;
  if (auth.rowFilters === null) return true;
  const references = await loadRowReferences(em, live, entity, auth.rowFilters, record);
  return matchesRowFilters(record, auth.rowFilters, principal, references);
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

/** A part of a guard that does not hold: where it is in the rule, and what it says, with field labels. */
export interface FailedCondition {
  pointer: string;
  described: Described;
}

/**
 * Which parts of the transition's guard the record fails: each failing member of an `all`
 * (looking into nested `all`s), or else the whole condition. A refusal then says which
 * condition failed, naming fields by their labels. For a `viewer`, the parts are decided as
 * `guardHolds` decides for them, and a guard reading what they may not see names no part.
 */
export async function failedGuardParts(
  em: EntityManager,
  live: LiveApp,
  workflow: WorkflowMetadata,
  transition: WorkflowTransition,
  record: ApiRecord,
  now: Date,
  viewer?: RecordScope,
): Promise<FailedCondition[]> {
  const rule = transition.guard === undefined ? undefined : (live.item('rule', transition.guard) as RuleMetadata);
  const entity = live.entities.get(workflow.entity);
  if (!rule || !entity || (viewer && !ruleFactsReadable(viewer, rule))) return [];
  const failing = async (condition: RuleCondition, pointer: string): Promise<FailedCondition[]> => {
    if (await recordMeets(em, live, entity, condition, record, now, viewer)) return [];
    if (!('all' in condition)) return [{ pointer, described: describeCondition(condition, entity, live.entities) }];
    const parts = await Promise.all(condition.all.map((part, i) => failing(part, `${pointer}/all/${i}`)));
    return parts.flat();
  };
  return failing(rule.condition, '/condition');
}
