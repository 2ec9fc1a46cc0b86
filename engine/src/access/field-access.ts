import type { Authorization } from './policy.ts';

/** A copy of the record without the fields the authorization hides; nothing at all when not allowed. */
export function filterVisible<T extends Record<string, unknown>>(record: T, auth: Authorization): Partial<T> {
  if (!auth.allowed) return {};
  return Object.fromEntries(Object.entries(record).filter(([name]) => !auth.hiddenFields.has(name))) as Partial<T>;
}

/** The fields an input tries to write although they are hidden or read-only; every field when not allowed. */
export function checkWritable(input: Record<string, unknown>, auth: Authorization): string[] {
  return Object.keys(input).filter(
    (name) => !auth.allowed || auth.hiddenFields.has(name) || auth.readOnlyFields.has(name),
  );
}
