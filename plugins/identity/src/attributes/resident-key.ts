import type { PluginContext } from '@kiban/sdk';
import type { UpstreamSettings } from '../upstream/upstream-settings.ts';
import type { ResidentKey } from './source.ts';

/**
 * How the sources may know this resident: the pseudonym staff linked (the individual number
 * itself is never kept), and the subject of a linked upstream that verifies with public
 * authentication (`assurance: "jpki"`, residents). Empty when neither exists.
 */
export async function residentKey(
  ctx: PluginContext,
  principalId: string,
  upstreams: UpstreamSettings[] | undefined,
): Promise<ResidentKey> {
  const publicAuth = (upstreams ?? []).filter(
    (upstream) => upstream.assurance === 'jpki' && upstream.principalKind === 'resident',
  );
  const { rows } = await ctx.sql.query<{ kind: string; key: string; subject: string | null }>(
    `select 'pseudonym' as kind, pseudonym as key, null as subject from resident_pseudonym where principal_id = $1
     union all
     select 'upstream', upstream_id, subject from upstream_link where principal_id = $1 and upstream_id = any($2::text[])
     order by 1, 2`,
    [principalId, publicAuth.map((upstream) => upstream.id)],
  );
  const key: ResidentKey = {};
  for (const row of rows) {
    if (row.kind === 'pseudonym') key.pseudonym = row.key;
    else if (!key.publicAuthentication && row.subject !== null) {
      const upstream = publicAuth.find((each) => each.id === row.key);
      if (upstream) key.publicAuthentication = { issuer: upstream.issuer, subject: row.subject };
    }
  }
  return key;
}
