import type { NormalizeStep } from '@kiban/metadata/normalize';
import type { JsonSchema, RecordData } from '../metadata/index.ts';

/** Brings a record's values into their stored form, as the server does before it validates. */
export type RecordNormalizer = (record: RecordData) => RecordData;

const KEYWORD = 'x-kiban-normalize';

/**
 * The normaliser of the record schema the server publishes: each property lists its steps
 * under `x-kiban-normalize`. The steps (and the phone number library behind one of them) load
 * on demand, so that forms without such fields never download them; none when no field has steps.
 */
export async function loadRecordNormalizer(schema: JsonSchema): Promise<RecordNormalizer | undefined> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const steps = new Map<string, NormalizeStep[]>();
  for (const [name, property] of Object.entries(properties)) {
    const listed = property[KEYWORD];
    if (Array.isArray(listed) && listed.length > 0) steps.set(name, listed as NormalizeStep[]);
  }
  if (steps.size === 0) return undefined;
  const { normalizeRecord } = await import('@kiban/metadata/normalize');
  return (record) => normalizeRecord(record, (name) => steps.get(name));
}
