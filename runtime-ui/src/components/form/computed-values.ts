import { computedFields } from '../../../../engine/src/metadata/compute-graph.ts';
import { type ComputeSubject, evaluateCompute } from '../../../../engine/src/rules/compute/evaluate.ts';
import type { EntityMetadata, RecordData } from '../../metadata/index.ts';

/** The computed values of a form: the record's own, and each line-item row's by collection. */
export interface LiveValues {
  values: RecordData;
  rows: Record<string, RecordData[]>;
}

/**
 * Computed fields as the resident types: the engine's own one-record interpreter over the
 * form's values and line-item rows (arrays under their collection's name), so the value shown
 * is the value the server will store. A row's own computed fields (a line's amount) are
 * worked out first, as the server stores them before it totals the lines. Facts through
 * references read nothing here (the form holds only the referenced id), so an expression
 * using one shows its value once saved.
 */
export function liveComputedValues(
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata>,
  values: RecordData,
): LiveValues {
  const collections: Record<string, ComputeSubject[]> = {};
  const rows: Record<string, RecordData[]> = {};
  for (const field of entity.fields) {
    const child = field.lineItems && field.target ? entities.get(field.target) : undefined;
    const given = values[field.name];
    if (!child || !Array.isArray(given)) continue;
    rows[field.name] = given.map((row: RecordData) => computeAll(child, entities, { record: row }));
    collections[field.name] = given.map((row: RecordData, i) => ({ record: { ...row, ...rows[field.name]?.[i] } }));
  }
  return { values: computeAll(entity, entities, { record: values, collections }), rows };
}

function computeAll(
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata>,
  subject: ComputeSubject,
): RecordData {
  return Object.fromEntries(
    computedFields(entity, entities).map(({ field, expression }) => [
      field.name,
      evaluateCompute(field, expression, subject),
    ]),
  );
}
