import { type Hono, type PluginContext, PluginError, signedInActor } from '@kiban/sdk';
import { freshMinutesOf, signedInWithin } from '../methods/fresh-sign-in.ts';
import { finishUpstreamSignIn, startUpstreamSignIn } from '../upstream/connector.ts';
import { addressKey } from './address-key.ts';
import { setSessionCookie } from './session-cookie.ts';

/**
 * `GET /upstream/:id/start?return=/path` sends the browser to the upstream provider;
 * `GET /upstream/:id/link?return=/path` does the same for a signed-in resident adding the upstream
 * to their account — whose sign-in must be fresh (`linkFreshMinutes`), else they are sent to sign
 * in again first and come back here; `GET /upstream/:id/callback` comes back from it, opens the Kiban session and returns to the path.
 */
export function upstreamRoutes(app: Hono, ctx: PluginContext): void {
  app.get('/upstream/:id/start', async (c) => {
    const url = await startUpstreamSignIn(ctx, addressKey(c), c.req.param('id'), c.req.query('return') ?? '/');
    return c.redirect(url.href, 303);
  });

  app.get('/upstream/:id/link', async (c) => {
    const actor = signedInActor(c);
    if (actor?.kind !== 'principal' || actor.principalKind !== 'resident') {
      throw new PluginError('identity.signInRequired', 401, {
        ja: 'サインインしてから、追加する方法でもう一度サインインしてください。',
        en: 'Sign in first, then sign in with the method to add.',
      });
    }
    if (!signedInWithin(actor.signIn?.at, await freshMinutesOf(ctx))) {
      const here = new URL(c.req.url);
      const again = new URLSearchParams({ again: 'link', return: `${here.pathname}${here.search}` });
      return c.redirect(`/api/public/identity/pages/sign-in?${again}`, 303);
    }
    const url = await startUpstreamSignIn(
      ctx,
      addressKey(c),
      c.req.param('id'),
      c.req.query('return') ?? '/',
      actor.id,
    );
    return c.redirect(url.href, 303);
  });

  app.get('/upstream/:id/callback', async (c) => {
    const signedIn = await finishUpstreamSignIn(ctx, addressKey(c), c.req.param('id'), new URL(c.req.url).search);
    setSessionCookie(c, signedIn);
    return c.redirect(signedIn.returnTo, 303);
  });
}
