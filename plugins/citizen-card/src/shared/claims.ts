/**
 * The citizen card's claims, each disclosed one by one, and what each facility may ask for.
 * Shared by the issuer, the holder's page (what to show) and the verifier (what to accept).
 */
export const DISCLOSABLE_CLAIMS = [
  'resident',
  'ward',
  'age_over_18',
  'age_over_65',
  'name',
  'birthdate',
  'photo_sha256',
] as const;

export type DisclosableClaim = (typeof DISCLOSABLE_CLAIMS)[number];

export interface CardClaims {
  /** Resident of the city (住民であること). */
  resident: boolean;
  ward: string;
  age_over_18: boolean;
  age_over_65: boolean;
  name: string;
  /** YYYY-MM-DD; no facility profile may ask for it except where staff must identify a person. */
  birthdate: string;
  /** SHA-256 (hex) of the registered photo, to compare with the photo on file; null without one. */
  photo_sha256: string | null;
}

export interface FacilityProfile {
  /** Also the key-binding audience (`aud`): a presentation made for the gym fails at the library. */
  id: string;
  label: { ja: string; en: string };
  /** What the facility asks for: the holder discloses exactly these. */
  requests: DisclosableClaim[];
}

export const FACILITY_PROFILES: FacilityProfile[] = [
  { id: 'gym', label: { ja: '体育館・スポーツ施設', en: 'Gym and sports' }, requests: ['resident', 'age_over_18'] },
  { id: 'library', label: { ja: '図書館', en: 'Library' }, requests: ['resident', 'name'] },
  { id: 'event', label: { ja: 'イベント会場', en: 'Event entrance' }, requests: ['resident', 'age_over_65'] },
  {
    id: 'shelter',
    label: { ja: '避難所', en: 'Shelter' },
    requests: ['resident', 'ward', 'name', 'birthdate', 'photo_sha256'],
  },
];

export function profileOf(id: string): FacilityProfile | undefined {
  return FACILITY_PROFILES.find((profile) => profile.id === id);
}
