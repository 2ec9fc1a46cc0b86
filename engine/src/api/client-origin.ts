import type { Context } from 'hono';

/** The request as the Node server hands it over; absent when the app is called in-process. */
interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string; encrypted?: boolean } };
}

const socketOf = (c: Context) => (c.env as NodeBindings | undefined)?.incoming?.socket;

/**
 * The client's network address. Behind a trusted proxy it is the last X-Forwarded-For entry —
 * the one the proxy itself appended; the entries before it come from the client and prove
 * nothing. Null when neither the socket nor a trusted proxy names one.
 */
export function clientAddress(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return socketOf(c)?.remoteAddress ?? null;
}

/** True when the browser reached the engine over HTTPS, so cookies may (and should) be Secure. */
export function cameOverHttps(c: Context, trustProxy: boolean): boolean {
  if (socketOf(c)?.encrypted || new URL(c.req.url).protocol === 'https:') return true;
  if (!trustProxy) return false;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}
