import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';

type Person = Actor & { kind: 'principal' };

/** One way a person signs in: `password` (with `totp` when it has a second factor), a passkey, or an upstream. */
export interface SignInMethod {
  /** `password`, `passkey:<credential id>` or `upstream:<upstream id>`: what `removeMethod` takes. */
  id: string;
  kind: 'password' | 'passkey' | 'upstream';
  /** The passkey's label or the upstream's id. */
  label: string;
  totp?: boolean;
  since: string;
  lastUsedAt?: string | null;
}

/** Every method linked to the person, oldest first. */
export async function listMethods(ctx: PluginContext, principalId: string): Promise<SignInMethod[]> {
  const { rows } = await ctx.sql.query<{
    id: string;
    kind: SignInMethod['kind'];
    label: string;
    totp: boolean | null;
    since: Date;
    last_used_at: Date | null;
  }>(
    `select 'password' as id, 'password' as kind, 'password' as label,
            exists (select 1 from totp_credential t where t.principal_id = p.principal_id and t.confirmed_at is not null) as totp,
            p.set_at as since, null::timestamptz as last_used_at
       from password_credential p where p.principal_id = $1
     union all
     select 'passkey:' || credential_id, 'passkey', label, null, created_at, last_used_at
       from passkey_credential where principal_id = $1
     union all
     select 'upstream:' || upstream_id, 'upstream', upstream_id, null, linked_at, null
       from upstream_link where principal_id = $1
     order by since, id`,
    [principalId],
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    label: row.label,
    ...(row.kind === 'password' ? { totp: Boolean(row.totp) } : {}),
    since: new Date(row.since).toISOString(),
    ...(row.kind === 'passkey'
      ? { lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null }
      : {}),
  }));
}

/**
 * Removes one of the person's methods, never the last: they could no longer sign in. Removing
 * the password removes its second factor and recovery codes with it. Audited.
 */
export async function removeMethod(ctx: PluginContext, person: Person, methodId: string): Promise<void> {
  await ctx.transaction(person, async () => {
    // One removal at a time per person, so two at once cannot both see "another one is left".
    await ctx.sql.query('select pg_advisory_xact_lock(hashtext($1))', [`identity-methods:${person.id}`]);
    const methods = await listMethods(ctx, person.id);
    if (!methods.some((method) => method.id === methodId)) {
      throw new PluginError('identity.methodNotFound', 404, {
        ja: 'このサインイン方法は登録されていません。',
        en: 'This sign-in method is not linked to your account.',
      });
    }
    if (methods.length === 1) {
      throw new PluginError('identity.lastMethod', 409, {
        ja: '最後のサインイン方法は削除できません。先に別の方法を追加してください。',
        en: 'The last sign-in method cannot be removed; add another one first.',
      });
    }
    const [kind, ...rest] = methodId.split(':');
    const key = rest.join(':');
    if (kind === 'password') {
      for (const table of ['password_credential', 'totp_credential', 'recovery_code']) {
        await ctx.sql.query(`delete from ${table} where principal_id = $1`, [person.id]);
      }
    } else if (kind === 'passkey') {
      await ctx.sql.query('delete from passkey_credential where principal_id = $1 and credential_id = $2', [
        person.id,
        key,
      ]);
    } else {
      await ctx.sql.query('delete from upstream_link where principal_id = $1 and upstream_id = $2', [person.id, key]);
    }
    await ctx.audit({
      actor: person,
      action: 'identity.method.removed',
      recordId: person.id,
      details: { method: kind === 'upstream' ? key : kind },
    });
  });
}
