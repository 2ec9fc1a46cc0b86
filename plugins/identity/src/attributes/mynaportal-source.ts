import type { PullableField } from './fields.ts';
import { type AttributeSource, type ResidentKey, sourceUnavailable } from './source.ts';

/** The Mynaportal API connection as the city's registration gives it (see the README). */
export interface MynaportalConnection {
  /** The OAuth 2.0 token endpoint (client credentials). */
  tokenUrl: string;
  /** The base URL of the self-information API. */
  apiUrl: string;
  clientId: string;
  /** A secret setting. */
  clientSecret: string;
}

const TIMEOUT_MS = 10_000;

/**
 * The Mynaportal self-information API (自己情報取得API) as a source: a client-credentials token
 * from `tokenUrl`, then `POST <apiUrl>/self-information {subject: {issuer, subject}, items}`
 * answering `{items: {<field>: value}}`, or 404 for a person it does not know. The resident is
 * named by the identity public authentication verified, never by the individual number. The
 * paths and bodies are the contract the sandbox server implements; the README says what of the
 * real service could not be checked.
 */
export function mynaportalSource(connection: MynaportalConnection): AttributeSource {
  return {
    id: 'mynaportal',
    async fetch(key: ResidentKey, fields: PullableField[]) {
      if (!key.publicAuthentication) return null;
      const token = await accessToken(connection);
      const response = await call(`${connection.apiUrl.replace(/\/$/, '')}/self-information`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ subject: key.publicAuthentication, items: fields }),
      });
      if (response.status === 404) return null;
      if (!response.ok) throw sourceUnavailable('mynaportal', `HTTP ${response.status}`);
      const body = (await response.json().catch(() => null)) as { items?: unknown } | null;
      if (!body || typeof body.items !== 'object' || body.items === null || Array.isArray(body.items)) {
        throw sourceUnavailable('mynaportal', 'the answer is not a self-information document');
      }
      return body.items as Record<string, unknown>;
    },
  };
}

async function accessToken(connection: MynaportalConnection): Promise<string> {
  const response = await call(connection.tokenUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(connection.clientId)}:${encodeURIComponent(connection.clientSecret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'self-information' }).toString(),
  });
  if (!response.ok) throw sourceUnavailable('mynaportal', `token HTTP ${response.status}`);
  const body = (await response.json().catch(() => null)) as { access_token?: unknown } | null;
  if (typeof body?.access_token !== 'string' || body.access_token === '') {
    throw sourceUnavailable('mynaportal', 'no access token');
  }
  return body.access_token;
}

async function call(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw sourceUnavailable('mynaportal', (error as Error).name === 'TimeoutError' ? 'timeout' : 'connection failed');
  }
}
