import type { EndedSession } from '@kiban/sdk';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { serialize } from 'hono/utils/cookie';
import { recordAudit, revokeSession, SESSION_COOKIE } from '../access/index.ts';
import { cameOverHttps } from '../api/client-origin.ts';
import type { ApiEnv } from '../api/index.ts';

/**
 * What `endSignedInSession(c)` runs on a public route: ends the Kiban session the request's
 * cookie names (an OpenID Provider's logout, say), audited as a `logout` by the plugin, and
 * expires the cookie — on the route's response, and as a header value for a route that writes
 * its response itself.
 */
export function sessionEnder<Env extends ApiEnv>(
  c: Context<Env>,
  plugin: string,
  options: { trustProxy: boolean; secureCookies: boolean },
): () => Promise<EndedSession> {
  return async () => {
    const token = getCookie(c, SESSION_COOKIE);
    const { live, principal } = c.var as ApiEnv['Variables'];
    const ended = token
      ? await live.transaction(async (_em, sql) => {
          const revoked = await revokeSession(sql, token);
          if (revoked) await recordAudit(sql, { principal, action: 'logout', detail: { plugin } });
          return revoked;
        })
      : false;
    const expiredCookie = serialize(SESSION_COOKIE, '', {
      path: '/',
      maxAge: 0,
      httpOnly: true,
      sameSite: 'Lax',
      secure: options.secureCookies || cameOverHttps(c, options.trustProxy),
    });
    c.header('Set-Cookie', expiredCookie, { append: true });
    return { ended, expiredCookie };
  };
}
