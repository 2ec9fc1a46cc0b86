import type { Actor, PluginContext, RecordData } from '@kiban/sdk';
import { ENTITY, ROLE, SYSTEM } from '../entities.ts';
import { crmError } from '../errors.ts';

const IDENTITY = 'identity';
const MEMBER_FIELDS = ['id', 'principal', 'fullName', 'fullNameKana', 'birthDate', 'ward'];

interface HouseholdLink {
  member: string;
  scopes: string[];
  since: string;
}

export interface HouseholdMember {
  /** What the two residents agreed to share through their family link. */
  scopes: string[];
  since: string;
  /** The member's profile as this reader may see it. */
  profile: RecordData;
}

export type Household =
  /** `hidden`: members whose profile this reader's policies do not let them read (only counted). */
  | { status: 'read'; members: HouseholdMember[]; hidden: number }
  /** No identity plugin runs: the CRM keeps no household of its own. */
  | { status: 'unavailable'; members: []; hidden: 0 };

/**
 * A resident's household for the 360's panel: the family links both residents agreed to at the
 * identity plugin (members under DV/stalking protection left out there), each member's profile
 * read under the member of staff's own policies. Only case staff may ask, only about a resident
 * whose profile they may read, and every read is audited (`crm.household.read`) with how many
 * members were shown.
 */
export async function residentHousehold(ctx: PluginContext, actor: Actor, principal: string): Promise<Household> {
  if (actor.kind !== 'principal' || !(actor.roles.includes(ROLE.staff) || actor.roles.includes(ROLE.manager))) {
    throw crmError('forbidden', 403, 'この操作の権限がありません。', 'Only case staff see a resident’s household.');
  }
  const readable = await ctx.data(actor).list(ENTITY.profile, {
    filter: { principal: { eq: principal } },
    fields: ['id'],
    limit: 1,
  });
  if (readable.length === 0) {
    throw crmError('resident.notFound', 404, '住民が見つかりません。', 'No such resident, or not one you may see.');
  }
  if (!ctx.plugins.has(IDENTITY)) return { status: 'unavailable', members: [], hidden: 0 };
  const links = await householdLinks(ctx, principal);
  const profiles = links.length
    ? await ctx.data(actor).list(ENTITY.profile, {
        filter: { principal: { in: links.map((link) => link.member) } },
        fields: MEMBER_FIELDS,
        limit: links.length,
      })
    : [];
  const byPrincipal = new Map(profiles.map((profile) => [String(profile.principal), profile]));
  const members = links.flatMap((link) => {
    const profile = byPrincipal.get(link.member);
    return profile ? [{ scopes: link.scopes, since: link.since, profile }] : [];
  });
  await ctx.audit({
    actor,
    action: 'crm.household.read',
    entity: ENTITY.profile,
    recordId: String(readable[0]?.id),
    details: { members: members.length, hidden: links.length - members.length },
  });
  return { status: 'read', members, hidden: links.length - members.length };
}

function householdLinks(ctx: PluginContext, principal: string): Promise<HouseholdLink[]> {
  return ctx.plugins
    .call<{ members: HouseholdLink[] }>(IDENTITY, 'householdOf', { resident: principal }, SYSTEM)
    .then((answer) => answer.members);
}
