import { isPluginError, type PluginContext } from '@kiban/sdk';
import { SYSTEM } from '../entities.ts';
import { crmSettings } from '../settings.ts';

const IDENTITY = 'identity';

/** A resident's attributes as the 360 may show them: only ever what they consented to. */
export type PulledAttributes =
  | { status: 'released'; attributes: string[]; claims: Record<string, unknown> }
  /** The resident has not consented (or withdrew): nothing was read. */
  | { status: 'notConsented' }
  /** No identity plugin runs, or the CRM is not registered with it as a service. */
  | { status: 'unavailable' };

/**
 * Where the 360's attributes beyond the CRM's own profile come from, asked per resident. The
 * one implementation asks the identity plugin, whose consent screen is where residents decide
 * which attributes (name, email, phone, address) the CRM — registered there as a service,
 * settings `identityClientId` — may receive; without that consent it refuses and nothing is read.
 */
export interface AttributeSource {
  pull(resident: string): Promise<PulledAttributes>;
}

export function identityAttributeSource(ctx: PluginContext): AttributeSource {
  return {
    async pull(resident) {
      const client = (await crmSettings(ctx)).identityClientId;
      if (!client || !ctx.plugins.has(IDENTITY)) return { status: 'unavailable' };
      try {
        const released = await ctx.plugins.call<{ attributes: string[]; claims: Record<string, unknown> }>(
          IDENTITY,
          'releaseAttributes',
          { resident, client },
          SYSTEM,
        );
        return { status: 'released', ...released };
      } catch (error) {
        if (isPluginError(error) && error.code === 'identity.consentMissing') return { status: 'notConsented' };
        throw error;
      }
    },
  };
}
