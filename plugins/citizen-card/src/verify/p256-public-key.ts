import { createPublicKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

/** DER of `SubjectPublicKeyInfo { id-ecPublicKey, prime256v1 }` up to the uncompressed point. */
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d03010703420004', 'hex');
const COORDINATE = /^[A-Za-z0-9_-]{43}$/;

/**
 * A P-256 public JWK (`x`, `y`) as a key object. Handed over as a PEM string: Node's JWK import
 * and its DER options object both cost about three times as much, mostly in probing the options
 * object for a key; OpenSSL still refuses a point off the curve. The holder key differs per card,
 * so this runs once per presentation. Throws for anything but two 32-byte coordinates.
 */
export function p256PublicKey(jwk: JWK): KeyObject {
  if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string' || !COORDINATE.test(jwk.x) || !COORDINATE.test(jwk.y)) {
    throw new Error('not a P-256 public key');
  }
  const der = Buffer.concat([SPKI_PREFIX, Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  return createPublicKey(`-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`);
}
