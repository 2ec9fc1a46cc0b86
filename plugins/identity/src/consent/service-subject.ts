import type { PluginContext } from '@kiban/sdk';
import { deriveKeys, pairwiseSubject } from '../secrets.ts';
import { type IdentitySettings, requireConfigured } from '../settings.ts';

/**
 * The resident's pseudonymous id at a registered service: the same pairwise subject the
 * provider gives that service as `sub` (an HMAC of the principal id under a key derived from
 * the `secret` setting; no service registers a sector, so the sector is the client id). A
 * service keys the resident by it whether it learnt them by signing in or by a webhook, and
 * two services cannot join their residents on it.
 */
export async function serviceSubject(ctx: PluginContext, client: string, principalId: string): Promise<string> {
  const settings = requireConfigured(await ctx.settings<IdentitySettings>());
  return pairwiseSubject(deriveKeys(settings.secret).pairwise, client, principalId);
}
