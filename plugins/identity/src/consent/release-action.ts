import { type ActionContribution, PluginError } from '@kiban/sdk';
import { pulledClaims } from '../attributes/claims.ts';
import { ATTRIBUTES, type Attribute, isAttribute, profileClaims } from '../oidc/attributes.ts';
import { serviceSubject } from './service-subject.ts';

export interface ReleaseInput {
  /** The resident's principal id. */
  resident: string;
  /** The registered service the attributes are released to (its client id). */
  client: string;
  /** Also answer the resident's pseudonymous id at that service (`subject`). */
  pseudonym?: boolean;
}

export interface ReleasedAttributes {
  /** The attributes the resident granted the service. */
  attributes: Attribute[];
  /** The claims of those attributes only, from the resident's own portal profile. */
  claims: Record<string, unknown>;
  /** The service's pairwise subject for the resident, when asked for: never the principal id. */
  subject?: string;
}

/**
 * Another plugin of this city (the CRM's resident 360) asks for a resident's attributes as a
 * registered service: only the attributes the resident granted that service in the consent
 * screen are released, from their portal profile, and the read is audited with the service
 * and the attribute names. No standing consent, or one revoked: refused with 403
 * `identity.consentMissing`, nothing read. Callable in process only (`ctx.plugins.call`) by
 * the plugins' own system actor, never by a person over HTTP.
 */
export const releaseAttributes: ActionContribution<ReleaseInput, ReleasedAttributes> = {
  name: 'releaseAttributes',
  label: { ja: '同意済みの属性の提供', en: 'Release consented attributes' },
  input: {
    type: 'object',
    required: ['resident', 'client'],
    additionalProperties: false,
    properties: {
      resident: { type: 'string', minLength: 1, maxLength: 64 },
      client: { type: 'string', minLength: 1, maxLength: 100 },
      pseudonym: { type: 'boolean' },
    },
  },
  async handler({ resident, client, pseudonym }, ctx) {
    if (ctx.actor.kind !== 'system') {
      throw new PluginError('identity.forbidden', 403, {
        ja: 'この操作は連携する機能だけが使えます。',
        en: 'Only the city’s own services may ask for attributes.',
      });
    }
    const { rows } = await ctx.sql.query<{ granted: string[] }>(
      'select granted from consent where principal_id = $1 and client_id = $2 and revoked_at is null',
      [resident, client],
    );
    const attributes = (rows[0]?.granted ?? []).filter(isAttribute).filter((name) => name !== 'offline_access');
    if (attributes.length === 0) {
      throw new PluginError('identity.consentMissing', 403, {
        ja: '住民がこのサービスへの提供に同意していません。',
        en: 'The resident has not consented to release attributes to this service.',
      });
    }
    const profile = await ctx.identity.profile(resident, {
      action: 'attributesReleased',
      details: { client, attributes },
    });
    if (!profile) {
      throw new PluginError('identity.residentNotFound', 404, {
        ja: '住民が見つかりません。',
        en: 'No such resident.',
      });
    }
    const all = { ...profileClaims(resident, profile), ...(await pulledClaims(ctx, resident, attributes)) };
    const wanted = new Set<string>(attributes.flatMap((name) => [...ATTRIBUTES[name].claims]));
    const claims = Object.fromEntries(Object.entries(all).filter(([claim]) => wanted.has(claim)));
    if (!pseudonym) return { attributes, claims };
    return { attributes, claims, subject: await serviceSubject(ctx, client, resident) };
  },
};
