import { computedFields } from '../../../../engine/src/metadata/compute-graph.ts';
import { type ComputeSubject, evaluateCompute } from '../../../../engine/src/rules/compute/evaluate.ts';
import type { EntityMetadata, FieldDefinition, RecordData } from '../../metadata/index.ts';

/** The computed values of a form: the record's own, and each line-item row's by collection. */
export interface LiveValues {
  values: RecordData;
  rows: Record<string, RecordData[]>;
}

/** The record a reference field of `entity` points to, when the form has read it (its lookup's choices). */
export type ReferencedRecord = (entity: EntityMetadata, field: FieldDefinition, id: string) => RecordData | undefined;

/**
 * Computed fields as the resident types: the engine's own one-record interpreter over the
 * form's values and line-item rows (arrays under their collection's name), so the value shown
 * is the value the server will store. A row's own computed fields (a line's amount) are
 * worked out first, as the server stores them before it totals the lines. Facts through a
 * reference (`item.fee`) read the record the reference's choices brought along; one not read
 * (yet) counts as missing until it arrives.
 */
export function liveComputedValues(
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata>,
  values: RecordData,
  referenced: ReferencedRecord = () => undefined,
): LiveValues {
  const collections: Record<string, ComputeSubject[]> = {};
  const rows: Record<string, RecordData[]> = {};
  for (const field of entity.fields) {
    const child = field.lineItems && field.target ? entities.get(field.target) : undefined;
    const given = values[field.name];
    if (!child || !Array.isArray(given)) continue;
    const subjects = given.map((row: RecordData) => subjectOf(child, row, referenced));
    rows[field.name] = subjects.map((subject) => computeAll(child, entities, subject));
    collections[field.name] = subjects.map((subject, i) => ({
      ...subject,
      record: { ...subject.record, ...rows[field.name]?.[i] },
    }));
  }
  const subject = { ...subjectOf(entity, values, referenced), collections };
  return { values: computeAll(entity, entities, subject), rows };
}

/** A record with the referenced records the form has read. */
function subjectOf(entity: EntityMetadata, record: RecordData, referenced: ReferencedRecord): ComputeSubject {
  const references: Record<string, RecordData | undefined> = {};
  for (const field of entity.fields) {
    const id = record[field.name];
    if (field.type === 'reference' && typeof id === 'string') references[field.name] = referenced(entity, field, id);
  }
  return { record, references };
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
