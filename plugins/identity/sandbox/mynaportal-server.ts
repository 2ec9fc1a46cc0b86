import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * SANDBOX self-information server — not Mynaportal. A real HTTP server on a local port that
 * answers the contract the plugin's Mynaportal adapter speaks (`src/attributes/mynaportal-source.ts`):
 * `POST /token` (client credentials, HTTP Basic) and `POST /api/self-information
 * {subject: {issuer, subject}, items}` with made-up people, for development and tests without
 * the national service. `behave('garbage' | 'error')` makes it misbehave as a broken service would.
 */
export interface SandboxResident {
  issuer: string;
  subject: string;
  items: Record<string, unknown>;
}

export interface SandboxMynaportal {
  tokenUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  /** Every request's path and body as received, for tests to see what left Kiban. */
  readonly requests: { path: string; body: string }[];
  behave(mode: 'normal' | 'garbage' | 'error'): void;
  close(): Promise<void>;
}

export async function startSandboxMynaportal(options: {
  residents: SandboxResident[];
  port?: number;
}): Promise<SandboxMynaportal> {
  const clientId = 'sandbox-city';
  const clientSecret = randomBytes(16).toString('hex');
  const tokens = new Set<string>();
  const requests: { path: string; body: string }[] = [];
  let mode: 'normal' | 'garbage' | 'error' = 'normal';
  const server: Server = createServer(async (request, response) => {
    const body = await read(request);
    requests.push({ path: request.url ?? '', body });
    const answer = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (mode === 'error') return answer(503, { error: 'maintenance' });
    if (request.method === 'POST' && request.url === '/token') {
      const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
      if (request.headers.authorization !== expected) return answer(401, { error: 'invalid_client' });
      if (new URLSearchParams(body).get('grant_type') !== 'client_credentials') {
        return answer(400, { error: 'unsupported_grant_type' });
      }
      const token = randomBytes(24).toString('base64url');
      tokens.add(token);
      return answer(200, { access_token: token, token_type: 'Bearer', expires_in: 300 });
    }
    if (request.method === 'POST' && request.url === '/api/self-information') {
      const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
      if (!tokens.has(token)) return answer(401, { error: 'invalid_token' });
      if (mode === 'garbage') {
        return answer(200, { items: { birthdate: '昭和 the 5th', household: 42, taxStatus: 'yes' } });
      }
      const asked = JSON.parse(body) as { subject: { issuer: string; subject: string }; items: string[] };
      const person = options.residents.find(
        (each) => each.issuer === asked.subject?.issuer && each.subject === asked.subject?.subject,
      );
      if (!person) return answer(404, { error: 'not_found' });
      const items = Object.fromEntries(
        (asked.items ?? [])
          .filter((item) => Object.hasOwn(person.items, item))
          .map((item) => [item, person.items[item]]),
      );
      return answer(200, { items });
    }
    answer(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    tokenUrl: `${origin}/token`,
    apiUrl: `${origin}/api`,
    clientId,
    clientSecret,
    requests,
    behave: (next) => {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function read(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
