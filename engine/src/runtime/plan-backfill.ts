import { isDeepStrictEqual } from 'node:util';
import { type MigrationPlan, type MigrationStep, tableName, toPlan } from '../data/index.ts';
import { computeDependencies, computeDependents, computedFields } from '../metadata/compute-graph.ts';
import type { EntityMetadata } from '../metadata/types.ts';
import { backfillStatement } from '../rules/compute/compile-sql.ts';

/**
 * Adds a backfill step for every entity whose computed fields are new or changed, and for the
 * entities whose computed fields read those (their totals move with them), children before
 * parents. Each step is one set-based UPDATE over the whole table (see backfillStatement).
 */
export function withBackfills(
  plan: MigrationPlan,
  previous: readonly EntityMetadata[],
  next: readonly EntityMetadata[],
): MigrationPlan {
  const entities = new Map(next.map((entity) => [entity.name, entity]));
  const before = new Map(previous.map((entity) => [entity.name, entity]));
  const changed = new Set<string>();
  for (const entity of next) {
    const old = before.get(entity.name);
    const computes = (e: EntityMetadata | undefined) =>
      e?.fields.map((f) => [f.name, f.scale, f.maxLength, f.compute ?? null]);
    if (
      entity.fields.some((field) => field.compute !== undefined) &&
      !isDeepStrictEqual(computes(old), computes(entity))
    ) {
      changed.add(entity.name);
    }
  }
  if (changed.size === 0) return plan;
  const dependents = computeDependents(entities);
  const queue = [...changed];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    const { parents = [], referrers = [] } = dependents.get(name) ?? {};
    for (const dependent of [...parents, ...referrers]) {
      if (!changed.has(dependent.entity)) {
        changed.add(dependent.entity);
        queue.push(dependent.entity);
      }
    }
  }
  const steps = dependencyOrder([...changed], computeDependencies(entities)).map((name) =>
    backfillStep(entities.get(name) as EntityMetadata, entities),
  );
  return toPlan([...plan.steps, ...steps]);
}

/** Entities ordered so that each comes after the entities its computed fields read. */
function dependencyOrder(names: string[], reads: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return;
    for (const read of reads.get(name) ?? []) if (names.includes(read)) visit(read, new Set([...path, name]));
    ordered.push(name);
  };
  for (const name of names) visit(name, new Set());
  return ordered;
}

function backfillStep(entity: EntityMetadata, entities: ReadonlyMap<string, EntityMetadata>): MigrationStep {
  const fields = computedFields(entity, entities);
  const names = fields.map(({ field }) => field.name).join(', ');
  return {
    action: 'backfillComputed',
    table: tableName(entity.name),
    entity: entity.name,
    safety: 'safe',
    sql: [backfillStatement(entity, fields)],
    reason: {
      ja: `エンティティ「${entity.name}」の計算項目（${names}）を既存のレコードについて計算し直します。`,
      en: `Compute ${names} of the existing ${entity.name} records.`,
    },
  };
}
