import type { Context } from 'hono';

/** The request value the engine sets on public routes. */
const CLIENT_ADDRESS = 'clientAddress';

/**
 * In a public route (`publicRoutes`): the caller's network address as the engine sees it — the
 * socket's peer, or behind a reverse proxy the engine is told to trust (`KIBAN_TRUST_PROXY`) the
 * address that proxy forwarded. A client's own X-Forwarded-For is never taken otherwise. Null
 * when the request has no network peer (handed to the app in-process).
 */
export function clientAddress(c: Context): string | null {
  return ((c.get as (key: string) => unknown)(CLIENT_ADDRESS) as string | null | undefined) ?? null;
}
