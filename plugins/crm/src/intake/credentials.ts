import { createHash, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** Whether `given` is the system's token, compared in constant time (over digests, so lengths may differ). */
export function tokenMatches(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** Whether the body carries a valid Standard Webhooks signature by `secret`, made within the last five minutes. */
export function signatureValid(secret: string | undefined, body: string, headers: Record<string, string>): boolean {
  if (!secret) return false;
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
