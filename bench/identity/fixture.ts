import { createHash, randomBytes } from 'node:crypto';
import { createPrincipal } from '../../engine/src/access/index.ts';
import type { Engine } from '../../engine/src/engine.ts';
import { signedInStaff } from '../lib/bench-engine.ts';

/** A registered service, a resident who consented to it, and their browser's cookies at the provider. */
export interface IdentityFixture {
  origin: string;
  issuer: string;
  clientId: string;
  basicAuth: string;
  redirectUri: string;
  residentCookie: string;
  residentPassword: { username: string; password: string };
  /** An admin's cookie, for the baseline request. */
  staffCookie: string;
}

const REDIRECT = 'https://bench-service.city.example/callback';

export async function prepareIdentity(engine: Engine, origin: string): Promise<IdentityFixture> {
  const admin = await signedInStaff(engine, 'bench-id-admin', ['kiban:admin', 'identity-admin']);
  const call = async (method: string, path: string, body: unknown, cookie = admin.cookie) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
  await call('PUT', '/api/admin/settings/identity', {
    publicOrigin: origin,
    secret: randomBytes(32).toString('base64url'),
  });
  const { clientId, clientSecret } = (await call('POST', '/api/actions/identity.registerClient', {
    name: 'ベンチマーク用サービス',
    redirectUris: [REDIRECT],
    attributes: ['name'],
  })) as { clientId: string; clientSecret: string };

  const password = randomBytes(18).toString('base64url');
  await createPrincipal(engine.live().sql(), { kind: 'resident', username: 'bench-resident', password, roles: [] });
  const login = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-resident', password }),
  });
  const residentCookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const fixture: IdentityFixture = {
    origin,
    issuer: `${origin}/api/public/identity/oidc`,
    clientId,
    basicAuth: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
    redirectUri: REDIRECT,
    residentCookie,
    residentPassword: { username: 'bench-resident', password },
    staffCookie: admin.cookie,
  };
  // The first flow asks for consent; later ones go straight back with a code.
  await codeFlow(fixture, true);
  return fixture;
}

/** One authorization request in the resident's browser; answers the code and its PKCE verifier. */
export async function codeFlow(fixture: IdentityFixture, consent = false): Promise<{ code: string; verifier: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(`${fixture.issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: fixture.clientId,
    response_type: 'code',
    redirect_uri: fixture.redirectUri,
    scope: 'openid name',
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const cookies = new Map<string, string>([fixture.residentCookie.split('=') as [string, string]]);
  let next = url;
  for (let hops = 0; hops < 10; hops += 1) {
    const response = await fetch(next, {
      method: consent && next.pathname.endsWith('/consent') ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        'content-type': 'application/json',
        'sec-fetch-site': 'same-origin',
      },
      body: consent && next.pathname.endsWith('/consent') ? JSON.stringify({ grant: ['name'] }) : undefined,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (response.status === 200 && consent) {
      const { decide } = (await response.json()) as { decide: string };
      next = new URL(decide, fixture.origin);
      continue;
    }
    if (!location) throw new Error(`the flow stopped at ${next.pathname}: ${response.status} ${await response.text()}`);
    await response.body?.cancel();
    next = new URL(location, next);
    const code = next.href.startsWith(fixture.redirectUri) ? next.searchParams.get('code') : null;
    if (code) return { code, verifier };
  }
  throw new Error('no code came back');
}
