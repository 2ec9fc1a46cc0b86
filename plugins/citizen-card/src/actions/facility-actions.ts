import type { ActionContribution } from '@kiban/sdk';
import { callerOf, FACILITY_ROLE } from '../roles.ts';
import { verifyAtSite } from '../verify/verify-at-site.ts';
import { NONCE, PRESENTATION, PROFILE, SITE } from './schemas.ts';

/**
 * A facility (library, gym, event entrance) checks a card online: the same verification as its
 * page runs offline, plus a visit in the holder's log. Answers only what the profile may see.
 */
export const facilityActions: ActionContribution[] = [
  {
    name: 'verify',
    label: { ja: '市民カードを確認', en: 'Verify a citizen card' },
    roles: [FACILITY_ROLE],
    input: {
      type: 'object',
      required: ['presentation', 'profileId', 'site'],
      additionalProperties: false,
      properties: { presentation: PRESENTATION, profileId: PROFILE, site: SITE, nonce: NONCE },
    },
    handler: async (input, ctx) => {
      const { presentation, profileId, site, nonce } = input as {
        presentation: string;
        profileId: string;
        site: string;
        nonce?: string;
      };
      const staff = callerOf(ctx.actor);
      const holder = await verifyAtSite(ctx, { presentation, profileId, nonce }, new Date());
      await ctx.sql.query('insert into facility_visit (principal_id, profile, site) values ($1, $2, $3)', [
        holder.principalId,
        profileId,
        site,
      ]);
      await ctx.audit({ actor: staff, action: 'citizen-card.verified', details: { profileId, site } });
      return { valid: true, claims: holder.claims };
    },
  },
];
