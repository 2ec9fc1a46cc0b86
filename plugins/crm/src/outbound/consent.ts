import type { DataApi } from '@kiban/sdk';
import { ENTITY } from '../entities.ts';

/**
 * Who a resident agreed may receive their attributes.
 *
 * The seam for the identity plugin: today residents are keyed by the engine's principal id and
 * consent is the CRM's own per-resident, per-system grant (`IntegrationConsent`). When the
 * identity plugin lands, an implementation of this interface backed by its consent records
 * (and its pseudonymous id as `resident`) replaces `crmConsentSource`; nothing else in the
 * outbound path reads consent.
 */
export interface ConsentSource {
  /** The ids, among `residents`, that consented to `systemId`. */
  consenting(residents: readonly string[], systemId: string): Promise<Set<string>>;
}

export function crmConsentSource(data: DataApi): ConsentSource {
  return {
    async consenting(residents, systemId) {
      if (residents.length === 0) return new Set();
      const grants = await data.list(ENTITY.consent, {
        filter: { system: { eq: systemId }, resident: { in: [...residents] }, granted: { eq: true } },
        fields: ['resident'],
        limit: 200,
      });
      return new Set(grants.map((grant) => String(grant.resident)));
    },
  };
}
