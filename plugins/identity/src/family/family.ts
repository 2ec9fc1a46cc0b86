import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';

export const FAMILY_SCOPES = ['notices', 'applications', 'profile'] as const;
type Person = Actor & { kind: 'principal' };

export interface SentInvitation {
  id: string;
  scopes: string[];
  status: string;
  createdAt: string;
}

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
): Promise<SentInvitation> {
  return ctx.transaction(inviter, async () => {
    const found = await ctx.identity.residentIdByUsername(username);
    const protectedPerson = found !== null && (await isProtected(ctx, found));
    const deliverable = found !== null && found !== inviter.id && !protectedPerson ? found : null;
    const { rows } = await ctx.sql.query<{ id: string; scopes: string[]; status: string; created_at: Date | string }>(
      `insert into family_invitation (inviter_id, invitee_id, scopes) values ($1, $2, $3::text[])
       returning id, scopes, status, created_at`,
      [inviter.id, deliverable, [...new Set(scopes)].sort()],
    );
    await ctx.audit({ actor: inviter, action: 'identity.family.invited', details: { scopes } });
    return sentOf(rows[0]);
  });
}

export async function sentInvitations(ctx: PluginContext, person: Person): Promise<SentInvitation[]> {
  const { rows } = await ctx.sql.query<{ id: string; scopes: string[]; status: string; created_at: Date | string }>(
    'select id, scopes, status, created_at from family_invitation where inviter_id = $1 order by created_at, id',
    [person.id],
  );
  return rows.map(sentOf);
}

export async function receivedInvitations(ctx: PluginContext, person: Person) {
  const { rows } = await ctx.sql.query<{ id: string; inviter_id: string; scopes: string[]; created_at: Date | string }>(
    `select id, inviter_id, scopes, created_at from family_invitation
     where invitee_id = $1 and status = 'pending' order by created_at, id`,
    [person.id],
  );
  return rows.map((row) => ({ id: row.id, from: row.inviter_id, scopes: row.scopes, createdAt: iso(row.created_at) }));
}

/** The invitee answers; anyone else (or an invitation not pending) gets the same 404. */
export async function answer(ctx: PluginContext, person: Person, id: string, accept: boolean): Promise<void> {
  await ctx.transaction(person, async () => {
    const { rows } = await ctx.sql.query<{ inviter_id: string; scopes: string[] }>(
      `update family_invitation set status = $3 where id::text = $1 and invitee_id = $2 and status = 'pending'
       returning inviter_id, scopes`,
      [id, person.id, accept ? 'accepted' : 'declined'],
    );
    const invitation = rows[0];
    if (!invitation) throw notFound();
    if (accept) {
      await ctx.sql.query('insert into family_link (inviter_id, invitee_id, scopes) values ($1, $2, $3::text[])', [
        invitation.inviter_id,
        person.id,
        invitation.scopes,
      ]);
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

/**
 * The person's links with what each side shares: the other's name, and their address only when
 * the link's scopes include `profile` and the other is not under protection.
 */
export async function links(ctx: PluginContext, person: Person) {
  const { rows } = await ctx.sql.query<{ id: string; other: string; scopes: string[]; created_at: Date | string }>(
    `select id, case when inviter_id = $1 then invitee_id else inviter_id end as other, scopes, created_at
     from family_link where (inviter_id = $1 or invitee_id = $1) and revoked_at is null order by created_at, id`,
    [person.id],
  );
  return Promise.all(
    rows.map(async (row) => {
      const profile = await ctx.identity.profile(row.other, {
        action: 'family.profileShared',
        details: { link: row.id },
      });
      const sharesAddress = row.scopes.includes('profile') && !(await isProtected(ctx, row.other));
      return {
        id: row.id,
        scopes: row.scopes,
        createdAt: iso(row.created_at),
        other: {
          id: row.other,
          displayName: profile?.displayName ?? null,
          ...(sharesAddress ? { address: profile?.address ?? null, postalCode: profile?.postalCode ?? null } : {}),
        },
      };
    }),
  );
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

function sentOf(row: { id: string; scopes: string[]; status: string; created_at: Date | string }): SentInvitation {
  return { id: row.id, scopes: row.scopes, status: row.status, createdAt: iso(row.created_at) };
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

function notFound(): PluginError {
  return new PluginError('identity.family.notFound', 404, {
    ja: 'この招待またはつながりは見つかりません。',
    en: 'There is no such invitation or link.',
  });
}
