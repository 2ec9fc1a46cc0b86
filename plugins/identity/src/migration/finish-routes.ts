import type { Hono, PluginContext } from '@kiban/sdk';
import { bodyOf } from '../http/input.ts';
import { setSessionCookie } from '../http/session-cookie.ts';
import { type IdentitySettings, requireConfigured } from '../settings.ts';
import { useVerificationLink } from './account-verification.ts';

/** A session opened by an emailed link is short: long enough to set up a sign-in method. */
const LINK_SESSION_SECONDS = 60 * 60;

/**
 * `POST /account/verify {token}` (public): the page the emailed link opens posts the token
 * (a mail scanner fetching the link does not use it up). A good link verifies the email and
 * signs the resident in (`email-link`, assurance `low`) to set up a method; the answer names
 * the sign-in settings page to go on to.
 */
export function finishRoutes(app: Hono, ctx: PluginContext): void {
  app.post('/account/verify', async (c) => {
    const { token } = await bodyOf<{ token: string }>(c.req, {
      type: 'object',
      required: ['token'],
      additionalProperties: false,
      properties: { token: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' } },
    });
    const settings = requireConfigured(await ctx.settings<IdentitySettings>());
    const { principalId } = await useVerificationLink(ctx, token);
    const session = await ctx.identity.startSession(
      principalId,
      { method: 'email-link', assurance: 'low' },
      { ttlSeconds: LINK_SESSION_SECONDS },
    );
    setSessionCookie(c, {
      ...session,
      maxAgeSeconds: LINK_SESSION_SECONDS,
      secure: settings.publicOrigin.startsWith('https:'),
    });
    return c.json({ verified: true, next: '/api/public/identity/pages/security' });
  });
}
