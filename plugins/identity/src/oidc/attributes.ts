import type { PrincipalProfile } from '@kiban/sdk';

/**
 * The attributes a service may ask for, each an OpenID scope the resident grants or refuses on
 * its own, with the claims it releases. `offline_access` (staying connected: refresh tokens) is
 * decided like an attribute.
 */
export const ATTRIBUTES = {
  name: { claims: ['name', 'name_kana'], label: { ja: '氏名（カナを含む）', en: 'Name (with kana)' } },
  email: { claims: ['email'], label: { ja: 'メールアドレス', en: 'Email address' } },
  phone: { claims: ['phone_number'], label: { ja: '電話番号', en: 'Phone number' } },
  address: { claims: ['address'], label: { ja: '住所', en: 'Address' } },
  // Pulled from the city's sources (#6); released only once the resident pulled them.
  birthdate: { claims: ['birthdate'], label: { ja: '生年月日', en: 'Date of birth' } },
  household: {
    claims: ['household'],
    label: { ja: '世帯（続柄と世帯員）', en: 'Household (relationships and members)' },
  },
  offline_access: { claims: [], label: { ja: 'ログインしていない間の利用', en: 'Access while you are away' } },
} as const;

export type Attribute = keyof typeof ATTRIBUTES;

export const ATTRIBUTE_NAMES = Object.keys(ATTRIBUTES) as Attribute[];

export function isAttribute(name: string): name is Attribute {
  return Object.hasOwn(ATTRIBUTES, name);
}

/** The provider's `claims` configuration: scope → claim names. */
export function scopeClaims(): Record<string, string[]> {
  return Object.fromEntries(
    ATTRIBUTE_NAMES.filter((name) => ATTRIBUTES[name].claims.length > 0).map((name) => [
      name,
      [...ATTRIBUTES[name].claims],
    ]),
  );
}

/** Every claim of a profile; the provider releases only those of the granted scopes. */
export function profileClaims(sub: string, profile: PrincipalProfile): { sub: string; [claim: string]: unknown } {
  const claims: { sub: string; [claim: string]: unknown } = { sub };
  if (profile.displayName) claims.name = profile.displayName;
  if (profile.displayNameKana) claims.name_kana = profile.displayNameKana;
  if (profile.email) claims.email = profile.email;
  if (profile.phone) claims.phone_number = profile.phone;
  if (profile.address || profile.postalCode) {
    claims.address = {
      ...(profile.address ? { formatted: profile.address } : {}),
      ...(profile.postalCode ? { postal_code: profile.postalCode } : {}),
      country: 'JP',
    };
  }
  return claims;
}
