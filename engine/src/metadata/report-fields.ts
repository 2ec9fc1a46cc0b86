import { type ResolvedFact, resolveFact } from './rule-facts.ts';
import { SYSTEM_PROPERTY_FIELDS } from './semantic-context.ts';
import type { EntityMetadata } from './types.ts';

/** System properties a report may group by or aggregate besides the entity's fields. */
export const REPORT_SYSTEM_FIELDS = ['createdAt', 'updatedAt'] as const;

/**
 * A report field: a field, one reference step (`branch.name`), or `createdAt`/`updatedAt` of
 * the subject; collections and computed facts (age, count) are not report fields.
 */
export function resolveReportField(
  name: string,
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata>,
): ResolvedFact | { problem: string } {
  const system = (REPORT_SYSTEM_FIELDS as readonly string[]).includes(name)
    ? SYSTEM_PROPERTY_FIELDS.get(name)
    : undefined;
  if (system && !entity.fields.some((field) => field.name === name))
    return { source: 'field', field: system, kind: 'datetime' };
  return resolveFact({ fact: name }, entity, entities);
}

export function isSystemField(entity: EntityMetadata, name: string): boolean {
  return (
    (REPORT_SYSTEM_FIELDS as readonly string[]).includes(name) && !entity.fields.some((field) => field.name === name)
  );
}
