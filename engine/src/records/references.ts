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

function referenceNotFound(field: string): KibanError {
  const message = { ja: '参照先のレコードが見つかりません。', en: 'The referenced record was not found.' };
  return new KibanError('record.referenceNotFound', 404, message, [
    { pointer: `/${field}`, code: 'record.referenceNotFound', message },
  ]);
}
