import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { resolveBearer, resolveSession, SESSION_COOKIE } from '../../access/index.ts';
import type { ApiEnv } from '../env.ts';
import { httpError } from '../problem.ts';

export { SESSION_COOKIE };

/** The token of an `Authorization: Bearer …` header; null for any other or malformed header. */
export function bearerToken(header: string | undefined): string | null {
  const match = header === undefined ? null : /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/.exec(header);
  return match ? match[1] : null;
}

/** Plugins' public routes read `Authorization` themselves (a service's token or client credentials). */
const PUBLIC_PLUGIN_ROUTES = '/api/public/';

/**
 * Resolves the caller from a bearer token (API token or session) or the session cookie. On a
 * plugin's public route only the cookie counts: its `Authorization` header belongs to the route.
 */
export const authenticate = createMiddleware<ApiEnv>(async (c, next) => {
  const header = c.req.path.startsWith(PUBLIC_PLUGIN_ROUTES) ? undefined : c.req.header('authorization');
  // A connection handle is made only for a credential to look up: a service calling a plugin's
  // public route with no cookie (a token introspection) needs none.
  if (header !== undefined) {
    const token = bearerToken(header);
    const principal = token ? await resolveBearer(c.var.live.sql(), token) : null;
    if (!principal) throw unauthenticated();
    c.set('principal', principal);
  } else {
    const token = getCookie(c, SESSION_COOKIE);
    c.set('principal', token ? await resolveSession(c.var.live.sql(), token) : null);
  }
  await next();
});

/** Everything behind this middleware needs a signed-in principal. */
export const requirePrincipal = createMiddleware<ApiEnv>(async (c, next) => {
  if (!c.var.principal) throw unauthenticated();
  await next();
});

function unauthenticated() {
  return httpError(401, 'auth.required', {
    ja: 'サインインが必要です。',
    en: 'Sign-in is required.',
  });
}
