import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { ApiRecord } from '../data/index.ts';
import { resolveFact } from '../metadata/rule-facts.ts';
import type { EntityMetadata, RuleCondition, RuleMetadata } from '../metadata/types.ts';
import type { RecordScope } from '../records/index.ts';
import { authorization, rowPolicyFilter } from '../records/scope.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import type { RelatedRecords } from './evaluate.ts';

/**
 * Loads what `evaluateRule` needs around one subject, in the caller's transaction: the record
 * each reference fact goes through and the records of each counted collection. Only what the
 * rule mentions is read, one query per reference or collection. With a `viewer`, only rows
 * their row policy lets them read take part, as in the SQL interpreter's `readableIds`.
 */
export async function loadRelatedRecords(
  em: EntityManager,
  live: LiveApp,
  rule: RuleMetadata,
  subject: ApiRecord,
  viewer?: RecordScope,
): Promise<RelatedRecords> {
  const entity = live.entities.get(rule.entity) as EntityMetadata;
  const readable = (target: EntityMetadata, condition: FilterQuery<ApiRecord>): FilterQuery<ApiRecord> =>
    viewer
      ? { $and: [condition, rowPolicyFilter(viewer, { entity: target, auth: authorization(viewer, target, 'read') })] }
      : condition;
  const related: Record<string, ApiRecord | ApiRecord[] | null> = {};
  for (const comparison of comparisonsIn(rule.condition)) {
    const fact = resolveFact(comparison, entity, live.entities);
    if ('problem' in fact) continue;
    if (fact.source === 'reference' && !(fact.reference.name in related)) {
      const id = subject[fact.reference.name];
      const schema = live.schemas.get(fact.target.name);
      related[fact.reference.name] =
        id == null || !schema
          ? null
          : ((await em.findOne(schema, readable(fact.target, { id }), {
              disableIdentityMap: true,
            })) as ApiRecord | null);
    } else if (fact.source === 'count' && !(fact.field.name in related)) {
      const schema = live.schemas.get(fact.target.name);
      related[fact.field.name] = schema
        ? ((await em.find(schema, readable(fact.target, { [fact.inverse.name]: subject.id }), {
            disableIdentityMap: true,
          })) as ApiRecord[])
        : [];
    }
  }
  return related;
}

function comparisonsIn(condition: RuleCondition): Extract<RuleCondition, { fact: string }>[] {
  if ('all' in condition) return condition.all.flatMap(comparisonsIn);
  if ('any' in condition) return condition.any.flatMap(comparisonsIn);
  if ('not' in condition) return comparisonsIn(condition.not);
  return [condition];
}
