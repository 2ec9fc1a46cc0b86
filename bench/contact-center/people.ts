import { randomBytes } from 'node:crypto';
import { createPrincipal } from '../../engine/src/access/index.ts';
import type { Engine } from '../../engine/src/engine.ts';

export interface Person {
  id: string;
  cookie: string;
}

/** A resident or member of staff with `roles`, signed in through the API: their id and session cookie. */
export async function signedIn(
  engine: Engine,
  kind: 'resident' | 'staff',
  username: string,
  roles: string[],
): Promise<Person> {
  const password = randomBytes(18).toString('base64url');
  const principal = await createPrincipal(engine.live().sql(), { kind, username, password, roles });
  const response = await engine.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${await response.text()}`);
  return { id: principal.id, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
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
