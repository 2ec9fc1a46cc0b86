import type { ApiOptions } from '../api/index.ts';
import { fetchRecord } from '../api/index.ts';
import type { TitleLookup } from '../components/index.ts';
import type { RecordData } from '../metadata/index.ts';
import type { PortalEntity } from '../portal/portal-types.ts';

/**
 * What to call the records a record refers to: each reference's target record, named by the
 * target's `titleField`. A target the reader may not read stays an id.
 */
export async function referenceTitles(
  entity: PortalEntity,
  record: RecordData,
  entities: Record<string, PortalEntity>,
  options: ApiOptions,
): Promise<Record<string, string>> {
  const lookups = entity.fields.flatMap((field) => {
    const target = field.target ? entities[field.target] : undefined;
    const id = record[field.name];
    if (field.type !== 'reference' || !target?.titleField || !target.permissions.read || typeof id !== 'string') {
      return [];
    }
    const titleField = target.titleField;
    return [
      fetchRecord(target.name, id, options).then(
        (referenced) => [id, String(referenced[titleField] ?? id)] as const,
        () => undefined,
      ),
    ];
  });
  const found = await Promise.all(lookups);
  return Object.fromEntries(found.filter((entry) => entry !== undefined));
}

/**
 * The same for a list: each referenced record of a column fetched once by id, named by its
 * entity's `titleField` when the reader may read it.
 */
export function titleLookup(entities: Record<string, PortalEntity>, options: ApiOptions): TitleLookup {
  return async (field, ids) => {
    const target = field.target ? entities[field.target] : undefined;
    const titleField = target?.titleField;
    if (!target?.permissions.read || !titleField) return {};
    const found = await Promise.all(
      ids.map((id) =>
        fetchRecord(target.name, id, options).then(
          (record) => [id, String(record[titleField] ?? id)] as const,
          () => undefined,
        ),
      ),
    );
    return Object.fromEntries(found.filter((entry) => entry !== undefined));
  };
}
