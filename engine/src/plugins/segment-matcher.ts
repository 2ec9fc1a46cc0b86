import type { DataApi, SegmentMatcher } from '@kiban/sdk';
import type { ApiRecord } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import type { EntityMetadata, RuleCondition, RuleMetadata } from '../metadata/index.ts';
import { isRelativeDate, resolveFact } from '../metadata/rule-facts.ts';
import type { RulesEvaluator } from '../rules/index.ts';
import { conditionRule, evaluationDate, loadRelatedRecords, prepareRulesEvaluator } from '../rules/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import type { InPluginTransaction } from './storage-api.ts';

export interface MatcherDeps {
  inTransaction: InPluginTransaction;
  systemData(): DataApi;
  /** The rules resolved against one published app: refused as `segments.select` refuses them. */
  resolve(live: LiveApp): { metadata: EntityMetadata; rules: RuleMetadata[] };
}

/** The rules planned for one published app and one day, with what they need around a record. */
interface Prepared {
  live: LiveApp;
  today: string;
  /** Some rule reads a window ending now on a datetime: the plan holds only for this instant. */
  instant: boolean;
  metadata: EntityMetadata;
  count: number;
  /** Every condition as one rule, so that the records the facts reach are read once for all. */
  union: RuleMetadata;
  evaluate: RulesEvaluator;
}

function prepare(deps: MatcherDeps, live: LiveApp, now: Date): Prepared {
  const { metadata, rules } = deps.resolve(live);
  const conditions = rules.map((rule) => rule.condition);
  return {
    live,
    today: evaluationDate(now).today,
    instant: conditions.some((condition) => readsInstant(condition, metadata, live.entities)),
    metadata,
    count: rules.length,
    union: conditionRule(metadata, { all: conditions }),
    evaluate: prepareRulesEvaluator(rules, { now, entity: metadata, entities: live.entities }),
  };
}

/**
 * `segments.matcher`: the rules resolved and planned once, then many records asked of them
 * with the one-subject interpreter. The plan is made again when it may no longer hold — another
 * published app, another day, or a rule whose window ends at the current instant.
 */
export async function createSegmentMatcher(deps: MatcherDeps, live: LiveApp): Promise<SegmentMatcher> {
  let prepared = prepare(deps, live, new Date());
  return {
    matches(id) {
      return deps.inTransaction(async ({ em, live: current }) => {
        const now = new Date();
        if (prepared.instant || prepared.live !== current || prepared.today !== evaluationDate(now).today) {
          prepared = prepare(deps, current, now);
        }
        const { metadata, union, evaluate, count } = prepared;
        if (count === 0) return [];
        const record = await deps
          .systemData()
          .get(metadata.name, id)
          .catch((error: unknown) => {
            if (error instanceof KibanError && error.code === 'record.notFound') return undefined;
            throw error;
          });
        if (record === undefined) return Array.from({ length: count }, () => false);
        const related = await loadRelatedRecords(em, current, union, record as ApiRecord);
        return evaluate(record as ApiRecord, related);
      });
    },
  };
}

function readsInstant(
  condition: RuleCondition,
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata>,
): boolean {
  if ('all' in condition) return condition.all.some((each) => readsInstant(each, entity, entities));
  if ('any' in condition) return condition.any.some((each) => readsInstant(each, entity, entities));
  if ('not' in condition) return readsInstant(condition.not, entity, entities);
  const fact = resolveFact(condition, entity, entities);
  if ('problem' in fact || fact.kind !== 'datetime') return false;
  const operands = Array.isArray(condition.value) ? condition.value : [condition.value];
  return condition.op === 'withinDays' || operands.some(isRelativeDate);
}
