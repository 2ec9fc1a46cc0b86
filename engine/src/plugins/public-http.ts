import type { Actor, EndedSession } from '@kiban/sdk';
import { Hono } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { clientAddress } from '../api/client-origin.ts';
import type { ApiEnv } from '../api/index.ts';
import { httpError } from '../api/problem.ts';
import { actorOf } from './actors.ts';
import type { PluginRuntime } from './context.ts';
import { pluginFailed } from './plugin-errors.ts';
import { sessionEnder } from './public-session-end.ts';

interface PublicRouteVariables {
  actor: Actor | null;
  clientAddress: string | null;
  endSession: () => Promise<EndedSession>;
}

/**
 * Mounts the routes plugins declare public (a discovery document, a webhook receiver) under
 * `/api/public/<name>`, reachable without signing in, each plugin's behind its own rate limit
 * per client address — the socket's peer, or the address a trusted proxy forwarded
 * (`trustProxy`). Call before the engine requires a principal for the rest of `/api`.
 */
export function mountPublicPluginHttp(
  app: Hono<ApiEnv>,
  runtimes: readonly PluginRuntime[],
  options: { trustProxy: boolean; secureCookies: boolean },
): void {
  for (const { definition, context } of runtimes) {
    if (!definition.publicRoutes) continue;
    const { rateLimit, routes: declare } = definition.publicRoutes;
    const limiter = new RateLimiterMemory({ points: rateLimit.requests, duration: rateLimit.perSeconds });
    // `signedInActor(c)`, `clientAddress(c)` and `endSignedInSession(c)` in the SDK read these.
    const routes = new Hono<ApiEnv & { Variables: PublicRouteVariables }>();
    routes.use('*', async (c, next) => {
      c.set('actor', c.var.principal ? actorOf(c.var.principal) : null);
      c.set('endSession', sessionEnder(c, definition.name, options));
      const address = clientAddress(c, options.trustProxy);
      c.set('clientAddress', address);
      try {
        // Requests handed to the app in-process (tests) have no address and share one bucket.
        await limiter.consume(address ?? 'unknown');
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        c.header('Retry-After', String(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))));
        throw httpError(429, 'request.rateLimited', {
          ja: 'リクエストが多すぎます。しばらくしてからもう一度お試しください。',
          en: 'Too many requests; try again later.',
        });
      }
      await next();
    });
    try {
      declare(routes as unknown as Hono, context);
    } catch (error) {
      throw pluginFailed(definition.name, 'publicRoutes', error);
    }
    app.route(`/api/public/${definition.name}`, routes as unknown as Hono<ApiEnv>);
  }
}
