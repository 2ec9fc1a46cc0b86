import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';

export const FAMILY_SCOPES = ['notices', 'applications', 'profile'] as const;
/** What a link with `profile` may share besides the name (always shown, so each knows who the other is). */
export const PROFILE_FIELDS = ['displayNameKana', 'email', 'phone', 'postalCode', 'address'] as const;
/** Shared when `profile` is asked for without a list. */
const DEFAULT_PROFILE_FIELDS = ['address', 'postalCode'];
export type Person = Actor & { kind: 'principal' };

export interface SentInvitation {
  id: string;
  scopes: string[];
  profileFields: string[];
  status: string;
  createdAt: string;
}

type InvitationRow = {
  id: string;
  scopes: string[];
  profile_fields: string[];
  status: string;
  created_at: Date | string;
};

/**
 * Invites a household member by their username. The answer and the work done are the same
 * whether the username names a resident, nobody, or a resident under DV/stalking protection:
 * an invitation is stored every time, delivered only to an unprotected resident, and stays
 * `pending` otherwise, so the inviter cannot tell a protected person from an unknown one.
 */
export async function invite(
  ctx: PluginContext,
  inviter: Person,
  username: string,
  scopes: string[],
  profileFields?: string[],
): Promise<SentInvitation> {
  const shared = sharedFields(scopes, profileFields);
  return ctx.transaction(inviter, async () => {
    const found = await ctx.identity.residentIdByUsername(username);
    // Asked for nobody too, so that an unknown name runs the same statements as a protected one.
    const protectedPerson = await isProtected(ctx, found ?? '');
    const deliverable = found !== null && found !== inviter.id && !protectedPerson ? found : null;
    const { rows } = await ctx.sql.query<InvitationRow>(
      `insert into family_invitation (inviter_id, invitee_id, scopes, profile_fields) values ($1, $2, $3::text[], $4::text[])
       returning id, scopes, profile_fields, status, created_at`,
      [inviter.id, deliverable, [...new Set(scopes)].sort(), shared],
    );
    await ctx.audit({ actor: inviter, action: 'identity.family.invited', details: { scopes } });
    return sentOf(rows[0]);
  });
}

export async function sentInvitations(ctx: PluginContext, person: Person): Promise<SentInvitation[]> {
  const { rows } = await ctx.sql.query<InvitationRow>(
    `select id, scopes, profile_fields, status, created_at from family_invitation where inviter_id = $1
     order by created_at, id`,
    [person.id],
  );
  return rows.map(sentOf);
}

export async function receivedInvitations(ctx: PluginContext, person: Person) {
  const { rows } = await ctx.sql.query<InvitationRow & { inviter_id: string }>(
    `select id, inviter_id, scopes, profile_fields, created_at from family_invitation
     where invitee_id = $1 and status = 'pending' order by created_at, id`,
    [person.id],
  );
  return rows.map((row) => ({
    id: row.id,
    from: row.inviter_id,
    scopes: row.scopes,
    profileFields: row.profile_fields,
    createdAt: iso(row.created_at),
  }));
}

/** The invitee answers; anyone else (or an invitation not pending) gets the same 404. */
export async function answer(ctx: PluginContext, person: Person, id: string, accept: boolean): Promise<void> {
  await ctx.transaction(person, async () => {
    const { rows } = await ctx.sql.query<{ inviter_id: string; scopes: string[]; profile_fields: string[] }>(
      `update family_invitation set status = $3 where id::text = $1 and invitee_id = $2 and status = 'pending'
       returning inviter_id, scopes, profile_fields`,
      [id, person.id, accept ? 'accepted' : 'declined'],
    );
    const invitation = rows[0];
    if (!invitation) throw notFound();
    if (accept) {
      await ctx.sql.query(
        `insert into family_link (inviter_id, invitee_id, scopes, profile_fields)
         values ($1, $2, $3::text[], $4::text[])`,
        [invitation.inviter_id, person.id, invitation.scopes, invitation.profile_fields],
      );
    }
    await ctx.audit({
      actor: person,
      action: accept ? 'identity.family.linked' : 'identity.family.declined',
      recordId: id,
    });
  });
}

export async function cancelInvitation(ctx: PluginContext, person: Person, id: string): Promise<void> {
  const { rowCount } = await ctx.sql.query(
    `update family_invitation set status = 'cancelled' where id::text = $1 and inviter_id = $2 and status = 'pending'`,
    [id, person.id],
  );
  if (rowCount === 0) throw notFound();
}

/** Either side ends a link at once. */
export async function revokeLink(ctx: PluginContext, person: Person, id: string): Promise<void> {
  await ctx.transaction(person, async () => {
    const { rowCount } = await ctx.sql.query(
      `update family_link set revoked_at = now(), revoked_by = $2
       where id::text = $1 and (inviter_id = $2 or invitee_id = $2) and revoked_at is null`,
      [id, person.id],
    );
    if (rowCount === 0) throw notFound();
    await ctx.audit({ actor: person, action: 'identity.family.revoked', recordId: id });
  });
}

/**
 * DV/stalking protection, set by authorised staff and audited. Setting it withdraws the pending
 * invitations addressed to the person, which from then on look like invitations to nobody.
 */
export async function setProtection(ctx: PluginContext, staff: Actor, principalId: string, on: boolean): Promise<void> {
  await ctx.transaction(staff, async () => {
    if (on) {
      await ctx.sql.query(
        `insert into protection (principal_id, set_by) values ($1, $2) on conflict (principal_id) do nothing`,
        [principalId, staff.kind === 'principal' ? staff.id : 'system'],
      );
      await ctx.sql.query(
        `update family_invitation set invitee_id = null where invitee_id = $1 and status = 'pending'`,
        [principalId],
      );
    } else {
      await ctx.sql.query('delete from protection where principal_id = $1', [principalId]);
    }
    await ctx.audit({
      actor: staff,
      action: on ? 'identity.protection.set' : 'identity.protection.lifted',
      recordId: principalId,
    });
  });
}

export async function isProtected(ctx: PluginContext, principalId: string): Promise<boolean> {
  const { rowCount } = await ctx.sql.query('select 1 from protection where principal_id = $1', [principalId]);
  return rowCount > 0;
}

function sentOf(row: InvitationRow): SentInvitation {
  return {
    id: row.id,
    scopes: row.scopes,
    profileFields: row.profile_fields,
    status: row.status,
    createdAt: iso(row.created_at),
  };
}

/**
 * The profile fields an invitation shares: the list given (or the address when none is) with
 * `profile`, none without it. Checked before the username is looked up, so the refusal is the
 * same whoever is invited.
 */
function sharedFields(scopes: string[], profileFields: string[] | undefined): string[] {
  if (!scopes.includes('profile')) {
    if (profileFields === undefined || profileFields.length === 0) return [];
    const message = {
      ja: '共有するプロフィール項目は、範囲「プロフィール」を選んだときだけ指定できます。',
      en: 'Profile fields can be listed only with the scope "profile".',
    };
    throw new PluginError('identity.family.fieldsWithoutProfile', 422, message, [
      { pointer: '/profileFields', code: 'identity.family.fieldsWithoutProfile', message },
    ]);
  }
  return [...new Set(profileFields ?? DEFAULT_PROFILE_FIELDS)].sort();
}

export function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

function notFound(): PluginError {
  return new PluginError('identity.family.notFound', 404, {
    ja: 'この招待またはつながりは見つかりません。',
    en: 'There is no such invitation or link.',
  });
}
