import type { Principal } from '../access/index.ts';
import { recordAudit } from '../access/index.ts';
import { columnName, quoteIdent, type Sql, tableName } from '../data/index.ts';
import type { ErrorDetail } from '../errors.ts';
import { appendEvents, type NewEvent } from '../events/index.ts';
import {
  compileRecordValidator,
  type EntityMetadata,
  type FieldTypeRegistry,
  type MetadataItem,
  normalizeRecordInput,
  resolveAllFieldTypes,
} from '../metadata/index.ts';
import { fileProblem } from './package-errors.ts';
import { MANIFEST_FILE } from './read-package.ts';
import { type KeyedReference, keyedReferences, rowsWithIds, storedWithKeys, takeKeys } from './reference-keys.ts';
import { diffRows, keyOfRow, readStoredRows, rowKeyText } from './reference-rows.ts';
import type { DataPlan, ReferenceData } from './types.ts';

/** Reference data checked against the app as it will be: rows normalised like any write. */
export interface CheckedData {
  data: ReferenceData;
  entity: EntityMetadata;
  rows: Record<string, unknown>[];
  /** Reference fields whose rows may name the target row by its key (see `reference-keys.ts`). */
  keyed: KeyedReference[];
}

/**
 * Checks each data set against its entity in the app as the package leaves it: the entity and
 * its key fields exist, every row gives its key once and is a valid new record after the
 * usual normalisation. Problems point into the data file (`data/fees.json#/3/fee`).
 */
export function checkReferenceData(
  items: readonly MetadataItem[],
  fieldTypes: FieldTypeRegistry,
  sets: readonly ReferenceData[],
): { checked: CheckedData[]; problems: ErrorDetail[] } {
  const entities = new Map(
    resolveAllFieldTypes(
      items.filter((item) => item.kind === 'entity'),
      fieldTypes,
    ).map((item) => [item.name, item as EntityMetadata]),
  );
  const problems: ErrorDetail[] = [];
  const checked: CheckedData[] = [];
  sets.forEach((data, index) => {
    const entity = entities.get(data.entity);
    if (!entity) {
      problems.push(
        fileProblem(MANIFEST_FILE, `/data/${index}/entity`, 'package.data.unknownEntity', {
          ja: `データの対象エンティティ ${data.entity} はパッケージにも稼働中のアプリにもありません。`,
          en: `The data's entity ${data.entity} is neither in the package nor in the live app.`,
        }),
      );
      return;
    }
    const names = new Set(entity.fields.filter((field) => field.type !== 'collection').map((field) => field.name));
    const unknownKeys = data.key.filter((name) => !names.has(name));
    if (unknownKeys.length > 0) {
      problems.push(
        fileProblem(MANIFEST_FILE, `/data/${index}/key`, 'package.data.unknownKey', {
          ja: `キーの項目 ${unknownKeys.join('、')} は ${entity.name} にありません。`,
          en: `The key field(s) ${unknownKeys.join(', ')} are not fields of ${entity.name}.`,
        }),
      );
      return;
    }
    const validate = compileRecordValidator(entity, 'create');
    const keyed = keyedReferences(
      entity,
      checked.map((each) => ({ entity: each.entity, key: each.data.key })),
    );
    const seen = new Set<string>();
    const rows = data.rows.map((given, row) => {
      const { toValidate, keys, problems: keyProblems } = takeKeys(given, keyed);
      for (const problem of keyProblems) {
        problems.push(
          fileProblem(data.file, `/${row}${problem.pointer}`, 'package.data.referenceKey', problem.message),
        );
      }
      const normalized = { ...normalizeRecordInput(entity, toValidate) };
      for (const problem of validate(normalized)) {
        problems.push(fileProblem(data.file, `/${row}${problem.pointer}`, problem.code, problem.message));
      }
      Object.assign(normalized, keys);
      const key = keyOfRow(data.key, normalized);
      const text = rowKeyText(key);
      if (Object.values(key).some((value) => value === null) || seen.has(text)) {
        problems.push(
          fileProblem(data.file, `/${row}`, 'package.data.key', {
            ja: `${row + 1} 行目のキー（${data.key.join('、')}）が空か、前の行と重複しています。`,
            en: `Row ${row + 1} has an empty key (${data.key.join(', ')}) or repeats an earlier row's key.`,
          }),
        );
      }
      seen.add(text);
      return normalized;
    });
    checked.push({ data, entity, rows, keyed });
  });
  return { checked, problems };
}

/** The row changes each data set needs, against what `sql` sees now. */
export async function planReferenceData(
  sql: Sql,
  checked: readonly CheckedData[],
  partial: boolean,
): Promise<DataPlan[]> {
  const plans: DataPlan[] = [];
  for (const { data, entity, rows, keyed } of checked) {
    const stored = await storedWithKeys(sql, await readStoredRows(sql, entity), keyed, rows);
    plans.push(diffRows(entity, { key: data.key, rows }, stored, partial).plan);
  }
  return plans;
}

/**
 * Writes the rows inside the import's transaction, after its migration, planned afresh there
 * so that rows changed since the dry run are not overwritten blindly. Each row write appends
 * its `record.*` event; one audit entry per data set records the counts.
 */
export async function applyReferenceData(
  sql: Sql,
  checked: readonly CheckedData[],
  context: { package: string; partial: boolean; principal: Principal | null },
): Promise<void> {
  for (const { data, entity, rows, keyed } of checked) {
    const stored = await storedWithKeys(sql, await readStoredRows(sql, entity), keyed, rows);
    const { plan, ids } = diffRows(entity, { key: data.key, rows }, stored, context.partial);
    const table = quoteIdent(tableName(entity.name));
    const events: NewEvent[] = [];
    // Keys become the ids of the target rows, which earlier data sets have written by now.
    const written = await rowsWithIds(sql, rows, keyed, data.file);
    const byKey = new Map(rows.map((row, index) => [rowKeyText(keyOfRow(data.key, row)), written[index]]));
    for (const key of plan.inserted) {
      const row = byKey.get(rowKeyText(key)) ?? {};
      const { columns, placeholders, values } = assignments(entity, row);
      const [inserted] = await sql.query<{ id: string }>(
        `insert into ${table} (id, version, created_at, updated_at${columns.map((c) => `, ${c}`).join('')})
           values (gen_random_uuid(), 1, now(), now()${placeholders.map((p) => `, ${p}`).join('')}) returning id::text as id`,
        values,
      );
      events.push(recordEvent('created', entity.name, inserted.id, 1));
    }
    for (const { key } of plan.updated) {
      const id = ids.get(rowKeyText(key)) as string;
      const { columns, placeholders, values } = assignments(entity, byKey.get(rowKeyText(key)) ?? {});
      const set = columns.map((column, index) => `${column} = ${placeholders[index]}`).join(', ');
      const [updated] = await sql.query<{ version: number }>(
        `update ${table} set ${set}, version = version + 1, updated_at = now() where id = ? returning version`,
        [...values, id],
      );
      events.push(recordEvent('updated', entity.name, id, Number(updated.version)));
    }
    for (const key of plan.deleted) {
      const id = ids.get(rowKeyText(key)) as string;
      await sql.run(`delete from ${table} where id = ?`, [id]);
      events.push(recordEvent('deleted', entity.name, id, null));
    }
    await appendEvents(sql, events);
    await recordAudit(sql, {
      principal: context.principal,
      action: 'package.data',
      entity: entity.name,
      detail: {
        package: context.package,
        inserted: plan.inserted.length,
        updated: plan.updated.length,
        deleted: plan.deleted.length,
      },
    });
  }
}

function assignments(entity: EntityMetadata, row: Record<string, unknown>) {
  const columns: string[] = [];
  const placeholders: string[] = [];
  const values: unknown[] = [];
  for (const field of entity.fields) {
    if (field.type === 'collection' || !(field.name in row)) continue;
    const value = row[field.name] ?? null;
    columns.push(quoteIdent(columnName(field)));
    const json = field.type === 'json' && value !== null;
    placeholders.push(json ? '?::jsonb' : '?');
    values.push(json ? JSON.stringify(value) : value);
  }
  return { columns, placeholders, values };
}

function recordEvent(action: 'created' | 'updated' | 'deleted', entity: string, id: string, version: number | null) {
  return { type: `record.${action}`, payload: { entity, id, version, actor: { kind: 'system' } } } satisfies NewEvent;
}
