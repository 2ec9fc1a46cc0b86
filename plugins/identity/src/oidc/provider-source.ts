import { createHash } from 'node:crypto';
import type { PluginContext } from '@kiban/sdk';
import type Provider from 'oidc-provider';
import { consentedGrant } from '../consent/consents.ts';
import { type DerivedKeys, deriveKeys } from '../secrets.ts';
import { type IdentitySettings, requireConfigured } from '../settings.ts';
import { signingKeys } from './keys.ts';
import { buildProvider, ISSUER_PATH } from './provider.ts';

/** How long a built provider is trusted before the settings and keys are read again (other nodes may rotate). */
const RECHECK_MILLISECONDS = 5_000;

export interface ProviderSource {
  current(): Promise<{ provider: Provider; derived: DerivedKeys }>;
  /** After this node rotated keys or changed settings: the next request rebuilds. */
  invalidate(): void;
}

/**
 * The provider for the current settings and signing keys, rebuilt when either changes:
 * administrators set the public origin and secret while the engine runs, and a key rotation
 * must reach the JWKS and the signer.
 */
export function providerSource(ctx: PluginContext): ProviderSource {
  let cached: { fingerprint: string; provider: Provider; derived: DerivedKeys; checkedAt: number } | undefined;
  let pending: Promise<NonNullable<typeof cached>> | undefined;

  const refresh = async () => {
    const settings = requireConfigured(await ctx.settings<IdentitySettings>());
    const derived = deriveKeys(settings.secret);
    const keys = await signingKeys(ctx.sql, derived.sealing);
    const fingerprint = createHash('sha256')
      .update(`${settings.publicOrigin}\u0000${settings.secret}\u0000${keys.version}`)
      .digest('hex');
    if (cached?.fingerprint === fingerprint) return { ...cached, checkedAt: Date.now() };
    const provider = buildProvider({
      issuer: `${settings.publicOrigin}${ISSUER_PATH}`,
      keys,
      derived,
      ctx,
      consentedGrant: (principalId, clientId) => consentedGrant(ctx.sql, principalId, clientId),
    });
    return { fingerprint, provider, derived, checkedAt: Date.now() };
  };

  return {
    async current() {
      if (cached && Date.now() - cached.checkedAt < RECHECK_MILLISECONDS) return cached;
      pending ??= refresh().finally(() => {
        pending = undefined;
      });
      cached = await pending;
      return cached;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
