import type { Hono, PluginContext, PublicRoutes } from '@kiban/sdk';
import { publicKeys } from '../keys/signing-keys.ts';
import { statusListToken } from '../status/status-list.ts';
import { trustAnchor } from '../status/trust.ts';
import { appRoutes } from './app-routes.ts';

/**
 * `/api/public/citizen-card`: what any verifier may fetch without signing in — the city's JWKS
 * (every key still trusted), the status list token, and both with the issuer in one document
 * for facility pages to cache — and the card and facility pages with their service worker.
 */
export const publicRoutes: PublicRoutes = {
  rateLimit: { requests: 600, perSeconds: 60 },
  routes(app: Hono, ctx: PluginContext) {
    app.get('/jwks', async (c) => c.json(await publicKeys(ctx), 200, { 'cache-control': 'public, max-age=300' }));
    app.get('/status-list', async (c) =>
      c.body(await statusListToken(ctx, new Date()), 200, {
        'content-type': 'application/statuslist+jwt',
        'cache-control': 'public, max-age=30',
      }),
    );
    app.get('/trust', async (c) => c.json(await trustAnchor(ctx, new Date()), 200, { 'cache-control': 'no-cache' }));
    appRoutes(app);
  },
};
