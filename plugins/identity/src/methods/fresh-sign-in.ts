import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import type { IdentitySettings } from '../settings.ts';

/** How recent a sign-in must be, by default, to add a sign-in method to the account. */
const DEFAULT_FRESH_MINUTES = 10;

export async function freshMinutesOf(ctx: PluginContext): Promise<number> {
  return (await ctx.settings<IdentitySettings>()).linkFreshMinutes ?? DEFAULT_FRESH_MINUTES;
}

/** A sign-in at `at` (ISO 8601) no longer ago than `minutes`. */
export function signedInWithin(at: string | undefined, minutes: number): boolean {
  const time = at === undefined ? Number.NaN : Date.parse(at);
  return Number.isFinite(time) && Date.now() - time <= minutes * 60_000;
}

/**
 * Adding a method lets whoever holds this session sign in as the resident for good, so the
 * session must have been signed in to recently (`linkFreshMinutes`), not merely still be open.
 */
export async function requireFreshSignIn(ctx: PluginContext, actor: Actor): Promise<void> {
  const minutes = await freshMinutesOf(ctx);
  if (actor.kind === 'principal' && signedInWithin(actor.signIn?.at, minutes)) return;
  throw new PluginError('identity.freshSignInRequired', 403, {
    ja: `サインイン方法を追加するには、${minutes}分以内にサインインし直してください。`,
    en: `To add a sign-in method, sign in again first (within ${minutes} minutes).`,
  });
}
