import { endSignedInSession, type Hono, signedInActor } from '@kiban/sdk';
import type Provider from 'oidc-provider';
import { markLogoutRequest } from '../oidc/logout.ts';
import { ISSUER_PATH, markSignedIn } from '../oidc/provider.ts';
import type { ProviderSource } from '../oidc/provider-source.ts';
import { withRequestReads } from '../oidc/request-reads.ts';
import { handOver, unreadExchange } from './node-bridge.ts';
import { pageLanguageOf } from './page-language.ts';

const handlers = new WeakMap<Provider, ReturnType<Provider['callback']>>();

/** Everything under `/oidc` is the provider's own: discovery, JWKS, authorize, token, userinfo, introspection, revocation, logout. */
export function oidcRoutes(app: Hono, source: ProviderSource): void {
  app.all('/oidc/*', async (c) => {
    const { provider } = await source.current();
    const exchange = await unreadExchange(c);
    const actor = signedInActor(c);
    markSignedIn(exchange.request, actor?.kind === 'principal' && actor.principalKind !== 'system' ? actor.id : null);
    markLogoutRequest(exchange.request, { language: pageLanguageOf(c), endKibanSession: () => endSignedInSession(c) });
    let handler = handlers.get(provider);
    if (!handler) {
      handler = provider.callback();
      handlers.set(provider, handler);
    }
    const handle = handler as (req: unknown, res: unknown) => Promise<void>;
    return withRequestReads(() => handOver(exchange, ISSUER_PATH, handle));
  });
}
