import { describe, expect, it } from 'vitest';
import { retryKeyOf } from '../src/channels/index.ts';
import { signToken, verifyToken } from '../src/delivery/signed-token.ts';
import { signIntake, verifyIntake } from '../src/intake/intake-signature.ts';
import { contentHashOf } from '../src/notices/notice-store.ts';

const SECRET = 'a-secret-of-enough-length';

describe('signed unsubscribe tokens', () => {
  it('round-trips what it names and refuses any change or another key', () => {
    const token = signToken(SECRET, { r: 'resident-1', c: 'health' });
    expect(verifyToken(SECRET, token)).toEqual({ r: 'resident-1', c: 'health' });
    expect(verifyToken('another-secret-of-length', token)).toBeUndefined();
    const [body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ r: 'resident-2', c: 'health' })).toString('base64url');
    expect(verifyToken(SECRET, `${forged}.${mac}`)).toBeUndefined();
    expect(verifyToken(SECRET, `${body}`)).toBeUndefined();
  });
});

describe('intake signatures', () => {
  const now = 1_800_000_000_000;
  const timestamp = now / 1000;
  it('accepts the HMAC of timestamp and body, and nothing else', () => {
    const body = '{"title":"課税通知"}';
    const signature = signIntake(SECRET, timestamp, body);
    expect(verifyIntake(SECRET, { signature, timestamp: String(timestamp) }, body, now)).toBe('ok');
    expect(verifyIntake(SECRET, { signature, timestamp: String(timestamp) }, `${body} `, now)).toBe('mismatch');
    expect(verifyIntake(SECRET, { signature, timestamp: String(timestamp + 1) }, body, now)).toBe('mismatch');
    expect(verifyIntake(SECRET, { signature, timestamp: String(timestamp) }, body, now + 301_000)).toBe('stale');
    expect(verifyIntake(SECRET, { signature: undefined, timestamp: String(timestamp) }, body, now)).toBe('missing');
  });
});

describe('content hash and retry keys', () => {
  it('hashes what the resident reads, so any change shows', () => {
    const notice = { recipient: 'r', category: 'tax', title: '通知', body: '本文', issuer: 'tax-system' };
    expect(contentHashOf(notice)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHashOf(notice)).toBe(contentHashOf({ ...notice }));
    expect(contentHashOf({ ...notice, body: '本文。' })).not.toBe(contentHashOf(notice));
  });

  it('gives LINE the same UUID for the same delivery, a different one for another', () => {
    const key = retryKeyOf('kiban-delivery-1');
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(retryKeyOf('kiban-delivery-1')).toBe(key);
    expect(retryKeyOf('kiban-delivery-2')).not.toBe(key);
  });
});
