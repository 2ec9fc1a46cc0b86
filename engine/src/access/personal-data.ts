import type { EntityMetadata } from '../metadata/types.ts';
import type { PolicyPrincipal } from './policy.ts';

/** The fields among `fieldNames` classified personal or sensitive, each once, in the order given. */
export function personalFieldsIn(entity: EntityMetadata, fieldNames: Iterable<string>): string[] {
  const personal = new Set(
    entity.fields
      .filter((field) => field.classification === 'personal' || field.classification === 'sensitive')
      .map((field) => field.name),
  );
  return [...new Set(fieldNames)].filter((name) => personal.has(name));
}

/**
 * Staff reads of personal data are audited. A resident reading their own records and the
 * system's own processing are not: the trail is about officials looking at citizens' data.
 */
export function shouldAuditRead(
  principal: Pick<PolicyPrincipal, 'kind'> | null,
  entity: EntityMetadata,
  returnedFields: Iterable<string>,
): boolean {
  return principal?.kind === 'staff' && personalFieldsIn(entity, returnedFields).length > 0;
}
