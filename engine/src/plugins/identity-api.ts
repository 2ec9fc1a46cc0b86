import type { IdentityApi, PrincipalProfile } from '@kiban/sdk';
import {
  createPrincipal,
  createSignInSession,
  findPrincipalById,
  normalizeUsername,
  type Principal,
  readProfile,
  recordAudit,
  SESSION_COOKIE,
  setRoles,
} from '../access/index.ts';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

    consentsToReuse: (principalId) =>
      inPluginTransaction(deps.live, deps.committed, async ({ em }) => {
        if (!UUID.test(principalId)) return false;
        const [row] = await sqlOf(em).query<{ consent: boolean | null }>(
          `select (data ->> 'consentToReuse')::boolean as consent from kiban_profile where principal_id = ?`,
          [principalId],
        );
        return row?.consent === true;
      }),

    residentIdByUsername: (username) =>
      inPluginTransaction(deps.live, deps.committed, async ({ em }) => {
        const [row] = await sqlOf(em).query<{ id: string }>(
          `select id from kiban_principal where username = ? and kind = 'resident' and not disabled`,
          [normalizeUsername(String(username))],
        );
        return row?.id ?? null;
      }),

    ensurePrincipal: (input) =>
      inPluginTransaction(deps.live, deps.committed, async ({ em }) => {
        const sql = sqlOf(em);
        const audit = (action: string, id: string) =>
          recordAudit(sql, {
            principal: deps.systemPrincipal(),
            action: `${deps.plugin}.${action}`,
            recordIds: [id],
            detail: { plugin: deps.plugin, kind: input.kind, roles: input.roles ?? [] },
          });
        const [existing] = await sql.query<{ id: string }>('select id from kiban_principal where username = ?', [
          normalizeUsername(input.username),
        ]);
        if (existing) {
          if (input.roles !== undefined || input.department !== undefined) {
            if (input.roles !== undefined) await setRoles(sql, existing.id, input.roles);
            if (input.department !== undefined) {
              await sql.run('update kiban_principal set department = ? where id = ?', [input.department, existing.id]);
            }
            await audit('principal.synced', existing.id);
          }
          return { id: existing.id, created: false };
        }
        const created = await createPrincipal(sql, {
          kind: input.kind,
          username: input.username,
          displayName: input.displayName,
          roles: input.roles ?? [],
          department: input.department,
        });
        await audit('principal.created', created.id);
        return { id: created.id, created: true };
      }),

    startSession: (principalId, signIn, options) =>
      inPluginTransaction(deps.live, deps.committed, async ({ em }) => {
        const sql = sqlOf(em);
        const token = await createSignInSession(sql, principalId, signIn, options);
        const principal = (await findPrincipalById(sql, principalId)) as Principal;
        await recordAudit(sql, {
          principal,
          action: 'login',
          recordIds: [principalId],
          detail: { plugin: deps.plugin, method: signIn.method, assurance: signIn.assurance },
        });
        return { cookieName: SESSION_COOKIE, token };
      }),
  };
}
