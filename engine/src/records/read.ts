import { type FilterQuery, LockMode } from '@mikro-orm/postgresql';
import { personalFieldsIn, recordAudit, shouldAuditRead } from '../access/index.ts';
import { type ApiRecord, compileFilter, compileSort, cursorFilter, encodeCursor, sqlOf } from '../data/index.ts';
import type { Filter } from '../metadata/index.ts';
import { notFoundUnderPolicy } from './denials.ts';
import { fieldsNotAllowed, recordNotFound } from './errors.ts';
import {
  type Authorized,
  auditDetail,
  auditPrincipal,
  authorize,
  entityManager,
  type RecordScope,
  recordProperties,
  rowPolicyFilter,
  toApiRecord,
} from './scope.ts';
import { unknownProperties } from './unknown-properties.ts';

export interface ListQuery {
  filter: Filter;
  sort?: string;
  limit: number;
  offset: number;
  cursor?: string;
  fields?: string[];
}

export interface RecordPage {
  items: ApiRecord[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One page of records: the caller's filter AND the row policy AND the cursor, sorted with
 * `id` as the final key. Hidden fields can be neither returned, filtered nor sorted on —
 * otherwise a filter would reveal what the field hides.
 */
export async function listRecords(scope: RecordScope, entityName: string, query: ListQuery): Promise<RecordPage> {
  const authorized = authorize(scope, entityName, 'read');
  const { entity, schema } = authorized;
  const selected = selectProperties(authorized, query.fields);
  const sort = compileSort(entity, query.sort);
  refuseHidden(authorized, [...Object.keys(query.filter), ...sort.keys.map((key) => key.field.name)], '/filter');
  const where = allOf([
    compileFilter(entity, query.filter, { userId: scope.principal.id }),
    rowPolicyFilter(scope, authorized),
    query.cursor ? cursorFilter(query.cursor, sort) : {},
  ]);
  const loaded = new Set([...selected, ...sort.keys.map((key) => key.field.name)]);
  const rows = (await entityManager(scope).find(schema, where, {
    orderBy: sort.orderBy,
    limit: query.limit + 1,
    offset: query.offset,
    // Partial loading costs MikroORM a walk over every row; only pay it when columns are left out.
    ...(loaded.size < recordProperties(entity).length ? { fields: [...loaded] as never, populate: [] } : {}),
    disableIdentityMap: true,
  })) as ApiRecord[];
  const page = rows.slice(0, query.limit);
  const nextCursor = rows.length > query.limit ? encodeCursor(page[page.length - 1], sort) : null;
  const items = page.map((row) => toApiRecord(row, selected));
  await auditRead(scope, authorized, items, selected);
  return { items, nextCursor };
}

/** The conjunction of conditions, leaving out empty ones so MikroORM has less to walk. */
function allOf(conditions: FilterQuery<ApiRecord>[]): FilterQuery<ApiRecord> {
  const present = conditions.filter((condition) => Object.keys(condition).length > 0);
  if (present.length <= 1) return present[0] ?? {};
  return { $and: present };
}

/**
 * One record the row policy lets the principal read. `audit: false` only checks that it is
 * readable; `forUpdate` locks the row (`SELECT … FOR UPDATE`) until the scope's transaction ends.
 */
export async function getRecord(
  scope: RecordScope,
  entityName: string,
  id: string,
  options: { audit?: boolean; forUpdate?: boolean } = {},
): Promise<ApiRecord> {
  const authorized = authorize(scope, entityName, 'read');
  const selected = selectProperties(authorized, undefined);
  if (!UUID.test(id)) throw recordNotFound(entityName);
  const em = entityManager(scope);
  const row = (await em.findOne(
    authorized.schema,
    { $and: [{ id }, rowPolicyFilter(scope, authorized)] },
    { disableIdentityMap: true, ...(options.forUpdate ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) },
  )) as ApiRecord | null;
  if (!row) throw await notFoundUnderPolicy(em, authorized, id, recordNotFound(entityName));
  const record = toApiRecord(row, selected);
  if (options.audit !== false) await auditRead(scope, authorized, [record], selected);
  return record;
}

/** The readable properties, or the requested subset of them. */
export function selectProperties(
  { entity, auth }: Pick<Authorized, 'entity' | 'auth'>,
  requested: string[] | undefined,
): string[] {
  const readable = recordProperties(entity).filter((name) => !auth.hiddenFields.has(name));
  if (requested === undefined || requested.length === 0) return readable;
  const unknown = unknownProperties(entity, requested);
  if (unknown) throw unknown;
  refuseHidden({ auth }, requested, '/fields');
  const wanted = new Set(requested);
  return readable.filter((name) => name === 'id' || wanted.has(name));
}

export function refuseHidden({ auth }: Pick<Authorized, 'auth'>, names: string[], base: string): void {
  const hidden = [...new Set(names.filter((name) => auth.hiddenFields.has(name)))];
  if (hidden.length > 0) throw fieldsNotAllowed('access.fieldHidden', hidden, base);
}

/**
 * Staff reads of personal data leave a trace: who read which fields of which records. So does
 * every read by a delegate, whose records they are not.
 */
async function auditRead(scope: RecordScope, { entity }: Authorized, items: ApiRecord[], selected: string[]) {
  if (items.length === 0) return;
  if (!scope.delegate && !shouldAuditRead(scope.principal, entity, selected)) return;
  await recordAudit(sqlOf(entityManager(scope)), {
    principal: auditPrincipal(scope),
    action: 'read',
    entity: entity.name,
    recordIds: items.map((item) => String(item.id)),
    fields: personalFieldsIn(entity, selected),
    ...auditDetail(scope),
  });
}
