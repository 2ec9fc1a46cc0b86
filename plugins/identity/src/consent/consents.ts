import { type Actor, type PluginContext, PluginError, type SqlApi } from '@kiban/sdk';
import { revokeGrant } from '../oidc/adapter.ts';

/** A resident's standing decision about one service. */
export interface ConsentListing {
  clientId: string;
  clientName: string | null;
  granted: string[];
  refused: string[];
  decidedAt: string;
}

/** The grant behind a resident's unrevoked consent to a service. */
export async function consentedGrant(sql: SqlApi, principalId: string, clientId: string): Promise<string | undefined> {
  const { rows } = await sql.query<{ grant_id: string | null }>(
    'select grant_id from consent where principal_id = $1 and client_id = $2 and revoked_at is null',
    [principalId, clientId],
  );
  return rows[0]?.grant_id ?? undefined;
}

/**
 * Records a decision (granted and refused attributes, on top of earlier ones) with its audit
 * entry, in one transaction.
 */
export async function recordDecision(
  ctx: PluginContext,
  actor: Actor & { kind: 'principal' },
  decision: { clientId: string; grantId: string; granted: string[]; refused: string[] },
): Promise<void> {
  await ctx.transaction(actor, async () => {
    await ctx.sql.query(
      `insert into consent (principal_id, client_id, granted, refused, grant_id)
       values ($1, $2, $3::text[], $4::text[], $5)
       on conflict (principal_id, client_id) do update set
         granted = case when consent.revoked_at is null
           then array(select distinct unnest(consent.granted || excluded.granted)) else excluded.granted end,
         refused = case when consent.revoked_at is null
           then array(select distinct unnest(consent.refused || excluded.refused)) else excluded.refused end,
         grant_id = excluded.grant_id, decided_at = now(), revoked_at = null`,
      [actor.id, decision.clientId, decision.granted, decision.refused, decision.grantId],
    );
    await ctx.audit({
      actor,
      action: 'identity.consent.decided',
      recordId: decision.clientId,
      details: { client: decision.clientId, granted: decision.granted, refused: decision.refused },
    });
  });
}

export async function listConsents(sql: SqlApi, principalId: string): Promise<ConsentListing[]> {
  const { rows } = await sql.query<{
    client_id: string;
    client_name: string | null;
    granted: string[];
    refused: string[];
    decided_at: Date | string;
  }>(
    `select c.client_id, r.metadata->>'client_name' as client_name, c.granted, c.refused, c.decided_at
     from consent c left join relying_party r on r.client_id = c.client_id
     where c.principal_id = $1 and c.revoked_at is null order by c.decided_at desc`,
    [principalId],
  );
  return rows.map((row) => ({
    clientId: row.client_id,
    clientName: row.client_name,
    granted: row.granted,
    refused: row.refused,
    decidedAt: new Date(row.decided_at).toISOString(),
  }));
}

/**
 * Withdraws a consent: the grant and every code and token issued under it go at once (the
 * service's next introspection answers `active: false`, its refresh token stops working), and
 * the next sign-in to the service asks again.
 */
export async function revokeConsent(
  ctx: PluginContext,
  actor: Actor & { kind: 'principal' },
  clientId: string,
): Promise<void> {
  await ctx.transaction(actor, async () => {
    const { rows } = await ctx.sql.query<{ grant_id: string | null }>(
      `update consent set revoked_at = now() where principal_id = $1 and client_id = $2 and revoked_at is null
       returning grant_id`,
      [actor.id, clientId],
    );
    const revoked = rows[0];
    if (!revoked) {
      throw new PluginError('identity.consentNotFound', 404, {
        ja: 'このサービスへの同意は見つかりません。',
        en: 'There is no consent to this service.',
      });
    }
    if (revoked.grant_id) await revokeGrant(ctx.sql, revoked.grant_id);
    await ctx.audit({ actor, action: 'identity.consent.revoked', recordId: clientId, details: { client: clientId } });
  });
}
