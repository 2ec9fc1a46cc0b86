import { KibanError } from '../errors.ts';
import type { EntityMetadata } from '../metadata/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { canonicalize, compareCodeUnits } from './canonical-json.ts';
import { keyedReferences, withTargetKeys } from './reference-keys.ts';
import { keyOfRow, readStoredRows, storedFields } from './reference-rows.ts';
import type { ReferenceData } from './types.ts';

/** Which entity's rows to export, and the fields that identify a row in every environment. */
export interface DataSelector {
  entity: string;
  key: string[];
}

/** Reads `ItemType:code` or `Fee:ward,itemType`, as a command line gives them. */
export function parseDataSelector(text: string): DataSelector {
  const [entity, keys] = text.split(':', 2);
  const key = (keys ?? '').split(',').filter((each) => each !== '');
  if (!entity || key.length === 0) {
    throw new KibanError(
      'package.selector',
      400,
      {
        ja: `「${text}」はエンティティ:キー項目（例: ItemType:code）で書いてください。`,
        en: `Write "${text}" as Entity:keyField (e.g. ItemType:code).`,
      },
      [],
    );
  }
  return { entity, key };
}

/**
 * Every row of each selected entity as reference data, in key order so that two exports of the
 * same rows are identical. Rows carry field values only: ids, versions and owners belong to
 * one environment, so a reference to an entity exported before it is written as the target
 * row's key. Instants are written in UTC.
 */
export async function exportReferenceData(live: LiveApp, selectors: readonly DataSelector[]): Promise<ReferenceData[]> {
  const sets: ReferenceData[] = [];
  const earlier: { entity: EntityMetadata; key: string[] }[] = [];
  for (const selector of selectors) {
    const entity = live.entities.get(selector.entity);
    if (!entity) throw missingEntity(selector.entity);
    const sql = live.sql();
    const stored = await withTargetKeys(sql, await readStoredRows(sql, entity), keyedReferences(entity, earlier));
    earlier.push({ entity, key: selector.key });
    const rows = stored.map(({ values }) => exportedRow(entity, values));
    rows.sort((a, b) =>
      compareCodeUnits(JSON.stringify(keyOfRow(selector.key, a)), JSON.stringify(keyOfRow(selector.key, b))),
    );
    sets.push({ entity: entity.name, key: selector.key, file: `data/${entity.name}.json`, rows });
  }
  return sets;
}

function exportedRow(entity: EntityMetadata, values: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const field of storedFields(entity)) {
    const value = values[field.name];
    row[field.name] =
      field.type === 'datetime' && typeof value === 'string' ? new Date(value).toISOString() : canonicalize(value);
  }
  return row;
}

function missingEntity(name: string): KibanError {
  return new KibanError(
    'package.exportMissing',
    404,
    { ja: `エンティティ ${name} は公開されていません。`, en: `The entity ${name} is not published.` },
    [
      {
        pointer: `/data/${name}`,
        code: 'package.exportMissing',
        message: { ja: `エンティティ ${name} は公開されていません。`, en: `The entity ${name} is not published.` },
      },
    ],
  );
}
