import { type ActionContribution, PluginError } from '@kiban/sdk';
import { isProtected } from './family.ts';

export interface HouseholdMember {
  /** The other resident's principal id. */
  member: string;
  /** What the two agreed to share (`notices`, `applications`, `profile`). */
  scopes: string[];
  since: string;
}

/**
 * A resident's household as the city's own services may know it: the family links both sides
 * agreed to and neither ended. A member under DV/stalking protection is left out, so a service
 * (a clerk's resident 360) never learns that the protected person is linked to anyone. Callable
 * in process only (`ctx.plugins.call`) by a plugin's system actor; the caller decides who may
 * see it and reads the members' records under that person's policies.
 */
export const householdOf: ActionContribution<{ resident: string }, { members: HouseholdMember[] }> = {
  name: 'householdOf',
  label: { ja: '世帯（家族のつながり）の照会', en: 'Household (family links) of a resident' },
  input: {
    type: 'object',
    required: ['resident'],
    additionalProperties: false,
    properties: { resident: { type: 'string', minLength: 1, maxLength: 64 } },
  },
  async handler({ resident }, ctx) {
    if (ctx.actor.kind !== 'system') {
      throw new PluginError('identity.forbidden', 403, {
        ja: 'この操作は連携する機能だけが使えます。',
        en: 'Only the city’s own services may ask for a household.',
      });
    }
    const { rows } = await ctx.sql.query<{ member: string; scopes: string[]; created_at: Date | string }>(
      `select case when inviter_id = $1 then invitee_id else inviter_id end as member, scopes, created_at
       from family_link where (inviter_id = $1 or invitee_id = $1) and revoked_at is null
       order by created_at, id limit 100`,
      [resident],
    );
    const members: HouseholdMember[] = [];
    for (const row of rows) {
      if (await isProtected(ctx, row.member)) continue;
      members.push({ member: row.member, scopes: row.scopes, since: new Date(row.created_at).toISOString() });
    }
    return { members };
  },
};
