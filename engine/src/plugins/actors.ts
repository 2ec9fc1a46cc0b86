import type { Actor } from '@kiban/sdk';
import type { Principal } from '../access/index.ts';
import type { Sql } from '../data/index.ts';
import { KibanError } from '../errors.ts';

/** The actor a signed-in principal is to a plugin. */
export function actorOf(principal: Principal): Actor {
  const actor: Actor = {
    kind: 'principal',
    id: principal.id,
    principalKind: principal.kind,
    roles: [...principal.roles],
  };
  if (principal.department) actor.department = principal.department;
  if (principal.signIn) actor.signIn = { ...principal.signIn };
  return actor;
}

/**
 * The principal a plugin's actor stands for. A principal actor keeps its id, kind, roles and
 * department (the policy needs nothing else); the system actor is the plugin's own system principal.
 */
export function principalOf(actor: Actor, systemPrincipal: () => Principal): Principal {
  if (actor.kind === 'system') return systemPrincipal();
  return {
    id: actor.id,
    kind: actor.principalKind,
    username: '',
    displayName: null,
    roles: [...actor.roles],
    department: actor.department ?? null,
    attributes: {},
  };
}

/** `plugin:<name>`: a colon no plugin name contains, so it reads as what it is in the audit trail. */
export function systemUsername(plugin: string): string {
  return `plugin:${plugin}`;
}

/**
 * The principal a plugin's system actor writes as: a `system` principal that owns what the
 * plugin creates and is named in the audit trail. It is disabled and has no password, so
 * nobody can sign in as it; its power comes from the plugin's scope, not from roles.
 */
export async function ensureSystemPrincipal(sql: Sql, plugin: string): Promise<Principal> {
  const username = systemUsername(plugin);
  await sql.run(
    `insert into kiban_principal (kind, username, display_name, roles, disabled)
     values ('system', ?, ?, '{}', true)
     on conflict (username) do nothing`,
    [username, `プラグイン ${plugin}`],
  );
  const [row] = await sql.query<{
    id: string;
    kind: string;
    display_name: string | null;
    password_hash: string | null;
  }>('select id, kind, display_name, password_hash from kiban_principal where username = ?', [username]);
  if (row?.kind !== 'system' || row.password_hash !== null) {
    throw new KibanError('plugin.principalTaken', 500, {
      ja: `プラグイン「${plugin}」のシステム利用者名「${username}」は、別の利用者がすでに使っています。`,
      en: `The system username "${username}" of the plugin "${plugin}" is already taken by another principal.`,
    });
  }
  return {
    id: row.id,
    kind: 'system',
    username,
    displayName: row.display_name,
    roles: [],
    department: null,
    attributes: {},
  };
}
