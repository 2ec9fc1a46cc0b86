import type { FormMetadata, RecordData } from '../../metadata/index.ts';

/**
 * Initial values the form metadata asks for from the resident's profile. A source marked
 * `requiresConsent` is used only when the resident has consented to reuse of their profile.
 */
export function prefilledValues(form: FormMetadata, profile: RecordData | undefined, consented: boolean): RecordData {
  const values: RecordData = {};
  if (!profile) return values;
  for (const section of form.sections) {
    for (const { field, prefill } of section.fields) {
      if (!prefill || (prefill.requiresConsent && !consented)) continue;
      const value = valueAt(profile, prefill.path);
      if (value !== undefined && value !== null) values[field] = value;
    }
  }
  return values;
}

/** `address.postalCode` → profile.address.postalCode. */
function valueAt(source: RecordData, path: string): unknown {
  let current: unknown = source;
  for (const segment of path.split('.')) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as RecordData)[segment];
  }
  return current;
}
