import type { EntityManager } from '@mikro-orm/postgresql';
import { columnName, quoteIdent, sqlOf, tableName } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import type { EntityMetadata, FieldDefinition } from '../metadata/index.ts';
import type { RecordScope } from './scope.ts';

/** A parent whose line-item collection a child write changes. */
interface Bounded {
  parent: EntityMetadata;
  collection: FieldDefinition;
  id: string;
}

/**
 * The bounds of a line-item collection (`lineItems.minItems`/`maxItems`) hold however its rows
 * are written: a parent's write checks the rows it carries, and this checks a row written on
 * its own — created, moved to another parent or deleted — by counting its parent's rows in the
 * write's transaction (422 `record.lineItemCount`). `rows` are the child's values before and
 * after the write; the parent writing its own rows is left to itself.
 */
export async function checkLineItemCounts(
  em: EntityManager,
  scope: RecordScope,
  child: EntityMetadata,
  rows: readonly (Readonly<Record<string, unknown>> | undefined)[],
): Promise<void> {
  for (const { parent, collection, id } of boundedParents(scope, child, rows)) {
    const inverse = quoteIdent(columnName({ name: collection.inverse as string, type: 'reference' }));
    const [counted] = await sqlOf(em).query<{ count: number }>(
      `select count(*)::int as count from ${quoteIdent(tableName(child.name))} where ${inverse} = ?::uuid`,
      [id],
    );
    const count = counted?.count ?? 0;
    const { minItems = 0, maxItems = Number.POSITIVE_INFINITY } = collection.lineItems ?? {};
    if (count >= minItems && count <= maxItems) continue;
    throw countError(parent, collection, minItems, maxItems);
  }
}

function boundedParents(
  scope: RecordScope,
  child: EntityMetadata,
  rows: readonly (Readonly<Record<string, unknown>> | undefined)[],
): Bounded[] {
  const found: Bounded[] = [];
  for (const parent of scope.live.entities.values()) {
    for (const collection of parent.fields) {
      const bounds = collection.lineItems;
      if (collection.target !== child.name || !collection.inverse || !bounds) continue;
      if (bounds.minItems === undefined && bounds.maxItems === undefined) continue;
      const ids = new Set(
        rows.map((row) => row?.[collection.inverse as string]).filter((id) => typeof id === 'string'),
      );
      for (const id of ids as Set<string>) {
        const writing = scope.lineItemParent;
        if (writing?.entity === parent.name && writing.id === id) continue;
        found.push({ parent, collection, id });
      }
    }
  }
  return found;
}

function countError(parent: EntityMetadata, collection: FieldDefinition, min: number, max: number): KibanError {
  const bounds = {
    ja: Number.isFinite(max) ? `${min}〜${max} 件` : `${min} 件以上`,
    en: Number.isFinite(max) ? `${min} to ${max}` : `at least ${min}`,
  };
  const message = {
    ja: `「${parent.label.ja}」の「${collection.label.ja}」は ${bounds.ja}です。`,
    en: `A ${parent.label.en ?? parent.name} has ${bounds.en} ${collection.label.en ?? collection.name}.`,
  };
  return new KibanError('record.lineItemCount', 422, message, [
    { pointer: `/${collection.inverse}`, code: 'record.lineItemCount', message },
  ]);
}
