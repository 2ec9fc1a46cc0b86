import type { EntityManager, EntitySchema, FilterQuery } from '@mikro-orm/postgresql';
import type { Authorization, Principal } from '../access/index.ts';
import { type ApiRecord, compileFilter } from '../data/index.ts';
import type { EntityAction, EntityMetadata } from '../metadata/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { actionDenied, unknownEntity } from './errors.ts';

/**
 * Who is asking, against which generation of the app. Plugins get the same scope (with
 * their transaction's EntityManager), so they pass through exactly the policies REST does.
 */
export interface RecordScope {
  live: LiveApp;
  principal: Principal;
  /** Run inside this transaction instead of a fresh one. */
  em?: EntityManager;
}

export interface Authorized {
  entity: EntityMetadata;
  /** The entity's MikroORM schema in this generation. */
  schema: EntitySchema<ApiRecord>;
  auth: Authorization;
}

/** The published entity and what the principal may do with it; throws unless `action` is allowed. */
export function authorize(scope: RecordScope, entityName: string, action: EntityAction): Authorized {
  const entity = scope.live.entities.get(entityName);
  const schema = scope.live.schemas.get(entityName);
  if (!entity || !schema) throw unknownEntity(entityName);
  const auth = scope.live.policy.authorize(scope.principal, entity, action);
  if (!auth.allowed) throw actionDenied(entityName, action);
  return { entity, schema, auth };
}

/** The row-level policy as a SQL-side filter: the OR of the granting permissions' conditions. */
export function rowPolicyFilter(scope: RecordScope, { entity, auth }: Authorized): FilterQuery<ApiRecord> {
  if (auth.rowFilters === null) return {};
  const userId = scope.principal.id;
  const alternatives = auth.rowFilters.map((filter) => compileFilter(entity, filter, { userId }));
  if (alternatives.length === 0) return { id: null };
  return alternatives.length === 1 ? alternatives[0] : { $or: alternatives };
}

/** Runs `work` in the scope's transaction, or in a new one. */
export function inScopeTransaction<T>(scope: RecordScope, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return scope.em ? work(scope.em) : scope.live.orm.em.fork().transactional(work);
}

export function entityManager(scope: RecordScope): EntityManager {
  return scope.em ?? scope.live.orm.em.fork();
}

/** Property names a record has in the API, in metadata order. */
export function recordProperties(entity: EntityMetadata): string[] {
  return [
    'id',
    ...entity.fields.filter((f) => f.type !== 'collection').map((f) => f.name),
    'owner',
    'version',
    'createdAt',
    'updatedAt',
  ];
}

/** The API view of a loaded row: only `properties`, in order, with absent values as null. */
export function toApiRecord(row: ApiRecord, properties: readonly string[]): ApiRecord {
  const record: ApiRecord = {};
  for (const name of properties) record[name] = row[name] ?? null;
  return record;
}
