import { parseArgs } from 'node:util';
import { createPrincipal, type PrincipalKind } from '../access/index.ts';
import { checkAssignableRoles } from '../runtime/assignable-roles.ts';
import { checkAssignableAttributes } from '../runtime/principal-attributes.ts';
import { withEngine } from './open-engine.ts';
import { progress, UsageError } from './output.ts';

/**
 * `kiban user create NAME --kind staff --role librarian --department 環境政策課 --attribute ward=北区 --password-stdin`;
 * passwords never go on the command line. Works while `kiban serve` runs on the same PGlite
 * directory: the command joins the running engine's database instead of opening it twice.
 */
export async function userCommand(args: string[]): Promise<void> {
  const [sub, username, ...rest] = args;
  if (sub !== 'create' || !username)
    throw new UsageError(
      'usage: kiban user create NAME --kind staff|resident|system [--role R]... [--department D] [--attribute NAME=VALUE]... [--display-name N] [--password-stdin]',
    );
  const { values } = parseArgs({
    args: rest,
    options: {
      kind: { type: 'string', default: 'staff' },
      role: { type: 'string', multiple: true },
      'display-name': { type: 'string' },
      department: { type: 'string' },
      attribute: { type: 'string', multiple: true },
      'password-stdin': { type: 'boolean' },
    },
  });
  if (!['staff', 'resident', 'system'].includes(values.kind))
    throw new UsageError('--kind is staff, resident or system');
  const attributes = parseAttributes(values.attribute ?? []);
  const password = values['password-stdin'] ? await readPassword() : undefined;
  if (!password && values.kind !== 'system')
    throw new UsageError('give the password on standard input with --password-stdin');
  await withEngine(async (engine) => {
    progress(`creating ${values.kind} ${username}`);
    checkAssignableRoles(engine.live(), values.role ?? [], values.kind as PrincipalKind);
    checkAssignableAttributes(engine.live(), attributes, values.kind as PrincipalKind);
    const principal = await createPrincipal(engine.live().sql(), {
      kind: values.kind as PrincipalKind,
      username,
      displayName: values['display-name'],
      password,
      roles: values.role ?? [],
      department: values.department,
      attributes,
    });
    console.log(
      `created ${principal.kind} ${principal.username} (${principal.id}) with roles: ${principal.roles.join(', ') || '—'}`,
    );
  });
}

/** `--attribute ward=北区`, repeatable: the staff attributes roles declare (`$principal.ward`). */
function parseAttributes(entries: readonly string[]): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at <= 0) throw new UsageError(`--attribute takes NAME=VALUE, not "${entry}"`);
    attributes[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return attributes;
}

async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
