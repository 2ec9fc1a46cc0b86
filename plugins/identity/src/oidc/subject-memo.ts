import type { KeyObject } from 'node:crypto';
import { pairwiseSubject } from '../secrets.ts';

/** About one entry per resident recently seen by a service; a few MB at most. */
const REMEMBERED = 10_000;

/**
 * Pairwise subjects as computed before: every introspection, userinfo and ID token names the
 * resident by one, and an HMAC costs more than the rest of the look-up. The value depends only
 * on the key, the service's sector and the resident, so it never goes stale; a new secret
 * builds a new provider and with it a new memo. The least recently used entry leaves first.
 */
export function subjectMemo(key: KeyObject): (sector: string, principalId: string) => string {
  const remembered = new Map<string, string>();
  return (sector, principalId) => {
    const entry = `${sector}\u0000${principalId}`;
    const known = remembered.get(entry);
    if (known !== undefined) {
      remembered.delete(entry);
      remembered.set(entry, known);
      return known;
    }
    const subject = pairwiseSubject(key, sector, principalId);
    remembered.set(entry, subject);
    if (remembered.size > REMEMBERED) remembered.delete(remembered.keys().next().value as string);
    return subject;
  };
}
