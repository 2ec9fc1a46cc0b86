import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A token that names what it is for and proves the city issued it: `<payload>.<HMAC-SHA256>`,
 * both base64url. Used for one-click unsubscribe links, which work without signing in.
 */
export function signToken(secret: string, payload: Record<string, string>): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

export function verifyToken(secret: string, token: string): Record<string, string> | undefined {
  const [body, signature] = token.split('.');
  if (!body || !signature) return undefined;
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const mac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64url');
