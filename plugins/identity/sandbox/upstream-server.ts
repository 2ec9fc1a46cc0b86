import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ClientMetadata } from 'oidc-provider';

/**
 * SANDBOX upstream identity provider — not デジタル認証アプリ, gBizID, LINE, Google or Entra ID.
 * A real OpenID Provider (oidc-provider) on a local port that speaks the same authorization
 * code flow and offers the scopes and claims those providers document, with made-up people,
 * so that development and tests can sign in "through" each of them without the real service.
 * Its sign-in page lists the sandbox people; choosing one signs in as them and grants every
 * requested scope.
 */
export interface SandboxPerson {
  /** The upstream's subject for this person. */
  sub: string;
  /** What the upstream releases: `name`, `address`, `birthdate`, `gender`, `email`, `groups`… */
  claims: Record<string, unknown>;
}

export interface SandboxUpstreamOptions {
  port?: number;
  clients: ClientMetadata[];
  people: SandboxPerson[];
}

/** Scopes and claims as the real providers document them (デジタル認証アプリ: openid name address birthdate gender). */
const CLAIMS = {
  openid: ['sub'],
  name: ['name', 'name_kana'],
  address: ['address'],
  birthdate: ['birthdate'],
  gender: ['gender'],
  profile: ['name', 'picture'],
  email: ['email', 'email_verified'],
  groups: ['groups'],
  corporate: ['corporate_number', 'corporate_name'],
};

export async function startSandboxUpstream(
  options: SandboxUpstreamOptions,
): Promise<{ issuer: string; close(): Promise<void> }> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const people = new Map(options.people.map((person) => [person.sub, person]));
  const provider = new Provider(issuer, {
    clients: options.clients,
    claims: CLAIMS,
    scopes: Object.keys(CLAIMS),
    pkce: { required: () => true },
    responseTypes: ['code'],
    features: { devInteractions: { enabled: false } },
    conformIdTokenClaims: false,
    findAccount: async (_ctx, sub) => {
      const person = people.get(sub);
      return person ? { accountId: sub, claims: async () => ({ sub, ...person.claims }) } : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/sandbox/sign-in/${interaction.uid}` },
  });

  server.on('request', async (request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    const match = /^\/sandbox\/sign-in\/([^/]+)$/.exec(url.pathname);
    if (!match) return provider.callback()(request, response);
    try {
      const details = await provider.interactionDetails(request, response);
      const chosen = url.searchParams.get('person');
      if (!chosen || !people.has(chosen)) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const links = [...people.keys()].map(
          (sub) => `<li><a href="?person=${encodeURIComponent(sub)}">${sub}</a></li>`,
        );
        response.end(
          `<!doctype html><html lang="ja"><title>SANDBOX sign-in</title><h1>サンドボックス（本物ではありません）</h1><ul>${links.join('')}</ul></html>`,
        );
        return;
      }
      const grant = new provider.Grant({ accountId: chosen, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      await provider.interactionFinished(
        request,
        response,
        { login: { accountId: chosen }, consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end(String((error as Error).message));
    }
  });

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
