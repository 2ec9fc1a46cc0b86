import type { IdentityApi, PrincipalProfile } from '@kiban/sdk';
import { findPrincipalById, type Principal, readProfile, recordAudit } from '../access/index.ts';
import { sqlOf } from '../data/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { inPluginTransaction } from './transaction-context.ts';

export interface IdentityApiDeps {
  plugin: string;
  live(): LiveApp;
  committed(): void;
  /** The plugin's system principal, whom the audit trail names. */
  systemPrincipal(): Principal;
}

/**
 * `ctx.identity`: principals as an identity plugin needs them. Each profile read is audited as
 * the plugin's, naming the principal and the plugin's purpose, never the values read.
 */
export function createIdentityApi(deps: IdentityApiDeps): IdentityApi {
  return {
    profile: (principalId, purpose) =>
      inPluginTransaction(deps.live, deps.committed, async ({ em }) => {
        const sql = sqlOf(em);
        const principal = await findPrincipalById(sql, principalId);
        const [enabled] = principal
          ? await sql.query('select 1 from kiban_principal where id = ? and not disabled', [principal.id])
          : [];
        if (!principal || !enabled) return null;
        const profile = await readProfile(sql, principal);
        await recordAudit(sql, {
          principal: deps.systemPrincipal(),
          action: `${deps.plugin}.${purpose.action}`,
          recordIds: [principal.id],
          detail: { plugin: deps.plugin, ...purpose.details },
        });
        const { displayName, displayNameKana, email, phone, postalCode, address } = profile;
        return { displayName, displayNameKana, email, phone, postalCode, address } satisfies PrincipalProfile;
      }),
  };
}
