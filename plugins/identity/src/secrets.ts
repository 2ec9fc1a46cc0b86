import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

/**
 * Keys derived from the one secret setting, each for one purpose (HKDF-SHA256), so that a
 * key used for cookies can never open a sealed signing key.
 */
export interface DerivedKeys {
  /** Seals private signing keys at rest (AES-256-GCM). */
  sealing: Buffer;
  /**
   * Turns a resident's id into a service's pairwise subject (HMAC-SHA256). A key object, not
   * bytes: every introspection computes a subject, and bytes would be imported as a key each time.
   */
  pairwise: KeyObject;
  /** Signs the provider's cookies. */
  cookies: string[];
  /** Seals residents' TOTP secrets at rest (AES-256-GCM). */
  totp: Buffer;
}

export function deriveKeys(secret: string): DerivedKeys {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, 'kiban-identity', purpose, 32));
  return {
    sealing: derive('signing-key-sealing'),
    pairwise: createSecretKey(derive('pairwise-subject')),
    cookies: [derive('cookies').toString('base64url')],
    totp: derive('totp-sealing'),
  };
}

export function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

export function unseal(key: Buffer, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

/** A service's subject for a resident: the same resident gets unrelated values at two services. */
export function pairwiseSubject(key: KeyObject, sector: string, principalId: string): string {
  return createHmac('sha256', key).update(`${sector}\u0000${principalId}`).digest('base64url');
}
