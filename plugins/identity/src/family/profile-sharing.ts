import type { PluginContext } from '@kiban/sdk';
import { iso, isProtected, type Person } from './family.ts';

/** Where a person lives: never shared about someone under DV/stalking protection. */
const WHEREABOUTS = new Set(['address', 'postalCode']);

interface LinkRow {
  id: string;
  other: string;
  scopes: string[];
  profile_fields: string[];
  created_at: Date | string;
}

/**
 * The person's links with what the other shares: their name always, and with the `profile`
 * scope the link's listed fields — less their address and postal code while they are under
 * protection, which takes effect at the next read, whatever the link says.
 */
export async function links(ctx: PluginContext, person: Person) {
  const { rows } = await ctx.sql.query<LinkRow>(
    `select id, case when inviter_id = $1 then invitee_id else inviter_id end as other, scopes, profile_fields,
            created_at
     from family_link where (inviter_id = $1 or invitee_id = $1) and revoked_at is null order by created_at, id`,
    [person.id],
  );
  return Promise.all(
    rows.map(async (row) => {
      const profile = await ctx.identity.profile(row.other, {
        action: 'family.profileShared',
        details: { link: row.id },
      });
      const shielded = await isProtected(ctx, row.other);
      const fields = row.scopes.includes('profile')
        ? row.profile_fields.filter((field) => !(shielded && WHEREABOUTS.has(field)))
        : [];
      const values = profile as unknown as Record<string, string | null> | null;
      return {
        id: row.id,
        scopes: row.scopes,
        profileFields: row.profile_fields,
        createdAt: iso(row.created_at),
        other: {
          id: row.other,
          displayName: profile?.displayName ?? null,
          ...Object.fromEntries(fields.map((field) => [field, values?.[field] ?? null])),
        },
      };
    }),
  );
}
