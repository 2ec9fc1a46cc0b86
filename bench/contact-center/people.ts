import { createPrincipal, createSession, SESSION_COOKIE } from '../../engine/src/access/index.ts';
import type { Engine } from '../../engine/src/engine.ts';

export interface Person {
  id: string;
  cookie: string;
}

/**
 * A resident or member of staff with `roles` and a session: their id and session cookie. The
 * session is opened directly, not through a password sign-in: 550 argon2 hashes and checks
 * would take the setup tens of minutes on a loaded machine and measure nothing this bench is for.
 */
export async function signedIn(
  engine: Engine,
  kind: 'resident' | 'staff',
  username: string,
  roles: string[],
): Promise<Person> {
  const sql = engine.live().sql();
  const principal = await createPrincipal(sql, { kind, username, roles });
  const token = await createSession(sql, principal.id, { ttlSeconds: 3600 });
  return { id: principal.id, cookie: `${SESSION_COOKIE}=${token}` };
}

/** Calls `contact-center.<name>` over real HTTP as `person`; throws on anything but 200. */
export async function act<T>(origin: string, person: Person, name: string, body: unknown): Promise<T> {
  const response = await fetch(`${origin}/api/actions/contact-center.${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: person.cookie },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { result?: T } & T;
  if (response.status !== 200) throw new Error(`${name}: ${response.status} ${JSON.stringify(answer)}`);
  return answer.result ?? answer;
}
