import { compileFilter } from '../data/index.ts';
import type { Filter } from '../metadata/index.ts';
import { refuseHidden } from './read.ts';
import { authorize, entityManager, type RecordScope, rowPolicyFilter } from './scope.ts';

/** How many records match `filter` among those the row policy lets the principal read. */
export async function countRecords(scope: RecordScope, entityName: string, filter: Filter): Promise<number> {
  const authorized = authorize(scope, entityName, 'read');
  refuseHidden(authorized, Object.keys(filter), '/filter');
  const where = {
    $and: [
      compileFilter(authorized.entity, filter, { userId: scope.principal.id }),
      rowPolicyFilter(scope, authorized),
    ],
  };
  return entityManager(scope).count(authorized.schema, where);
}
