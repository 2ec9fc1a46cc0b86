import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { ApiEnv } from '../env.ts';
import { httpError } from '../problem.ts';
import { SESSION_COOKIE } from './authenticate.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request that carries the session cookie but comes from another
 * site (cross-site request forgery). The session cookie is SameSite=Lax, which already keeps it
 * off most cross-site posts; this also covers sibling subdomains and older browsers. Browsers
 * say where a request comes from in `Sec-Fetch-Site` (or at least `Origin`); a client that
 * sends neither is not a browser a page can drive. Bearer-token requests carry no ambient
 * credential and pass.
 */
export const refuseCrossSite = createMiddleware<ApiEnv>(async (c, next) => {
  if (
    !SAFE_METHODS.has(c.req.method) &&
    c.req.header('authorization') === undefined &&
    getCookie(c, SESSION_COOKIE) !== undefined &&
    isCrossSite(c.req.header('sec-fetch-site'), c.req.header('origin'), c.req.url)
  ) {
    throw httpError(403, 'request.crossSite', {
      ja: '別のサイトから送られた操作は受け付けません。',
      en: 'A request sent from another site is refused.',
    });
  }
  await next();
});

function isCrossSite(fetchSite: string | undefined, origin: string | undefined, url: string): boolean {
  if (fetchSite !== undefined) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  if (origin !== undefined) return origin !== new URL(url).origin;
  return false;
}
