import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A secret as stored: AES-256-GCM with a fresh 96-bit IV, each part base64. */
export interface SealedSecret {
  iv: string;
  tag: string;
  data: string;
}

/**
 * Encrypts `value` (JSON) bound to `context` (plugin and setting name) as additional data, so
 * that a sealed value copied to another setting does not open there.
 */
export function seal(key: Buffer, context: string, value: unknown): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Decrypts a sealed secret; throws when the key, the context or the bytes do not match. */
export function open(key: Buffer, context: string, sealed: SealedSecret): unknown {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  return JSON.parse(text);
}
