import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import * as oidc from 'openid-client';
import identity from '../src/index.ts';
import { Browser } from './browser.ts';

export type DatabaseKind = 'pglite' | 'postgres';
export type { TestHost, TestHostClient };

/** PGlite always; a PostgreSQL server too when `KIBAN_TEST_DATABASE_URL` names one. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.KIBAN_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export const SECRET = 'a-test-secret-that-is-long-enough-for-hkdf';

/** A listening host with the provider configured for its own origin, and an identity administrator. */
export async function startProvider(kind: DatabaseKind): Promise<{ host: TestHost; origin: string; issuer: string }> {
  const host = await createTestHost({ plugins: [identity], kind });
  const { origin } = await host.listen();
  const set = await host.setSettings('identity', { publicOrigin: origin, secret: SECRET });
  if (set.status >= 300) throw new Error(`settings refused: ${JSON.stringify(set.body)}`);
  await host.signInAs('staff', 'id-admin', ['identity-admin']);
  return { host, origin, issuer: `${origin}/api/public/identity/oidc` };
}

export interface RegisteredService {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  config: oidc.Configuration;
}

let services = 0;

/** Registers a service through the admin action and discovers the provider as its relying party. */
export async function registerService(
  host: TestHost,
  issuer: string,
  attributes: string[] = ['name', 'address', 'offline_access'],
): Promise<RegisteredService> {
  services += 1;
  const redirectUri = `https://service-${services}.city.example/callback`;
  const registered = await host.request('POST', '/api/actions/identity.registerClient', {
    as: 'id-admin',
    body: {
      name: `サービス${services}`,
      redirectUris: [redirectUri],
      postLogoutRedirectUris: [`https://service-${services}.city.example/bye`],
      attributes,
    },
  });
  if (registered.status !== 200) throw new Error(`registration refused: ${JSON.stringify(registered.body)}`);
  const { clientId, clientSecret } = registered.body as {
    clientId: string;
    clientSecret: string;
  };
  const config = await oidc.discovery(new URL(issuer), clientId, clientSecret, undefined, {
    execute: [oidc.allowInsecureRequests],
  });
  return { clientId, clientSecret, redirectUri, config };
}

export interface FlowStart {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

export async function authorizationRequest(service: RegisteredService, scope: string): Promise<FlowStart> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(service.config, {
    redirect_uri: service.redirectUri,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    // The provider issues a refresh token only when consent was asked for in this request.
    ...(scope.split(' ').includes('offline_access') ? { prompt: 'consent' } : {}),
  });
  return { url, verifier, state, nonce };
}

/**
 * The whole code flow as a signed-in resident's browser: authorize, sign in with the Kiban
 * session, decide the consent (when asked), back at the callback, code exchanged for tokens.
 */
export async function signInThrough(
  service: RegisteredService,
  resident: TestHostClient,
  options: { scope?: string; grant?: string[] } = {},
) {
  const reached = await reachCallback(service, resident, options);
  const tokens = await oidc.authorizationCodeGrant(service.config, reached.callback, {
    pkceCodeVerifier: reached.flow.verifier,
    expectedState: reached.flow.state,
    expectedNonce: reached.flow.nonce,
  });
  return { tokens, ...reached };
}

/** The code flow up to the service's callback (consent decided as `grant`, all when absent), before the code exchange. */
export async function reachCallback(
  service: RegisteredService,
  resident: TestHostClient,
  options: { scope?: string; grant?: string[] } = {},
) {
  const flow = await authorizationRequest(service, options.scope ?? 'openid name address offline_access');
  const browser = new Browser(resident.cookie);
  let reached = await browser.open(flow.url);
  let asked: string[] = [];
  if (!reached.callback) {
    const consent = (await reached.response?.json()) as { attributes: { name: string }[]; decide: string };
    asked = consent.attributes.map((attribute) => attribute.name);
    reached = await browser.post(new URL(consent.decide, flow.url), { grant: options.grant ?? asked });
  }
  if (!reached.callback) throw new Error(`no callback: ${reached.response?.status} ${await reached.response?.text()}`);
  return { asked, browser, callback: reached.callback, flow };
}
