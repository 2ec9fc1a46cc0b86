import { randomInt } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

/** How long a shown QR code (and its typed code) can be redeemed. */
export const PRESENTATION_SECONDS = 120;
const ISSUER = 'kiban-payments';
const AUDIENCE = 'coupon-redemption';
// Crockford's base32 without I, L, O, U: nothing to misread when typing.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface Presentation {
  couponId: string;
  residentId: string;
  /** The typed code the same presentation can be redeemed with. */
  code: string;
}

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** A short-lived JWS (HS256) naming the coupon, its holder and its typed code. */
export async function signPresentation(secret: string, presentation: Presentation, now: Date): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ cpn: presentation.couponId, code: presentation.code })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(presentation.residentId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + PRESENTATION_SECONDS)
    .sign(keyOf(secret));
}

/** The presentation a token carries, or null when it is forged, altered, expired or malformed. */
export async function verifyPresentation(secret: string, token: string, now: Date): Promise<Presentation | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: now,
    });
    if (typeof payload.cpn !== 'string' || typeof payload.code !== 'string' || typeof payload.sub !== 'string') {
      return null;
    }
    return { couponId: payload.cpn, residentId: payload.sub, code: payload.code };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

/** Ten characters of base32 (50 bits), shown as XXXXX-XXXXX. */
export function newTypedCode(): string {
  let code = '';
  for (let i = 0; i < 10; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A typed code as staff may enter it: any case, spaces, without the hyphen, O for 0. */
export function normalizeTypedCode(typed: string): string | null {
  const plain = typed.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{10}$/.test(plain)) return null;
  return `${plain.slice(0, 5)}-${plain.slice(5)}`;
}
