import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import {
  databaseKinds,
  type RegisteredService,
  registerService,
  signInThrough,
  startProvider,
  type TestHost,
  type TestHostClient,
} from './support.ts';

/**
 * The provider reads its requests' bodies from the socket itself. `oidc-provider` warns once per
 * process when it finds a body some other parser read before it, so the warnings are watched from
 * before the first request of this file.
 */
let warnings: MockInstance<typeof console.warn>;
beforeAll(() => {
  warnings = vi.spyOn(console, 'warn');
});
afterAll(() => warnings.mockRestore());

const bodyReadBefore = () =>
  warnings.mock.calls.map((call) => String(call[0])).filter((text) => text.includes('already parsed request body'));

/** A form body sent as a stream, so it goes out chunked with no declared length. */
function chunked(form: URLSearchParams): { body: ReadableStream<Uint8Array>; duplex: 'half' } {
  const bytes = new TextEncoder().encode(form.toString());
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.subarray(0, 7));
      controller.enqueue(bytes.subarray(7));
      controller.close();
    },
  });
  return { body, duplex: 'half' };
}

describe.each(databaseKinds())('the provider behind the engine’s HTTP server on %s', (kind) => {
  let host: TestHost;
  let issuer: string;
  let service: RegisteredService;
  let hanako: TestHostClient;

  beforeAll(async () => {
    ({ host, issuer } = await startProvider(kind));
    service = await registerService(host, issuer);
    hanako = await host.signInAs('resident', 'hanako', []);
  }, 240_000);
  afterAll(() => host?.close());

  const basic = (secret: string) =>
    `Basic ${Buffer.from(`${encodeURIComponent(service.clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

  const introspect = (token: string, secret: string, init: Partial<RequestInit> & { duplex?: 'half' } = {}) =>
    fetch(`${issuer}/token/introspection`, {
      method: 'POST',
      headers: { authorization: basic(secret), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
      ...init,
    } as RequestInit);

  it('exchanges a code, introspects and revokes with bodies of a declared length, authenticating the service each time', async () => {
    const { tokens } = await signInThrough(service, hanako, { scope: 'openid name' });
    const sub = tokens.claims()?.sub;
    expect(await oidc.tokenIntrospection(service.config, tokens.access_token)).toMatchObject({
      active: true,
      sub,
      client_id: service.clientId,
    });
    const wrongSecret = await introspect(tokens.access_token, 'not-the-secret');
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' });
    await oidc.tokenRevocation(service.config, tokens.access_token);
    expect(await oidc.tokenIntrospection(service.config, tokens.access_token)).toMatchObject({ active: false });
  });

  it('reads a chunked body the engine counted against its limit: the provider gets the same bytes', async () => {
    const { tokens } = await signInThrough(service, hanako, { scope: 'openid name' });
    const answered = await introspect(tokens.access_token, service.clientSecret, {
      ...chunked(new URLSearchParams({ token: tokens.access_token })),
    });
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ active: true, sub: tokens.claims()?.sub });
    const wrongSecret = await introspect(tokens.access_token, 'not-the-secret', {
      ...chunked(new URLSearchParams({ token: tokens.access_token })),
    });
    expect(wrongSecret.status).toBe(401);
  });

  it('answers discovery and the JWKS, which carry no body', async () => {
    const discovery = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    const { jwks_uri: jwksUri } = (await discovery.json()) as { jwks_uri: string };
    expect((await fetch(jwksUri)).status).toBe(200);
  });

  it('never finds a request body read before it', () => {
    expect(bodyReadBefore()).toEqual([]);
  });
});
