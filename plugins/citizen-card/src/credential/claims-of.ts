import type { CardClaims } from '../shared/claims.ts';

export interface ResidentRecord {
  principal_id: string;
  name: string;
  birth_date: string;
  ward: string;
  household_id: string;
  photo_sha256: string | null;
  status: 'resident' | 'moved_out' | 'deceased';
}

/** The calendar date in Tokyo (YYYY-MM-DD) of an instant. */
export function tokyoDate(at: Date): string {
  return new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Full years on `today` (both YYYY-MM-DD). A 29 February birthday counts from 1 March in common
 * years, as the rule language's `age` does.
 */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** What the card says of a resident on the Tokyo date of `at`. */
export function claimsOf(record: ResidentRecord, at: Date): CardClaims {
  const age = ageOn(record.birth_date, tokyoDate(at));
  return {
    resident: record.status === 'resident',
    ward: record.ward,
    age_over_18: age >= 18,
    age_over_65: age >= 65,
    name: record.name,
    birthdate: record.birth_date,
    photo_sha256: record.photo_sha256,
  };
}

/** Whether two claim sets say the same thing (a card needs re-issuing when they do not). */
export function sameClaims(a: CardClaims, b: CardClaims): boolean {
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}
