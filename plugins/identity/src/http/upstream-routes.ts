import type { Hono, PluginContext } from '@kiban/sdk';
import { finishUpstreamSignIn, startUpstreamSignIn } from '../upstream/connector.ts';

/**
 * `GET /upstream/:id/start?return=/path` sends the browser to the upstream provider;
 * `GET /upstream/:id/callback` comes back from it, opens the Kiban session and returns to the path.
 */
export function upstreamRoutes(app: Hono, ctx: PluginContext): void {
  app.get('/upstream/:id/start', async (c) => {
    const url = await startUpstreamSignIn(ctx, c.req.param('id'), c.req.query('return') ?? '/');
    return c.redirect(url.href, 303);
  });

  app.get('/upstream/:id/callback', async (c) => {
    const signedIn = await finishUpstreamSignIn(ctx, c.req.param('id'), new URL(c.req.url).search);
    const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${signedIn.maxAgeSeconds}`];
    if (signedIn.secure) attributes.push('Secure');
    c.header('set-cookie', [`${signedIn.cookieName}=${signedIn.token}`, ...attributes].join('; '));
    return c.redirect(signedIn.returnTo, 303);
  });
}
