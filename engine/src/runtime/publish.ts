import { isDeepStrictEqual } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { type Principal, recordAudit } from '../access/index.ts';
import {
  type AppliedMigration,
  applyMigration,
  type MigrationPlan,
  planMigration,
  readLiveSchema,
  type Sql,
  sqlOf,
} from '../data/index.ts';
import { KibanError } from '../errors.ts';
import {
  deletePublishedDrafts,
  type EntityMetadata,
  type FieldTypeRegistry,
  type ItemKey,
  loadPublished,
  type MetadataItem,
  NO_PLUGIN_FIELD_TYPES,
  resolveAllFieldTypes,
  validateMetadata,
  writePublication,
} from '../metadata/index.ts';
import { withBackfills } from './plan-backfill.ts';

export interface MetadataChanges {
  upserts: MetadataItem[];
  removals: ItemKey[];
}

export interface PublishOptions {
  /** Apply destructive migration steps (their data is backed up first). */
  confirmDestructive: boolean;
  /** Validate and plan only; nothing is written. */
  dryRun: boolean;
  principal: Principal | null;
  /** Runs inside the publication's transaction after the metadata is written, e.g. to record a package import. */
  withinTransaction?: (sql: Sql, outcome: PublishOutcome) => Promise<void>;
  /** The plugin field types the metadata may use; the engine sets them from its loaded plugins. */
  fieldTypes?: FieldTypeRegistry;
}

export interface PublishOutcome {
  applied: boolean;
  publicationId: number | null;
  /** Items whose content changes with this publication. */
  changed: ItemKey[];
  removed: ItemKey[];
  plan: MigrationPlan;
  backups: AppliedMigration['backups'];
  /** Every published item after the publication (or as it would be, for a dry run). */
  items: MetadataItem[];
}

/** Serialises publications across every engine node sharing the database. */
export const PUBLISH_LOCK = 4_201_775;

/**
 * Validates the app as it would be after the changes, plans the migration from the live
 * schema, and applies migration and new metadata versions in ONE transaction. Refusals
 * (invalid metadata, blocked or unconfirmed destructive steps) roll everything back.
 */
export async function publishMetadata(
  orm: MikroORM,
  changes: MetadataChanges,
  options: PublishOptions,
): Promise<PublishOutcome> {
  return orm.em.fork().transactional(async (em) => {
    const sql = sqlOf(em);
    await sql.query('select pg_advisory_xact_lock(?)', [PUBLISH_LOCK]);
    const current = (await loadPublished(sql)).map((published) => published.item);
    const { items, changed, removed } = mergeChanges(current, changes);
    const fieldTypes = options.fieldTypes ?? NO_PLUGIN_FIELD_TYPES;
    const errors = validateMetadata(items, { fieldTypes });
    if (errors.length > 0) {
      throw new KibanError(
        'metadata.invalid',
        422,
        {
          ja: `メタデータに ${errors.length} 件の問題があります。`,
          en: `The metadata has ${errors.length} problem(s).`,
        },
        errors.map((error) => ({
          pointer: `/${error.kind}/${error.name}${error.pointer}`,
          code: error.code,
          message: error.message,
        })),
      );
    }
    const entities = resolveAllFieldTypes(items, fieldTypes).filter(
      (item): item is EntityMetadata => item.kind === 'entity',
    );
    const previous = current.filter((item): item is EntityMetadata => item.kind === 'entity');
    const plan = withBackfills(await planMigration(entities, await readLiveSchema(sql), sql), previous, entities);
    if (options.dryRun) return { applied: false, publicationId: null, changed, removed, plan, backups: [], items };
    const applied: AppliedMigration = await applyMigration(sql, plan, {
      confirmDestructive: options.confirmDestructive,
    });
    const publicationId = await recordPublication(sql, changes, { changed, removed, plan, options });
    await deletePublishedDrafts(sql, changes.upserts);
    const outcome = { applied: true, publicationId, changed, removed, plan, backups: applied.backups, items };
    await options.withinTransaction?.(sql, outcome);
    return outcome;
  });
}

async function recordPublication(
  sql: Sql,
  changes: MetadataChanges,
  context: { changed: ItemKey[]; removed: ItemKey[]; plan: MigrationPlan; options: PublishOptions },
): Promise<number | null> {
  const { changed, removed, plan, options } = context;
  if (changed.length === 0 && removed.length === 0) return null;
  const isChanged = (item: MetadataItem) => changed.some((key) => sameKey(key, item));
  const summary = { changed, removed };
  const publicationId = await writePublication(sql, {
    upserts: changes.upserts.filter(isChanged),
    removals: removed,
    publishedBy: options.principal?.id ?? null,
    summary,
    migration: plan,
  });
  await recordAudit(sql, {
    principal: options.principal,
    action: 'metadata.publish',
    detail: { publicationId, ...summary, steps: plan.steps.length },
  });
  return publicationId;
}

/** The app after the changes, and which items really differ from what is published. */
export function mergeChanges(current: MetadataItem[], changes: MetadataChanges) {
  const next = new Map(current.map((item) => [keyOf(item), item]));
  const removed: ItemKey[] = [];
  for (const key of changes.removals) {
    if (next.delete(keyOf(key))) removed.push({ kind: key.kind, name: key.name });
  }
  const changed: ItemKey[] = [];
  for (const item of changes.upserts) {
    const before = next.get(keyOf(item));
    if (!before || !isDeepStrictEqual(before, item)) changed.push({ kind: item.kind, name: item.name });
    next.set(keyOf(item), item);
  }
  return { items: [...next.values()], changed, removed };
}

function keyOf(key: ItemKey): string {
  return `${key.kind}:${key.name}`;
}

function sameKey(a: ItemKey, b: ItemKey): boolean {
  return a.kind === b.kind && a.name === b.name;
}
