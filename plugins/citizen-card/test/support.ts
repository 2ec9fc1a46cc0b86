import type { Actor } from '@kiban/sdk';
import type { TestHost, TestResponse } from '@kiban/sdk/testing';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export const SETTINGS = { publicOrigin: 'https://city.example', keySecret: 'k'.repeat(40) };
export const kinds: Array<'pglite' | 'postgres'> = process.env.KIBAN_TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

/** A resident signed in with public authentication (公的個人認証), as the identity plugin records it. */
export interface Holder {
  id: string;
  cookie: string;
  holderKey: CryptoKey;
  publicJwk: JWK;
  request(method: string, path: string, body?: unknown): Promise<TestResponse>;
}

export async function residentSession(
  host: TestHost,
  username: string,
  assurance: 'low' | 'substantial' | 'jpki',
): Promise<Holder> {
  const identity = host.context('citizen-card').identity;
  const { id } = await identity.ensurePrincipal({ kind: 'resident', username, roles: ['citizen-card-resident'] });
  const session = await identity.startSession(id, { method: 'sandbox-jpki', assurance }, { ttlSeconds: 3600 });
  const cookie = `${session.cookieName}=${session.token}`;
  const pair = await generateKeyPair('ES256');
  return {
    id,
    cookie,
    holderKey: pair.privateKey,
    publicJwk: await exportJWK(pair.publicKey),
    request: (method, path, body) => host.request(method, path, { body, headers: { cookie } }),
  };
}

export const SYSTEM: Actor = { kind: 'system' };
