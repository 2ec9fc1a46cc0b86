import type { EntityManager } from '@mikro-orm/postgresql';
import { type FilterReferences, filterReferences, matchesRowFilters } from '../access/index.ts';
import type { ApiRecord } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import type { EntityMetadata, Filter, RecordLock } from '../metadata/index.ts';
import { describeCondition } from '../rules/describe.ts';
import { recordMeets } from '../rules/record-condition.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { rowNotAllowed } from './errors.ts';
import type { Authorized, RecordScope } from './scope.ts';

export interface RowCheck {
  /** Whether the locks are decided on this state of the record (see `writeLocks`). */
  locks: boolean;
}

/**
 * A write may go ahead on `row` when a granting permission's row condition covers it (403
 * `access.rowDenied` otherwise) and — when `locks` — neither every covering grant is locked
 * for it nor the entity's own `lockedWhen` holds (409 `record.locked`, naming the condition).
 * The entity's lock binds everyone but a workflow transition, which is how a locked record's
 * state still moves.
 */
export async function checkRowWritable(
  em: EntityManager,
  scope: RecordScope,
  { entity, auth }: Authorized,
  row: ApiRecord,
  { locks }: RowCheck,
): Promise<void> {
  const conditions = auth.grants.flatMap((grant) => (grant.where ? [grant.where] : []));
  const references = await loadRowReferences(em, scope.live, entity, conditions, row);
  const covering = auth.grants.filter(
    (grant) => !grant.where || matchesRowFilters(row, [grant.where], scope.principal, references),
  );
  if (covering.length === 0) throw rowNotAllowed(entity.name);
  if (!locks) return;
  let lock: RecordLock | undefined;
  for (const grant of covering) {
    const holds = grant.lockedWhen && (await recordMeets(em, scope.live, entity, grant.lockedWhen.condition, row));
    if (!holds) {
      lock = undefined;
      break;
    }
    lock ??= grant.lockedWhen;
  }
  if (!lock && entity.lockedWhen && scope.workflow === undefined) {
    if (await recordMeets(em, scope.live, entity, entity.lockedWhen.condition, row)) lock = entity.lockedWhen;
  }
  if (lock) throw recordLocked(scope.live, entity, lock);
}

/** The records the row conditions' `reference.field` keys reach from `row`, read in the write's transaction. */
export async function loadRowReferences(
  em: EntityManager,
  live: LiveApp,
  entity: EntityMetadata,
  conditions: Filter[],
  row: ApiRecord,
): Promise<FilterReferences> {
  const references: Record<string, ApiRecord | null> = {};
  for (const name of filterReferences(conditions)) {
    const field = entity.fields.find((each) => each.name === name);
    const schema = field?.target === undefined ? undefined : live.schemas.get(field.target);
    const id = row[name];
    references[name] =
      schema && typeof id === 'string'
        ? ((await em.findOne(schema, { id }, { disableIdentityMap: true })) as ApiRecord | null)
        : null;
  }
  return references;
}

function recordLocked(live: LiveApp, entity: EntityMetadata, lock: RecordLock): KibanError {
  const reason = describeCondition(lock.condition, entity, live.entities);
  const label = { ja: entity.label.ja, en: entity.label.en ?? entity.name };
  const message = {
    ja: lock.message?.ja ?? `${reason.ja} のため、この${label.ja}は作成・変更・削除できません。`,
    en: lock.message?.en ?? `This ${label.en} cannot be created, changed or deleted: ${reason.en}.`,
  };
  return new KibanError('record.locked', 409, message, [
    { pointer: '', code: 'record.locked', message: { ja: reason.ja, en: reason.en } },
  ]);
}
