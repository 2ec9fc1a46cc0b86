import type { EntityManager } from '@mikro-orm/postgresql';
import { KibanError } from '../errors.ts';
import type { EntityMetadata } from '../metadata/index.ts';
import { markDenial, rowExists } from './denials.ts';
import { authorization, type RecordScope, rowPolicyFilter } from './scope.ts';

/**
 * A reference may only point at a row its writer may read. A row they may not read answers
 * exactly like one that does not exist (404), so that writing references is no way to learn
 * which ids exist; the audit trail still tells the two apart. An update that leaves a
 * reference as `stored` had it is no new pointer and passes (a form sends every field back).
 */
export async function checkReferences(
  em: EntityManager,
  scope: RecordScope,
  entity: EntityMetadata,
  input: Record<string, unknown>,
  stored?: Record<string, unknown>,
): Promise<void> {
  for (const field of entity.fields) {
    const id = input[field.name];
    if (field.type !== 'reference' || !field.target || typeof id !== 'string') continue;
    if (stored && stored[field.name] === id) continue;
    // The link of a line item to the parent written with it is the engine's, not the caller's.
    if (scope.lineItemParent?.inverse === field.name && scope.lineItemParent.id === id) continue;
    const target = scope.live.entities.get(field.target);
    const schema = scope.live.schemas.get(field.target);
    if (!target || !schema) throw referenceNotFound(field.name);
    const auth = authorization(scope, target, 'read');
    const readable = auth.allowed
      ? await em.count(schema, { $and: [{ id }, rowPolicyFilter(scope, { entity: target, auth })] } as never)
      : 0;
    if (readable > 0) continue;
    const error = referenceNotFound(field.name);
    throw (await rowExists(em, schema, id))
      ? markDenial(error, { entity: entity.name, fields: [field.name], target: target.name })
      : error;
  }
}

/**
 * Whether every reference of several new rows (a parent's line items) points at a row the
 * writer may read, asked in one query per reference field instead of one per row and field.
 * False says only that some row needs `checkReferences` to find and answer its refusal.
 */
export async function allReferencesReadable(
  em: EntityManager,
  scope: RecordScope,
  entity: EntityMetadata,
  rows: readonly Record<string, unknown>[],
): Promise<boolean> {
  for (const field of entity.fields) {
    if (field.type !== 'reference' || !field.target) continue;
    const ids = new Set<string>();
    for (const row of rows) {
      const id = row[field.name];
      if (typeof id !== 'string') continue;
      if (scope.lineItemParent?.inverse === field.name && scope.lineItemParent.id === id) continue;
      ids.add(id);
    }
    if (ids.size === 0) continue;
    const target = scope.live.entities.get(field.target);
    const schema = scope.live.schemas.get(field.target);
    if (!target || !schema) return false;
    const auth = authorization(scope, target, 'read');
    if (!auth.allowed) return false;
    // Ids that differ only in case count twice here and once in the database: the rows are then checked one by one.
    const policy = rowPolicyFilter(scope, { entity: target, auth });
    const readable = await em.count(schema, { $and: [{ id: { $in: [...ids] } }, policy] } as never);
    if (readable < ids.size) return false;
  }
  return true;
}

function referenceNotFound(field: string): KibanError {
  const message = { ja: '参照先のレコードが見つかりません。', en: 'The referenced record was not found.' };
  return new KibanError('record.referenceNotFound', 404, message, [
    { pointer: `/${field}`, code: 'record.referenceNotFound', message },
  ]);
}
