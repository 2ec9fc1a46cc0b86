import type { DelegationContribution, PluginContext } from '@kiban/sdk';
import type { Person } from './family.ts';

/** The scopes that let one person use something of another's. */
export const GRANT_SCOPES = ['notices', 'applications'] as const;
export type GrantScope = (typeof GRANT_SCOPES)[number];

/**
 * Whose `scope` the person may use, over live links, by the person's name:
 * - `notices`: both sides of a link see each other's notices;
 * - `applications`: the inviter acts for the invitee (a parent inviting their child).
 * Nobody under DV/stalking protection is among them: a protected person's notices and
 * applications stop being reachable through their links the moment protection is set.
 */
export async function familyPeople(
  ctx: PluginContext,
  person: Person,
  scope: GrantScope,
): Promise<Array<{ id: string; displayName: string | null }>> {
  const { rows } = await ctx.sql.query<{ other: string; link: string }>(
    `select distinct on (other) other, link from (
       select case when l.inviter_id = $1 then l.invitee_id else l.inviter_id end as other, l.id::text as link
       from family_link l
       where l.revoked_at is null and $2 = any(l.scopes)
         and (l.inviter_id = $1 or ($2 = 'notices' and l.invitee_id = $1))
     ) linked
     where not exists (select 1 from protection p where p.principal_id = linked.other)
     order by other, link`,
    [person.id, scope],
  );
  return Promise.all(
    rows.map(async (row) => {
      const profile = await ctx.identity.profile(row.other, {
        action: 'family.nameShared',
        details: { link: row.link, scope },
      });
      return { id: row.other, displayName: profile?.displayName ?? null };
    }),
  );
}

/**
 * The engine's delegation hook: a resident may submit forms and read applications (create and
 * read records) for someone they invited with the `applications` scope, over a live link, while
 * that person is not under protection. One statement whether or not the other exists, is
 * linked or is protected.
 */
export const familyDelegation: DelegationContribution = {
  async allows({ actor, subject, action }, ctx) {
    if (actor.principalKind !== 'resident' || (action !== 'read' && action !== 'create')) return false;
    const { rowCount } = await ctx.sql.query(
      `select 1 from family_link l
       where l.inviter_id = $1 and l.invitee_id = $2 and l.revoked_at is null and 'applications' = any(l.scopes)
         and not exists (select 1 from protection p where p.principal_id = $2)
       limit 1`,
      [actor.id, subject],
    );
    return rowCount > 0;
  },
};
