import { DISCLOSABLE_CLAIMS, FACILITY_PROFILES } from '../shared/claims.ts';

export const ID = { type: 'string', minLength: 1, maxLength: 100 };
export const PRESENTATION = { type: 'string', minLength: 20, maxLength: 8000, pattern: '^[A-Za-z0-9_.~-]+$' };
export const PROFILE = { enum: FACILITY_PROFILES.map((profile) => profile.id) };
export const NONCE = { type: 'string', minLength: 4, maxLength: 100 };
export const SITE = { type: 'string', minLength: 1, maxLength: 100 };
const B64URL = { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' };

/** A holder's public key: EC P-256, no private part. */
export const HOLDER_JWK = {
  type: 'object',
  required: ['kty', 'crv', 'x', 'y'],
  additionalProperties: false,
  properties: {
    kty: { const: 'EC' },
    crv: { const: 'P-256' },
    x: B64URL,
    y: B64URL,
    ext: { type: 'boolean' },
    key_ops: { type: 'array', items: { type: 'string' } },
  },
};

export const RESIDENT_RECORD = {
  type: 'object',
  required: ['principalId', 'name', 'birthDate', 'ward', 'householdId', 'status'],
  additionalProperties: false,
  properties: {
    principalId: ID,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    birthDate: { type: 'string', format: 'date' },
    ward: { type: 'string', minLength: 1, maxLength: 50 },
    householdId: ID,
    photoSha256: { type: ['string', 'null'], pattern: '^[0-9a-f]{64}$' },
    status: { enum: ['resident', 'moved_out', 'deceased'] },
    /** Under a support measure (DV等支援措置); left as it was when absent, so a feed that does not know keeps it. */
    dvProtected: { type: 'boolean' },
  },
};

export { DISCLOSABLE_CLAIMS };
