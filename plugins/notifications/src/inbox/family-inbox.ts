import type { Actor, PluginContext } from '@kiban/sdk';
import { type InboxItem, listInbox } from './inbox-store.ts';

type Resident = Actor & { kind: 'principal' };

/** A family member's notice in the resident's inbox: whose it is. */
export type FamilyInboxItem = InboxItem & { familyMember?: { id: string; displayName: string | null } };

/**
 * The resident's inbox with the notices of the family members who share theirs with them (the
 * identity plugin's links with the `notices` scope), newest first, each of theirs marked with
 * whose it is. The identity plugin is asked at every read, so a revoked link or a person put
 * under protection is gone from the next page; without it the inbox is the resident's own.
 * Only the recipient can open (mark read) a notice: a family member's reading is no proof of
 * receipt. Reading another's notices is audited (`notifications.familyInbox.read`, their ids).
 */
export async function inboxWithFamily(
  ctx: PluginContext,
  resident: Resident,
  options: { language: string; limit: number; before?: string },
): Promise<FamilyInboxItem[]> {
  const own = await listInbox(ctx, resident.id, options);
  if (!ctx.plugins.has('identity')) return own;
  const { people } = await ctx.plugins.call<{ people: Array<{ id: string; displayName: string | null }> }>(
    'identity',
    'familyPeople',
    { scope: 'notices' },
    resident,
  );
  if (people.length === 0) return own;
  // Ids come from one sequence: the newest `limit` of the union are among each one's newest `limit`.
  const theirs = await Promise.all(
    people.map(async (person) =>
      (await listInbox(ctx, person.id, options)).map((item) => ({ ...item, familyMember: person })),
    ),
  );
  const merged: FamilyInboxItem[] = [...own, ...theirs.flat()]
    .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
    .slice(0, options.limit);
  const theirsShown = merged.flatMap((item) => (item.familyMember ? [item.familyMember.id] : []));
  if (theirsShown.length > 0) {
    await ctx.audit({
      actor: resident,
      action: 'notifications.familyInbox.read',
      details: { familyMembers: [...new Set(theirsShown)], notices: theirsShown.length },
    });
  }
  return merged;
}
