import type { Context } from 'hono';

/** Sets the Kiban session cookie a plugin-opened session answers (HttpOnly, SameSite=Lax, path /). */
export function setSessionCookie(
  c: Context,
  session: { cookieName: string; token: string; maxAgeSeconds: number; secure: boolean },
): void {
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${session.maxAgeSeconds}`];
  if (session.secure) attributes.push('Secure');
  c.header('set-cookie', [`${session.cookieName}=${session.token}`, ...attributes].join('; '));
}
