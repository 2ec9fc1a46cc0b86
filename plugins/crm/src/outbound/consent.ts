import { isPluginError, type PluginContext, type RecordData } from '@kiban/sdk';
import { ENTITY, SYSTEM } from '../entities.ts';

const IDENTITY = 'identity';

/** What may leave about one resident for one system: how that system knows them, and the attributes consented to. */
export interface ResidentRelease {
  /** The resident's key at the system: the identity plugin's pseudonymous id there, never My Number. */
  key: string;
  attributes: RecordData;
}

/**
 * The one place the outbound path learns whether a resident consented to a connected system.
 * `undefined` means no consent: nothing about that resident leaves.
 */
export interface ConsentSource {
  release(resident: string, system: RecordData): Promise<ResidentRelease | undefined>;
}

/**
 * With the identity plugin, its consent decides: a system names the service it is registered
 * as there (`identityClient`), and the resident's standing grant to that service — given and
 * revoked in identity's consent screen and account page — is asked for at every event. The
 * attributes are the claims of the attributes granted (the release is audited by identity) and
 * the key is that service's pairwise subject. Without the identity plugin, the CRM's own
 * `IntegrationConsent` decides.
 */
export function consentSourceFor(ctx: PluginContext): ConsentSource {
  return ctx.plugins.has(IDENTITY) ? identityConsentSource(ctx) : crmConsentSource(ctx);
}

export function identityConsentSource(ctx: PluginContext): ConsentSource {
  return {
    async release(resident, system) {
      const client = typeof system.identityClient === 'string' ? system.identityClient : undefined;
      // A system not registered at identity is one no resident could consent to.
      if (!client) return undefined;
      try {
        const released = await ctx.plugins.call<{ claims: Record<string, unknown>; subject: string }>(
          IDENTITY,
          'releaseAttributes',
          { resident, client, pseudonym: true },
          SYSTEM,
        );
        return { key: released.subject, attributes: released.claims as RecordData };
      } catch (error) {
        if (isPluginError(error) && ['identity.consentMissing', 'identity.residentNotFound'].includes(error.code)) {
          return undefined;
        }
        throw error;
      }
    },
  };
}

/** The CRM's own grant, one `IntegrationConsent` per resident and system, with the profile fields the system asked for. */
export function crmConsentSource(ctx: PluginContext): ConsentSource {
  const data = ctx.data(SYSTEM);
  return {
    async release(resident, system) {
      const [grant] = await data.list(ENTITY.consent, {
        filter: { system: { eq: String(system.id) }, resident: { eq: resident }, granted: { eq: true } },
        fields: ['resident'],
        limit: 1,
      });
      if (!grant) return undefined;
      return { key: resident, attributes: await profileAttributes(ctx, resident, system.attributes) };
    },
  };
}

async function profileAttributes(ctx: PluginContext, resident: string, wanted: unknown): Promise<RecordData> {
  const names = Array.isArray(wanted) ? wanted.filter((name): name is string => typeof name === 'string') : [];
  if (names.length === 0) return {};
  const [profile] = await ctx.data(SYSTEM).list(ENTITY.profile, { filter: { principal: { eq: resident } }, limit: 1 });
  if (!profile) return {};
  return Object.fromEntries(names.filter((name) => name in profile).map((name) => [name, profile[name]]));
}
