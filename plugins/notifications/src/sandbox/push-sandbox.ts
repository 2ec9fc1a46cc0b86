import { createECDH, type ECDH, randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { importJWK, jwtVerify } from 'jose';
import type { PushSubscriptionJson } from '../push/browsers.ts';
import { type SandboxServer, sendJson, startSandboxHttp } from './http.ts';

/** `http_ece` (RFC 8188 encrypted content-encoding) ships no types: the one call used here. */
const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(buffer: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: Buffer }): Buffer;
};

export interface SandboxPushMessage {
  subscription: string;
  /** The decrypted payload, as the browser's service worker would read it. */
  payload: string;
  ttl: number;
  urgency: string | undefined;
  /** The `sub` claim of the sender's VAPID token. */
  vapidSubject: string;
  vapidPublicKey: string;
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * The Web Push sandbox: a local push service with RFC 8030's message contract. `subscribe()`
 * plays a browser — it makes a P-256 key pair and auth secret and returns the subscription
 * JSON. A POST to a subscription's endpoint must carry a valid VAPID token for this service's
 * origin (RFC 8292) and an aes128gcm-encrypted body (RFC 8291), which the sandbox decrypts
 * with the subscription's private key and records; 201 with a `Location`, as a push service
 * answers. `expire(id)` makes a subscription answer 410 Gone. It notifies no one.
 */
export async function startPushSandbox(options: { port?: number } = {}): Promise<
  SandboxServer & {
    readonly messages: SandboxPushMessage[];
    subscribe(): PushSubscriptionJson & { id: string };
    expire(id: string): void;
  }
> {
  const messages: SandboxPushMessage[] = [];
  const subscriptions = new Map<string, { ecdh: ECDH; auth: Buffer; gone: boolean }>();
  const server = await startSandboxHttp(options.port ?? 0, async (request, _body, response, raw) => {
    const id = /^\/push\/([0-9a-f-]{36})$/.exec(request.url ?? '')?.[1];
    const subscription = id ? subscriptions.get(id) : undefined;
    if (request.method !== 'POST' || !id || !subscription)
      return sendJson(response, 404, { reason: 'unknown subscription' });
    if (subscription.gone) return sendJson(response, 410, { reason: 'subscription expired' });
    const vapid = await verifyVapid(request.headers.authorization, server.url);
    if (!vapid) return sendJson(response, 401, { reason: 'VAPID token missing or invalid' });
    const ttl = Number(request.headers.ttl);
    if (!Number.isInteger(ttl) || ttl < 0) return sendJson(response, 400, { reason: 'TTL header required' });
    if (request.headers['content-encoding'] !== 'aes128gcm') {
      return sendJson(response, 415, { reason: 'aes128gcm content encoding required' });
    }
    if (raw.length > 4096) return sendJson(response, 413, { reason: 'payload too large' });
    let payload: string;
    try {
      payload = ece
        .decrypt(raw, { version: 'aes128gcm', privateKey: subscription.ecdh, authSecret: subscription.auth })
        .toString('utf8');
    } catch {
      return sendJson(response, 400, { reason: 'payload does not decrypt' });
    }
    messages.push({
      subscription: id,
      payload,
      ttl,
      urgency: request.headers.urgency as string | undefined,
      ...vapid,
    });
    response.writeHead(201, { location: `${server.url}/message/${randomUUID()}`, ttl: String(ttl) });
    response.end();
  });
  return Object.assign(server, {
    messages,
    subscribe() {
      const id = randomUUID();
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      subscriptions.set(id, { ecdh, auth, gone: false });
      return {
        id,
        endpoint: `${server.url}/push/${id}`,
        keys: { p256dh: b64url(ecdh.getPublicKey()), auth: b64url(auth) },
      };
    },
    expire(id: string) {
      const subscription = subscriptions.get(id);
      if (subscription) subscription.gone = true;
    },
  });
}

/** `Authorization: vapid t=<JWT>, k=<public key>`: an ES256 token for this origin, signed by that key. */
async function verifyVapid(
  header: string | undefined,
  origin: string,
): Promise<{ vapidSubject: string; vapidPublicKey: string } | undefined> {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match?.[1] || !match[2]) return undefined;
  const point = Buffer.from(match[2], 'base64url');
  if (point.length !== 65 || point[0] !== 4) return undefined;
  try {
    const key = await importJWK(
      { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) },
      'ES256',
    );
    const { payload } = await jwtVerify(match[1], key, { audience: origin, algorithms: ['ES256'] });
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return undefined;
    return { vapidSubject: payload.sub, vapidPublicKey: match[2] };
  } catch {
    return undefined;
  }
}
