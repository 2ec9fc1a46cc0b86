import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sandboxPage } from './sandbox-page.ts';
import { sandboxSettlementReport } from './sandbox-settlement.ts';
import { signWebhook } from './webhook-signature.ts';

/**
 * The sandbox payment provider: a real HTTP server on the loopback interface that speaks the
 * subset of KOMOJU's API the plugin uses (sessions, a hosted page, payments, refunds, signed
 * webhooks), so that development and tests run the production adapter end to end without
 * moving money. It is no payment service: its page says so, and it keeps everything in memory.
 */
export interface SandboxProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** Where webhooks go: a URL, or a function standing in for the HTTP hop (in-process tests). */
  webhook: string | ((body: string, headers: Record<string, string>) => Promise<number>);
  port?: number;
}

interface Session {
  id: string;
  amount: number;
  returnUrl: string;
  orderId: string;
  status: 'pending' | 'completed' | 'cancelled' | 'expired';
  /** `expires_in_seconds` after creation: later the page takes no payment. */
  expiresAt: number;
  paymentId: string | null;
}

interface Payment {
  id: string;
  amount: number;
  external_order_num: string;
  status: 'captured' | 'refunded' | 'failed';
  refunds: Array<{ id: string; amount: number }>;
  created_at: string;
}

export interface SandboxProvider {
  readonly url: string;
  /** While down, every API call answers 503 (the hosted page too). */
  setDown(down: boolean): void;
  /** While dropped, webhooks are recorded but not sent (a lost notification). */
  setWebhooksDropped(dropped: boolean): void;
  /** Completes a session as a resident pressing "pay" on the hosted page would. */
  pay(sessionId: string): Promise<string>;
  /** A declined card: the session's payment fails and `payment.failed` is sent. */
  decline(sessionId: string): Promise<void>;
  /** Every webhook sent or dropped, in order: the exact body and signature. */
  readonly webhooks: Array<{ body: string; signature: string; status: number | null }>;
  /** Sends a recorded webhook again, byte for byte (a replay). */
  resend(index: number): Promise<number>;
  readonly sessions: ReadonlyMap<string, Session>;
  readonly payments: ReadonlyMap<string, Payment>;
  close(): Promise<void>;
}

export async function startSandboxProvider(options: SandboxProviderOptions): Promise<SandboxProvider> {
  const sessions = new Map<string, Session>();
  const payments = new Map<string, Payment>();
  const idempotent = new Map<string, unknown>();
  const webhooks: SandboxProvider['webhooks'] = [];
  let down = false;
  let dropped = false;
  let base = '';
  const authorization = `Basic ${Buffer.from(`${options.secretKey}:`).toString('base64')}`;

  const send = async (body: string, signature: string): Promise<number> => {
    const headers = {
      'content-type': 'application/json',
      'x-komoju-signature': signature,
      'user-agent': 'Komoju-Webhook',
    };
    if (typeof options.webhook === 'function') return options.webhook(body, headers);
    const response = await fetch(options.webhook, { method: 'POST', headers, body });
    return response.status;
  };
  const notify = async (type: string, payment: Payment) => {
    const body = JSON.stringify({
      id: `evt_${randomUUID()}`,
      type,
      resource: 'event',
      data: payment,
      created_at: new Date().toISOString(),
    });
    const signature = signWebhook(options.webhookSecret, body);
    const record = { body, signature, status: null as number | null };
    webhooks.push(record);
    if (!dropped) record.status = await send(body, signature).catch(() => null);
  };
  const open = (sessionId: string): Session | null => {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`no sandbox session ${sessionId}`);
    if (session.status === 'pending' && Date.now() >= session.expiresAt) session.status = 'expired';
    return session.status === 'pending' ? session : null;
  };
  const charge = (session: Session, status: Payment['status']): Payment => {
    const payment: Payment = {
      id: `pay_${randomUUID()}`,
      amount: session.amount,
      external_order_num: session.orderId,
      status,
      refunds: [],
      created_at: new Date().toISOString(),
    };
    payments.set(payment.id, payment);
    return payment;
  };
  const decline = async (sessionId: string): Promise<void> => {
    const session = open(sessionId);
    if (session) await notify('payment.failed', charge(session, 'failed'));
  };
  const pay = async (sessionId: string): Promise<string> => {
    const session = open(sessionId) ?? (sessions.get(sessionId) as Session);
    if (session.status === 'pending') {
      const payment = charge(session, 'captured');
      session.status = 'completed';
      session.paymentId = payment.id;
      await notify('payment.captured', payment);
    }
    return `${session.returnUrl}${session.returnUrl.includes('?') ? '&' : '?'}session_id=${session.id}`;
  };

  const api = async (request: IncomingMessage, url: URL, body: Record<string, unknown>): Promise<[number, unknown]> => {
    if (request.headers.authorization !== authorization) return [401, { error: { code: 'unauthorized' } }];
    const key = request.headers['x-komoju-idempotency'];
    const cacheKey = typeof key === 'string' ? `${request.method} ${url.pathname} ${key}` : null;
    if (cacheKey && idempotent.has(cacheKey)) return [200, idempotent.get(cacheKey)];
    const remember = (value: unknown): [number, unknown] => {
      if (cacheKey) idempotent.set(cacheKey, value);
      return [200, value];
    };
    if (request.method === 'POST' && url.pathname === '/api/v1/sessions') {
      const amount = Number(body.amount);
      if (!Number.isInteger(amount) || amount <= 0 || body.currency !== 'JPY')
        return [422, { error: { code: 'bad_request' } }];
      const session: Session = {
        id: randomUUID().replaceAll('-', ''),
        amount,
        returnUrl: String(body.return_url),
        orderId: String(body.external_order_num),
        status: 'pending',
        paymentId: null,
        expiresAt: Date.now() + Number(body.expires_in_seconds ?? 86_400) * 1000,
      };
      sessions.set(session.id, session);
      return remember({
        id: session.id,
        amount,
        currency: 'JPY',
        status: 'pending',
        session_url: `${base}/sessions/${session.id}`,
      });
    }
    const refund = /^\/api\/v1\/payments\/([^/]+)\/refund$/.exec(url.pathname);
    if (request.method === 'POST' && refund) {
      const payment = payments.get(decodeURIComponent(refund[1] ?? ''));
      if (!payment) return [404, { error: { code: 'not_found' } }];
      const refunded = payment.refunds.reduce((sum, r) => sum + r.amount, 0);
      const amount = body.amount === undefined ? payment.amount - refunded : Number(body.amount);
      if (!Number.isInteger(amount) || amount <= 0 || refunded + amount > payment.amount) {
        return [422, { error: { code: 'invalid_amount' } }];
      }
      payment.refunds.push({ id: `ref_${randomUUID()}`, amount });
      if (refunded + amount === payment.amount) payment.status = 'refunded';
      await notify('payment.refunded', payment);
      return remember(payment);
    }
    if (request.method === 'GET' && url.pathname === '/api/v1/payments') {
      const from = new Date(url.searchParams.get('start_time') ?? 0).getTime();
      const to = new Date(url.searchParams.get('end_time') ?? Date.now()).getTime();
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 25), 100);
      const page = Math.max(Number(url.searchParams.get('page') ?? 1), 1);
      const all = [...payments.values()].filter((p) => {
        const at = new Date(p.created_at).getTime();
        return at >= from && at < to;
      });
      return [
        200,
        { data: all.slice((page - 1) * perPage, page * perPage), total: all.length, page, per_page: perPage },
      ];
    }
    return [404, { error: { code: 'not_found' } }];
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', base);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (down) return reply(response, 503, { error: { code: 'service_unavailable' } });
    const page = /^\/sessions\/([0-9a-f]+)(\/pay|\/cancel)?$/.exec(url.pathname);
    if (page) {
      const session = sessions.get(page[1] ?? '');
      if (!session) return reply(response, 404, { error: { code: 'not_found' } });
      if (request.method === 'POST' && page[2] === '/pay') {
        response.writeHead(303, { location: await pay(session.id) }).end();
        return;
      }
      if (request.method === 'POST' && page[2] === '/cancel') {
        if (session.status === 'pending') session.status = 'cancelled';
        response.writeHead(303, { location: `${session.returnUrl}?session_id=${session.id}` }).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(sandboxPage(session));
      return;
    }
    // The settlement report KOMOJU offers as a download, here at an address of the sandbox's own.
    if (request.method === 'GET' && url.pathname === '/reports/settlement.csv') {
      if (request.headers.authorization !== authorization)
        return reply(response, 401, { error: { code: 'unauthorized' } });
      const from = new Date(url.searchParams.get('start_time') ?? 0).getTime();
      const to = new Date(url.searchParams.get('end_time') ?? Date.now()).getTime();
      response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
      response.end(sandboxSettlementReport(payments.values(), from, to));
      return;
    }
    let body: Record<string, unknown> = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return reply(response, 400, { error: { code: 'bad_json' } });
      }
    }
    const [status, answer] = await api(request, url, body);
    reply(response, status, answer);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => reply(response, 500, { error: { code: 'internal' } }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    setDown: (value) => {
      down = value;
    },
    setWebhooksDropped: (value) => {
      dropped = value;
    },
    pay,
    decline,
    webhooks,
    async resend(index) {
      const webhook = webhooks[index];
      if (!webhook) throw new Error(`no webhook ${index}`);
      return send(webhook.body, webhook.signature);
    },
    sessions,
    payments,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function reply(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
