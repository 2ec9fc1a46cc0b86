import type { EntitySchema } from '@mikro-orm/postgresql';
import { personalFieldsIn, recordAudit, shouldAuditRead } from '../access/index.ts';
import { compileFilter, sqlOf } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import type { Filter } from '../metadata/index.ts';
import { refuseHidden } from './read.ts';
import { type Authorized, auditDetail, authorize, entityManager, type RecordScope, rowPolicyFilter } from './scope.ts';

/** How many records match `filter` among those the row policy lets the principal read. */
export async function countRecords(scope: RecordScope, entityName: string, filter: Filter): Promise<number> {
  const authorized = authorize(scope, entityName, 'read');
  refuseHidden(authorized, Object.keys(filter), '/filter');
  return entityManager(scope).count(authorized.schema, policyWhere(scope, authorized, filter));
}

/** One group of `countRecordsBy`: a value of the field (null for records without one) and how many records hold it. */
export interface CountedGroup {
  value: unknown;
  count: number;
}

/**
 * `countRecords` per value of one field, in one `GROUP BY` over the same filter and row policy:
 * a dashboard's counts without reading the rows. The field must be one the principal may
 * see (it could otherwise be read off the group values); a staff count by a personal field
 * is a read of it and audited like one.
 */
export async function countRecordsBy(
  scope: RecordScope,
  entityName: string,
  field: string,
  filter: Filter,
): Promise<CountedGroup[]> {
  const authorized = authorize(scope, entityName, 'read');
  if (!groupable(authorized, field)) throw notGroupable(entityName, field);
  refuseHidden(authorized, [field], '/groupBy');
  refuseHidden(authorized, Object.keys(filter), '/filter');
  const em = entityManager(scope);
  const inner = em
    .createQueryBuilder(authorized.schema as EntitySchema, 'p')
    .select(`p.${field}`)
    .where(policyWhere(scope, authorized, filter) as never);
  const rows = await sqlOf(em).query<{ value: unknown; n: number }>(
    `select g.value, count(*)::int as n from (${inner.getQuery()}) as g(value) group by 1 order by 2 desc`,
    inner.getParams() as unknown[],
  );
  if (shouldAuditRead(scope.principal, authorized.entity, [field]) && rows.length > 0) {
    await recordAudit(sqlOf(em), {
      principal: scope.principal,
      action: 'read',
      entity: entityName,
      fields: personalFieldsIn(authorized.entity, [field]),
      detail: { countBy: field, ...auditDetail(scope).detail },
    });
  }
  return rows.map((row) => ({ value: row.value instanceof Date ? row.value.toISOString() : row.value, count: row.n }));
}

function policyWhere(scope: RecordScope, authorized: Authorized, filter: Filter) {
  return {
    $and: [
      compileFilter(authorized.entity, filter, { userId: scope.principal.id }),
      rowPolicyFilter(scope, authorized),
    ],
  };
}

/** A stored scalar of the record: its own fields (not collections), `owner` and the timestamps. */
function groupable({ entity }: Authorized, field: string): boolean {
  if (field === 'owner' || field === 'createdAt' || field === 'updatedAt') return true;
  return entity.fields.some((each) => each.name === field && each.type !== 'collection');
}

function notGroupable(entity: string, field: string): KibanError {
  const message = {
    ja: `${entity} は項目「${field}」で集計できません。`,
    en: `${entity} cannot be counted by the field "${field}".`,
  };
  return new KibanError('query.unknownField', 400, message, [
    { pointer: '/groupBy', code: 'query.unknownField', message },
  ]);
}
