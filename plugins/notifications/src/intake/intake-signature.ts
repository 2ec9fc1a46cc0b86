import { createHmac, timingSafeEqual } from 'node:crypto';

/** Requests older or newer than this are refused, so a captured one cannot be replayed later. */
const TOLERANCE_SECONDS = 300;

/**
 * The intake signature: `X-Kiban-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`
 * with `X-Kiban-Timestamp` in Unix seconds, keyed by the `intakeSecret` setting.
 */
export function signIntake(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyIntake(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  now = Date.now(),
): 'ok' | 'missing' | 'stale' | 'mismatch' {
  if (!headers.signature || !headers.timestamp || !/^[0-9]{1,12}$/.test(headers.timestamp)) return 'missing';
  const timestamp = Number(headers.timestamp);
  if (Math.abs(now / 1000 - timestamp) > TOLERANCE_SECONDS) return 'stale';
  const expected = Buffer.from(signIntake(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? 'ok' : 'mismatch';
}
