import type { Context } from 'hono';
import type { Actor } from './types.ts';

/** The request value the engine sets on public routes. */
const PUBLIC_ACTOR = 'actor';

/**
 * In a public route (`publicRoutes`): the person signed in to Kiban in the calling browser (the
 * session cookie), null for anyone else — an OpenID Provider's sign-in, say.
 */
export function signedInActor(c: Context): Actor | null {
  return ((c.get as (key: string) => unknown)(PUBLIC_ACTOR) as Actor | null | undefined) ?? null;
}
