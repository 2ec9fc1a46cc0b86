import type { Context } from 'hono';
import type { EndedSession } from './types.ts';

/** The request value the engine sets on public routes. */
const END_SESSION = 'endSession';

/**
 * In a public route (`publicRoutes`): ends the Kiban session of the calling browser (its session
 * cookie), audited as a `logout` by the plugin — an OpenID Provider's RP-initiated logout, say.
 * The cookie is expired on the route's response; a route that writes its response itself sends
 * `expiredCookie` as a `Set-Cookie` header. `ended` is false when no live session was named.
 */
export function endSignedInSession(c: Context): Promise<EndedSession> {
  const end = (c.get as (key: string) => unknown)(END_SESSION) as (() => Promise<EndedSession>) | undefined;
  if (!end) throw new Error('endSignedInSession is available on public routes only.');
  return end();
}
