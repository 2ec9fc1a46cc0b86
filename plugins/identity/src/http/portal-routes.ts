import { type Actor, type Hono, type PluginContext, PluginError, type PluginHttpEnv } from '@kiban/sdk';
import { listConsents, revokeConsent } from '../consent/consents.ts';
import { receivedInvitations, sentInvitations } from '../family/family.ts';
import { links } from '../family/profile-sharing.ts';
import { listMethods } from '../methods/methods.ts';

/**
 * The portal's routes (signed in). The resident's consents: `GET /consents` lists every service they
 * granted, `DELETE /consents/:clientId` withdraws one at once.
 */
export function portalRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/consents', async (c) => c.json({ items: await listConsents(ctx.sql, personOf(c.get('actor')).id) }));

  app.delete('/consents/:clientId', async (c) => {
    await revokeConsent(ctx, personOf(c.get('actor')), c.req.param('clientId'));
    return c.body(null, 204);
  });

  // The caller's sign-in methods; removing one is the action `identity.removeSignInMethod`.
  app.get('/methods', async (c) => c.json({ items: await listMethods(ctx, personOf(c.get('actor')).id) }));

  // Family links (#4): the caller's invitations (sent and received) and links.
  app.get('/family/invitations', async (c) => {
    const person = personOf(c.get('actor'));
    return c.json({ sent: await sentInvitations(ctx, person), received: await receivedInvitations(ctx, person) });
  });
  app.get('/family/links', async (c) => c.json({ items: await links(ctx, personOf(c.get('actor'))) }));
}

function personOf(actor: Actor): Actor & { kind: 'principal' } {
  if (actor.kind !== 'principal') {
    throw new PluginError('identity.personOnly', 403, {
      ja: '本人としてサインインしている場合だけ利用できます。',
      en: 'Only a person signed in as themselves can do this.',
    });
  }
  return actor;
}
