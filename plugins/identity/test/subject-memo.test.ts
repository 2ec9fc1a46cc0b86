import { createSecretKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { subjectMemo } from '../src/oidc/subject-memo.ts';
import { pairwiseSubject } from '../src/secrets.ts';

describe('remembered pairwise subjects', () => {
  const key = createSecretKey(Buffer.alloc(32, 7));

  it('answers what the HMAC answers, per service and resident, also once older entries left', () => {
    const subjectOf = subjectMemo(key);
    const asked = Array.from({ length: 10_050 }, (_, index) => [`sector-${index % 3}`, `resident-${index}`] as const);
    for (const [sector, principal] of asked)
      expect(subjectOf(sector, principal)).toBe(pairwiseSubject(key, sector, principal));
    // The first entries were pushed out by the later ones and are computed again, to the same value.
    for (const [sector, principal] of asked.slice(0, 5))
      expect(subjectOf(sector, principal)).toBe(pairwiseSubject(key, sector, principal));
    expect(subjectOf('sector-a', 'resident-1')).not.toBe(subjectOf('sector-b', 'resident-1'));
  });

  it('keeps one key’s subjects from another’s', () => {
    const other = subjectMemo(createSecretKey(Buffer.alloc(32, 8)));
    expect(subjectMemo(key)('sector', 'resident')).not.toBe(other('sector', 'resident'));
  });
});
