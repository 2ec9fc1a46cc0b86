import { isDeepStrictEqual } from 'node:util';
import { type MigrationPlan, type MigrationStep, tableName, toPlan } from '../data/index.ts';
import { computeDependencies, computeDependents, computedFields, expressionNodes } from '../metadata/compute-graph.ts';
import type { EntityMetadata, FieldDefinition } from '../metadata/types.ts';
import { backfillStatements } from '../rules/compute/compile-sql.ts';

/**
 * Adds a backfill step for every entity whose computed fields are new or changed, and for the
 * entities whose computed fields read those (their totals move with them), children before
 * parents. Each step is set-based: no statement per row (see backfillStatements).
 */
export function withBackfills(
  plan: MigrationPlan,
  previous: readonly EntityMetadata[],
  next: readonly EntityMetadata[],
): MigrationPlan {
  const entities = new Map(next.map((entity) => [entity.name, entity]));
  const before = new Map(previous.map((entity) => [entity.name, entity]));
  // Per entity, the computed fields to store again; undefined means all of them.
  const changed = new Map<string, Set<string> | undefined>();
  for (const entity of next) {
    const old = before.get(entity.name);
    const fields = entity.fields.filter((field) => {
      const was = old?.fields.find((each) => each.name === field.name);
      return field.compute !== undefined && !isDeepStrictEqual(shapeOf(was), shapeOf(field));
    });
    if (fields.length > 0) changed.set(entity.name, new Set(fields.map((field) => field.name)));
  }
  if (changed.size === 0) return plan;
  const dependents = computeDependents(entities);
  const queue = [...changed.keys()];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    const { parents = [], referrers = [] } = dependents.get(name) ?? {};
    for (const dependent of [...parents, ...referrers]) {
      if (changed.get(dependent.entity) === undefined && changed.has(dependent.entity)) continue;
      changed.set(dependent.entity, undefined);
      queue.push(dependent.entity);
    }
  }
  const steps = dependencyOrder([...changed.keys()], computeDependencies(entities)).map((name) =>
    backfillStep(entities.get(name) as EntityMetadata, entities, changed.get(name)),
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

/** What decides a computed field's stored value. */
function shapeOf(field: FieldDefinition | undefined) {
  return field && [field.type, field.scale, field.maxLength, field.compute ?? null];
}

/**
 * The computed fields to store again: those named (all when none are), and those of the same
 * record that inline one of them.
 */
function fieldsToStore(
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata>,
  names: ReadonlySet<string> | undefined,
) {
  const all = computedFields(entity, entities);
  if (!names) return all;
  return all.filter(
    ({ field, expression }) =>
      names.has(field.name) ||
      expressionNodes(expression).some((node) => node.node === 'field' && node.compute && names.has(node.field.name)),
  );
}

function backfillStep(
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata>,
  names: ReadonlySet<string> | undefined,
): MigrationStep {
  const fields = fieldsToStore(entity, entities, names);
  const listed = fields.map(({ field }) => field.name).join(', ');
  return {
    action: 'backfillComputed',
    table: tableName(entity.name),
    entity: entity.name,
    safety: 'safe',
    // Grouping a big collection and hashing it against the table fits in memory instead of spilling.
    sql: [`set local work_mem = '256MB'`, ...backfillStatements(entity, fields)],
    reason: {
      ja: `エンティティ「${entity.name}」の計算項目（${listed}）を既存のレコードについて計算し直します。`,
      en: `Compute ${listed} of the existing ${entity.name} records.`,
    },
  };
}
