import type { EntityManager, EntitySchema, FilterQuery } from '@mikro-orm/postgresql';
import type { AuditInput, Authorization, Principal } from '../access/index.ts';
import { bindPrincipal, referenceOf } from '../access/index.ts';
import { type ApiRecord, compileFilter, compileReferenceFilter } from '../data/index.ts';
import type { EntityAction, EntityMetadata, Filter } from '../metadata/index.ts';
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
  /** Set when a plugin acts; its name goes into every audit entry. */
  plugin?: ActingPlugin;
  /**
   * Set when a workflow transition writes, by the workflow runtime only: the workflow's
   * authority (every row and field, its state field included); its name goes into the audit.
   */
  workflow?: string;
  /**
   * Set when a principal acts for `principal` (the record API's `Kiban-On-Behalf-Of`, allowed by
   * a plugin's delegation): `principal`'s policies decide and its records are the ones written
   * and read; the audit names `actor` as who acted, with `onBehalfOf` and the allowing plugin.
   */
  delegate?: { actor: Principal; plugin: string };
  /**
   * Set by the record service when it writes a parent's line items: the parent recomputes its
   * computed fields once after all of them, instead of once per row.
   */
  lineItemParent?: { entity: string; id: string; inverse: string };
}

export interface ActingPlugin {
  name: string;
  /** The plugin acting as itself: every action on every row and field, and it may set `owner`. */
  system: boolean;
}

/** One write: which record, by whom; never its values. */
export interface RecordChange {
  action: 'created' | 'updated' | 'deleted';
  entity: string;
  id: string;
  /** The version written; null for a deletion. */
  version: number | null;
  principal: Principal;
  plugin?: ActingPlugin;
}

/**
 * Work that must commit with a record write, run inside the write's transaction after its
 * audit row (the write's outbox event, …): when it throws, the write rolls back.
 */
export type RecordWrittenListener = ((em: EntityManager, change: RecordChange, live: LiveApp) => Promise<void>) & {
  /**
   * The same work for several writes of one transaction at once (a parent's line items), when
   * the listener can do it in fewer statements; otherwise it is called once per write.
   */
  many?: (em: EntityManager, changes: readonly RecordChange[], live: LiveApp) => Promise<void>;
  /**
   * `many` in two parts, so that the rows the listener only appends (the outbox events) ride
   * on a statement the write runs anyway: `appends`, then `after` for the rest of its work.
   */
  staged?: (changes: readonly RecordChange[], live: LiveApp) => StagedWork;
};

/** The work of write listeners for writes of one transaction, in two parts. */
export interface StagedWork {
  /** Inserts that return nothing, values inlined (no bind parameters): see `withAppends`. */
  appends: string[];
  /** The rest of the work, run once the appends have been sent. */
  after(em: EntityManager): Promise<void>;
}

/** What the system actor of a plugin may do: everything. */
const UNRESTRICTED: Authorization = {
  allowed: true,
  rowFilters: null,
  hiddenFields: new Set(),
  readOnlyFields: new Set(),
  grants: [{}],
};

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
  const auth = authorization(scope, entity, action);
  if (!auth.allowed) throw actionDenied(entityName, action);
  return { entity, schema, auth };
}

/** The policy's decision for the scope's principal; a plugin's system actor passes every policy. */
export function authorization(scope: RecordScope, entity: EntityMetadata, action: EntityAction): Authorization {
  return scope.plugin?.system || scope.workflow !== undefined
    ? UNRESTRICTED
    : scope.live.policy.authorize(scope.principal, entity, action);
}

/** Inside the write's transaction, after its audit: the live app's listeners, whose work commits with the write. */
export async function recordWritten(
  em: EntityManager,
  scope: RecordScope,
  write: Omit<RecordChange, 'principal' | 'plugin'>,
): Promise<RecordChange> {
  const change = { ...write, principal: scope.principal, ...(scope.plugin ? { plugin: scope.plugin } : {}) };
  await scope.live.recordWritten(em, change);
  return change;
}

/**
 * The changes of writes of one transaction and the listeners' work for them, their audit
 * entries first among its appends (see `LiveApp.stageWrites`).
 */
export function stagedWrites(
  scope: RecordScope,
  writes: readonly Omit<RecordChange, 'principal' | 'plugin'>[],
  audits: readonly AuditInput[],
): { changes: RecordChange[]; work: StagedWork } {
  const changes = writes.map((write) => ({
    ...write,
    principal: scope.principal,
    ...(scope.plugin ? { plugin: scope.plugin } : {}),
  }));
  return { changes, work: scope.live.stageWrites(changes, audits) };
}

/**
 * After the write committed: tells the live app. A write that joined the scope's own
 * transaction (`em`) has not committed yet; the owner of that transaction reports its commit.
 */
export function reportChange(scope: RecordScope, change: RecordChange): void {
  if (!scope.em) scope.live.reportChange(change);
}

/** Who the audit trail names as acting: the delegate when one acts for the scope's principal. */
export function auditPrincipal(scope: RecordScope): Principal {
  return scope.delegate?.actor ?? scope.principal;
}

/** Audit detail naming the plugin or workflow that acted, and for whom a delegate acted, if so. */
export function auditDetail(scope: RecordScope): { detail?: Record<string, unknown> } {
  const detail = {
    ...(scope.plugin ? { plugin: scope.plugin.name } : {}),
    ...(scope.workflow !== undefined ? { workflow: scope.workflow } : {}),
    ...(scope.delegate ? { onBehalfOf: scope.principal.id, delegation: scope.delegate.plugin } : {}),
  };
  return Object.keys(detail).length > 0 ? { detail } : {};
}

/**
 * The row-level policy as a SQL-side filter: the OR of the granting permissions' conditions,
 * with the principal's id and attributes bound as values. A condition naming an attribute the
 * principal lacks covers no row, so it is left out; when none is left, no row matches.
 */
export function rowPolicyFilter(
  scope: RecordScope,
  { entity, auth }: Pick<Authorized, 'entity' | 'auth'>,
): FilterQuery<ApiRecord> {
  if (auth.rowFilters === null) return {};
  const alternatives = auth.rowFilters.flatMap((filter) => {
    const bound = bindPrincipal(filter, scope.principal);
    return bound === null ? [] : [compileRowCondition(scope, entity, bound)];
  });
  if (alternatives.length === 0) return { id: null };
  return alternatives.length === 1 ? alternatives[0] : { $or: alternatives };
}

/** One bound row condition: its own fields as a filter, its `reference.field` keys as subqueries. */
function compileRowCondition(scope: RecordScope, entity: EntityMetadata, filter: Filter): FilterQuery<ApiRecord> {
  const own: Filter = {};
  const through: Filter = {};
  for (const [key, operators] of Object.entries(filter)) {
    if (referenceOf(key) === undefined) own[key] = operators;
    else through[key] = operators;
  }
  const compiled = compileFilter(entity, own, { userId: scope.principal.id });
  if (Object.keys(through).length === 0) return compiled;
  const subqueries = compileReferenceFilter(entity, scope.live.entities, through);
  return Object.keys(own).length === 0 ? subqueries : { $and: [compiled, subqueries] };
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
