import type { EntityManager } from '@mikro-orm/postgresql';
import type { ApiRecord } from '../data/index.ts';
import type { EntityMetadata, RuleCondition, RuleMetadata } from '../metadata/types.ts';
import type { RecordScope } from '../records/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { evaluateRule } from './evaluate.ts';
import { loadRelatedRecords } from './related-records.ts';

/**
 * Whether a record meets a condition written on its entity in metadata (a lock, a validation),
 * decided by the one-subject interpreter with the records its facts reach, read in `em`'s
 * transaction; with a `viewer`, only the rows they may read (see `loadRelatedRecords`).
 */
export async function recordMeets(
  em: EntityManager,
  live: LiveApp,
  entity: EntityMetadata,
  condition: RuleCondition,
  record: ApiRecord,
  now: Date = new Date(),
  viewer?: RecordScope,
): Promise<boolean> {
  const rule = conditionRule(entity, condition);
  const related = await loadRelatedRecords(em, live, rule, record, viewer);
  return evaluateRule(rule, record, { now, entity, entities: live.entities, related });
}

/** A condition on an entity's records as the anonymous rule both interpreters take. */
export function conditionRule(entity: EntityMetadata, condition: RuleCondition): RuleMetadata {
  return { kind: 'rule', name: 'record-condition', label: { ja: '' }, entity: entity.name, condition };
}

/** The reference fields a condition's facts go through (`request` of `request.status`). */
export function referencesIn(condition: RuleCondition): Set<string> {
  if ('all' in condition) return new Set(condition.all.flatMap((each) => [...referencesIn(each)]));
  if ('any' in condition) return new Set(condition.any.flatMap((each) => [...referencesIn(each)]));
  if ('not' in condition) return referencesIn(condition.not);
  const dot = condition.fact.indexOf('.');
  return dot < 0 ? new Set() : new Set([condition.fact.slice(0, dot)]);
}
