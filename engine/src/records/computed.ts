import type { EntityManager } from '@mikro-orm/postgresql';
import { withAppends } from '../data/appends.ts';
import { columnName, quoteIdent, sqlOf, tableName } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import {
  type ComputeDependents,
  type ComputedField,
  computeDependents,
  computedFields,
} from '../metadata/compute-graph.ts';
import type { EntityMetadata } from '../metadata/types.ts';
import { recomputeStatementFor } from '../rules/compute/compile-sql.ts';

/** What recomputation needs of one generation of the app, worked out once per generation. */
interface ComputePlan {
  fields: Map<string, ComputedField[]>;
  dependents: Map<string, ComputeDependents>;
  /** Each entity's recompute statement, compiled on first use. */
  statements: Map<string, (where: string) => string>;
}

const plans = new WeakMap<ReadonlyMap<string, EntityMetadata>, ComputePlan>();

function planOf(entities: ReadonlyMap<string, EntityMetadata>): ComputePlan {
  let plan = plans.get(entities);
  if (!plan) {
    const fields = new Map<string, ComputedField[]>();
    for (const entity of entities.values()) {
      const computed = computedFields(entity, entities);
      if (computed.length > 0) fields.set(entity.name, computed);
    }
    plan = { fields, dependents: computeDependents(entities), statements: new Map() };
    plans.set(entities, plan);
  }
  return plan;
}

/** Computed fields are the engine's to write: any caller naming one gets a located 422. */
export function refuseComputedInput(entity: EntityMetadata, input: Readonly<Record<string, unknown>>): void {
  const named = entity.fields.filter((field) => field.compute !== undefined && field.name in input);
  if (named.length === 0) return;
  throw new KibanError(
    'record.computedReadOnly',
    422,
    { ja: '入力内容に誤りがあります。', en: 'The record has invalid values.' },
    named.map((field) => ({
      pointer: `/${field.name}`,
      code: 'record.computedReadOnly',
      message: {
        ja: `「${field.name}」は計算項目です。値は自動で計算されます。`,
        en: `"${field.name}" is computed; its value is calculated, never written.`,
      },
    })),
  );
}

/**
 * The parents a record is counted in, as its reference values before a write: an update
 * may move it to another parent and a delete removes it, and the old parent's totals change too.
 */
export function parentLinks(
  entities: ReadonlyMap<string, EntityMetadata>,
  entity: string,
  row: Readonly<Record<string, unknown>>,
): ParentLinks {
  const links: ParentLinks = [];
  for (const parent of planOf(entities).dependents.get(entity)?.parents ?? []) {
    const id = row[parent.inverse];
    if (typeof id === 'string') links.push({ entity: parent.entity, id });
  }
  return links;
}

export type ParentLinks = { entity: string; id: string }[];

export interface RecomputeOptions {
  /** The record's own computed fields; false when the record is gone (deleted). */
  self: boolean;
  /** Parents to recompute besides the ones the record now points to. */
  previousParents?: ParentLinks;
  /**
   * The parent writing these records as its line items (through `inverse`): it recomputes
   * itself once after all of them, so they leave it alone.
   */
  skipParent?: { entity: string; id: string; inverse: string };
  /** Appends the record's own recompute statement carries (see `withAppends` and `recomputesItself`). */
  carry?: readonly string[];
}

/** Whether a record of `entity` has computed fields of its own: its write runs a recompute statement. */
export function recomputesItself(entities: ReadonlyMap<string, EntityMetadata>, entity: string): boolean {
  return planOf(entities).fields.has(entity);
}

const MAX_DEPTH = 16;

/** The recompute statement of `entity`'s computed fields for the rows `where` selects. */
function recomputeOf(plan: ComputePlan, entity: EntityMetadata, where: string): string {
  let statement = plan.statements.get(entity.name);
  if (!statement) {
    statement = recomputeStatementFor(entity, plan.fields.get(entity.name) ?? []);
    plan.statements.set(entity.name, statement);
  }
  return statement(where);
}

/**
 * In the write's transaction: stores the record's computed fields, then those of every record
 * whose computed fields read it — the parents aggregating it and the records referring to it —
 * and so on up (metadata checks refuse cycles between entities).
 */
export async function recomputeAfterWrite(
  em: EntityManager,
  entities: ReadonlyMap<string, EntityMetadata>,
  entity: string,
  ids: readonly string[],
  options: RecomputeOptions,
): Promise<Map<string, Record<string, unknown>>> {
  const plan = planOf(entities);
  const stored = new Map<string, Record<string, unknown>>();
  if (!plan.fields.has(entity) && !plan.dependents.has(entity)) return stored;
  await cascade(em, plan, entities, entity, [...ids], options, 0, (rows) => {
    const fields = plan.fields.get(entity) ?? [];
    for (const row of rows) stored.set(String(row.id), apiValues(fields, row));
  });
  return stored;
}

/** The stored values (read back as text) as the API gives them: integers as numbers, the rest as text. */
function apiValues(fields: readonly ComputedField[], row: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [i, { field }] of fields.entries()) {
    const text = row[`v${i}`];
    values[field.name] =
      text === null || text === undefined ? null : field.type === 'integer' ? Number(text) : String(text);
  }
  return values;
}

async function cascade(
  em: EntityManager,
  plan: ComputePlan,
  entities: ReadonlyMap<string, EntityMetadata>,
  entityName: string,
  ids: string[],
  options: RecomputeOptions,
  depth: number,
  onStored?: (rows: Record<string, unknown>[]) => void,
): Promise<void> {
  if (ids.length === 0 || depth > MAX_DEPTH) return;
  const sql = sqlOf(em);
  const entity = entities.get(entityName) as EntityMetadata;
  const fields = plan.fields.get(entityName);
  if (fields && options.self) {
    const statement = withAppends(options.carry ?? [], recomputeOf(plan, entity, `t.id = any(${uuidArray(ids)})`));
    if (onStored) onStored(await sql.query(statement));
    else await sql.run(statement);
  }
  const dependents = plan.dependents.get(entityName);
  if (!dependents) return;
  const table = quoteIdent(tableName(entityName));
  for (const parent of dependents.parents) {
    const skip = options.skipParent;
    // Line items of a parent being written point at it through this reference: nothing to look up.
    if (skip?.entity === parent.entity && skip.inverse === parent.inverse && !options.previousParents?.length) continue;
    const inverse = quoteIdent(columnName({ name: parent.inverse, type: 'reference' }));
    const rows = options.self
      ? await sql.query<{ id: string }>(
          `select distinct ${inverse}::text as id from ${table} where id = any(${uuidArray(ids)}) and ${inverse} is not null`,
        )
      : [];
    const parentIds = new Set(rows.map((row) => row.id));
    for (const link of options.previousParents ?? []) if (link.entity === parent.entity) parentIds.add(link.id);
    if (skip?.entity === parent.entity) parentIds.delete(skip.id);
    await cascade(em, plan, entities, parent.entity, [...parentIds], { self: true }, depth + 1);
  }
  if (!options.self) return;
  for (const referrer of dependents.referrers) {
    const target = entities.get(referrer.entity) as EntityMetadata;
    const reference = quoteIdent(columnName({ name: referrer.reference, type: 'reference' }));
    const changed = await sql.query<{ id: string }>(
      recomputeOf(plan, target, `t.${reference} = any(${uuidArray(ids)})`),
    );
    await cascade(
      em,
      plan,
      entities,
      referrer.entity,
      changed.map((row) => String(row.id)),
      { self: false, previousParents: await currentParents(em, plan, referrer.entity, changed) },
      depth + 1,
    );
  }
}

/** The parents recomputed rows belong to now, for cascading past records already recomputed. */
async function currentParents(
  em: EntityManager,
  plan: ComputePlan,
  entity: string,
  rows: { id: string }[],
): Promise<ParentLinks> {
  const links: ParentLinks = [];
  if (rows.length === 0) return links;
  const table = quoteIdent(tableName(entity));
  for (const parent of plan.dependents.get(entity)?.parents ?? []) {
    const inverse = quoteIdent(columnName({ name: parent.inverse, type: 'reference' }));
    const found = await sqlOf(em).query<{ id: string }>(
      `select distinct ${inverse}::text as id from ${table} where id = any(${uuidArray(rows.map((row) => String(row.id)))}) and ${inverse} is not null`,
    );
    for (const row of found) links.push({ entity: parent.entity, id: row.id });
  }
  return links;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids as a uuid[] literal: statements here carry no bind parameters (see compile-sql.ts). */
function uuidArray(ids: readonly string[]): string {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`Not a uuid: ${JSON.stringify(id)}`);
  return `'{${ids.join(',')}}'::uuid[]`;
}
