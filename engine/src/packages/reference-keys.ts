import type { Sql } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import type { EntityMetadata, FieldDefinition } from '../metadata/index.ts';
import { keyOfRow, readStoredRows, rowKeyText, type StoredRow } from './reference-rows.ts';

/**
 * A reference field of a data set whose rows may name the target row by its natural key
 * (`"ward": { "code": "01" }`) instead of an id, which differs between installations. The
 * target must have a data set of its own listed before, which gives its key.
 */
export interface KeyedReference {
  field: FieldDefinition;
  target: EntityMetadata;
  key: readonly string[];
}

/** Stands in for a keyed reference while a row is checked against the record schema. */
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

export function isKeyObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The reference fields of `entity` whose targets have a data set among `earlier`. */
export function keyedReferences(
  entity: EntityMetadata,
  earlier: readonly { entity: EntityMetadata; key: readonly string[] }[],
): KeyedReference[] {
  return entity.fields.flatMap((field) => {
    const set = field.type === 'reference' ? earlier.find((each) => each.entity.name === field.target) : undefined;
    return set ? [{ field, target: set.entity, key: set.key }] : [];
  });
}

/**
 * A row's keyed references checked (exactly the target's key fields) and set aside: the row
 * to validate (a placeholder id in their place), the problems (pointers relative to the row),
 * and the keys to put back once the row is normalised.
 */
export function takeKeys(row: Record<string, unknown>, keyed: readonly KeyedReference[]) {
  const problems: { pointer: string; message: { ja: string; en: string } }[] = [];
  const keys: Record<string, Record<string, unknown>> = {};
  const toValidate = { ...row };
  for (const { field, target, key } of keyed) {
    const value = row[field.name];
    if (!isKeyObject(value)) continue;
    const names = Object.keys(value);
    if (names.length !== key.length || !key.every((name) => name in value)) {
      problems.push({
        pointer: `/${field.name}`,
        message: {
          ja: `参照先の ${target.name} は、キーの項目（${key.join('、')}）だけで指定してください。`,
          en: `Name the ${target.name} row by its key field(s) only: ${key.join(', ')}.`,
        },
      });
    }
    keys[field.name] = keyOfRow(key, value);
    toValidate[field.name] = PLACEHOLDER_ID;
  }
  return { toValidate, keys, problems };
}

/** The target rows now stored, by the id and by the text of their key. */
async function targetRows(sql: Sql, reference: KeyedReference) {
  const rows = await readStoredRows(sql, reference.target);
  return {
    keyOf: new Map(rows.map((row) => [row.id, keyOfRow(reference.key, row.values)])),
    idOf: new Map(rows.map((row) => [rowKeyText(keyOfRow(reference.key, row.values)), row.id])),
  };
}

/**
 * Stored rows with the ids of keyed references that the package's rows give as keys replaced
 * by the target rows' keys, so that the two compare (an unchanged reference is no change).
 */
export function storedWithKeys(
  sql: Sql,
  stored: readonly StoredRow[],
  keyed: readonly KeyedReference[],
  rows: readonly Record<string, unknown>[],
): Promise<StoredRow[]> {
  const given = keyed.filter((reference) => rows.some((row) => isKeyObject(row[reference.field.name])));
  return withTargetKeys(sql, stored, given);
}

/** Stored rows with the ids of `keyed` references replaced by the keys of the rows they point to (an export writes these). */
export async function withTargetKeys(
  sql: Sql,
  stored: readonly StoredRow[],
  keyed: readonly KeyedReference[],
): Promise<StoredRow[]> {
  let result = [...stored];
  for (const reference of keyed) {
    const name = reference.field.name;
    const { keyOf } = await targetRows(sql, reference);
    result = result.map((row) => {
      const id = row.values[name];
      const key = typeof id === 'string' ? keyOf.get(id) : undefined;
      return key ? { ...row, values: { ...row.values, [name]: key } } : row;
    });
  }
  return result;
}

/** The rows with each key replaced by the id of the target row it names, which must be stored by now. */
export async function rowsWithIds(
  sql: Sql,
  rows: readonly Record<string, unknown>[],
  keyed: readonly KeyedReference[],
  file: string,
): Promise<Record<string, unknown>[]> {
  let result = rows.map((row) => ({ ...row }));
  for (const reference of keyed) {
    const name = reference.field.name;
    if (!rows.some((row) => isKeyObject(row[name]))) continue;
    const { idOf } = await targetRows(sql, reference);
    result = result.map((row, index) => {
      const value = row[name];
      if (!isKeyObject(value)) return row;
      const id = idOf.get(rowKeyText(keyOfRow(reference.key, value)));
      if (id === undefined) throw keyNotFound(file, `/${index}/${name}`, reference);
      return { ...row, [name]: id };
    });
  }
  return result;
}

function keyNotFound(file: string, pointer: string, reference: KeyedReference): KibanError {
  const message = {
    ja: `参照先の ${reference.target.name} の行が見つかりません（キー: ${reference.key.join('、')}）。`,
    en: `No ${reference.target.name} row has this key (${reference.key.join(', ')}).`,
  };
  return new KibanError('package.data.referenceNotFound', 422, message, [
    { pointer: `${file}#${pointer}`, code: 'package.data.referenceNotFound', message },
  ]);
}
