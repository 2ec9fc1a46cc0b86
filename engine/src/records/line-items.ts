import type { EntityManager } from '@mikro-orm/postgresql';
import { columnName, quoteIdent, sqlOf, tableName } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import type { EntityMetadata, FieldDefinition } from '../metadata/types.ts';
import { underPointer } from './errors.ts';
import type { RecordScope } from './scope.ts';
import { createLineItemRecords, createRecord, deleteRecord, type PendingWrites, updateRecord } from './write.ts';

/** The rows given for one line-item collection of a parent write. */
export interface LineItemInput {
  field: FieldDefinition;
  rows: Record<string, unknown>[];
}

/** Splits the line-item collections (arrays of child rows) off a parent's input. */
export function splitLineItems(entity: EntityMetadata, input: Record<string, unknown>) {
  const fields: Record<string, unknown> = {};
  const lineItems: LineItemInput[] = [];
  for (const [name, value] of Object.entries(input)) {
    const field = entity.fields.find((each) => each.name === name);
    if (field?.type === 'collection' && field.lineItems && Array.isArray(value)) {
      lineItems.push({ field, rows: value as Record<string, unknown>[] });
    } else {
      fields[name] = value;
    }
  }
  return { fields, lineItems };
}

/**
 * Writes the parent's line items in its transaction, each through the record service as the
 * same caller (so the child entity's permissions, validation, audit and events apply). On
 * update the rows given replace the collection: rows with an `id` are updated, rows without
 * one created, and the parent's rows not given deleted. Errors point into the parent's body
 * (`/items/2/fee`); any of them rolls the whole write back. New rows of a create leave their
 * audit rows and events to the parent (see `createLineItemRecords`).
 */
export async function writeLineItems(
  scope: RecordScope,
  em: EntityManager,
  parent: { entity: EntityMetadata; id: string },
  lineItems: readonly LineItemInput[],
  mode: 'create' | 'update',
): Promise<PendingWrites> {
  const pending: PendingWrites = { audits: [], writes: [] };
  for (const { field, rows } of lineItems) {
    const target = field.target as string;
    const inverse = field.inverse as string;
    const childScope = { ...scope, em, lineItemParent: { entity: parent.entity.name, id: parent.id, inverse } };
    for (const [index, row] of rows.entries()) {
      if (inverse in row) {
        throw located(
          lineItemError(`/${field.name}/${index}/${inverse}`, 'record.lineItemParent', parentMessage(inverse)),
        );
      }
    }
    if (mode === 'create') {
      const values = rows.map((row) => ({ ...row, [inverse]: parent.id }));
      const created = await createLineItemRecords(childScope, target, values, (index) => `/${field.name}/${index}`);
      pending.audits.push(...created.audits);
      pending.writes.push(...created.writes);
      continue;
    }
    const existing = mode === 'update' ? await childIds(em, target, inverse, parent.id) : new Set<string>();
    const kept = new Set<string>();
    for (const [index, row] of rows.entries()) {
      const at = `/${field.name}/${index}`;
      if (inverse in row)
        throw located(lineItemError(`${at}/${inverse}`, 'record.lineItemParent', parentMessage(inverse)));
      await locatedAt(at, async () => {
        const { id, ...values } = row;
        if (id === undefined) {
          await createRecord(childScope, target, { ...values, [inverse]: parent.id });
          return;
        }
        if (typeof id !== 'string' || !existing.has(id.toLowerCase())) {
          throw located(lineItemError('/id', 'record.lineItemUnknown', unknownRowMessage(field.name)));
        }
        kept.add(id.toLowerCase());
        if (Object.keys(values).length > 0) await updateRecord(childScope, target, id, values);
      });
    }
    for (const id of existing) if (!kept.has(id)) await deleteRecord(childScope, target, id);
  }
  return pending;
}

async function childIds(em: EntityManager, target: string, inverse: string, parentId: string): Promise<Set<string>> {
  const column = quoteIdent(columnName({ name: inverse, type: 'reference' }));
  const rows = await sqlOf(em).query<{ id: string }>(
    `select id::text as id from ${quoteIdent(tableName(target))} where ${column} = ?::uuid`,
    [parentId],
  );
  return new Set(rows.map((row) => row.id));
}

/** Runs a child write, moving the pointers of its errors under the row's place in the parent's body. */
async function locatedAt(at: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw error instanceof KibanError ? underPointer(error, at) : error;
  }
}

function lineItemError(pointer: string, code: string, message: { ja: string; en: string }) {
  return { pointer, code, message };
}

function located(detail: { pointer: string; code: string; message: { ja: string; en: string } }): KibanError {
  return new KibanError(detail.code, 422, { ja: '入力内容に誤りがあります。', en: 'The record has invalid values.' }, [
    detail,
  ]);
}

function parentMessage(inverse: string) {
  return {
    ja: `明細の「${inverse}」は親レコードを指し、自動で設定されます。`,
    en: `A line item's "${inverse}" points to its parent and is set for you.`,
  };
}

function unknownRowMessage(collection: string) {
  return {
    ja: `この id の行は「${collection}」にありません。新しい行には id を書かないでください。`,
    en: `No row of "${collection}" has this id; leave id out for a new row.`,
  };
}
