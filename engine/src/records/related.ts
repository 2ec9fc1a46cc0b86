import { KibanError } from '../errors.ts';
import { getRecord, type ListQuery, listRecords, type RecordPage } from './read.ts';
import type { RecordScope } from './scope.ts';

/**
 * The inverse side of a reference (`Branch.applications`): the target records pointing at
 * one parent, listed under the target's own read policy. The parent must be readable too,
 * so a collection never reveals a record its caller cannot see.
 */
export async function listRelated(
  scope: RecordScope,
  entityName: string,
  id: string,
  collection: string,
  query: ListQuery,
): Promise<RecordPage> {
  await getRecord(scope, entityName, id, { audit: false });
  const field = scope.live.entities.get(entityName)?.fields.find((f) => f.name === collection);
  if (field?.type !== 'collection' || !field.target || !field.inverse) {
    throw new KibanError('entity.unknownCollection', 404, {
      ja: `${entityName} に一覧項目「${collection}」はありません。`,
      en: `${entityName} has no collection "${collection}".`,
    });
  }
  const inverse = query.filter[field.inverse] ?? {};
  return listRecords(scope, field.target, {
    ...query,
    filter: { ...query.filter, [field.inverse]: { ...inverse, eq: id } },
  });
}
