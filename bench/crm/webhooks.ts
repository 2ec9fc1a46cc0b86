import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { PARALLEL_QUEUES } from '../../plugins/crm/src/outbound/dispatch.ts';
import { createWebhookSender } from '../../plugins/crm/src/outbound/send.ts';
import type { CrmBenchEngine } from './engine.ts';

export const DELIVERIES = Number(process.env.CRM_BENCH_DELIVERIES ?? 5_000);
const SECRET = `whsec_${Buffer.from('bench-signing-secret-of-32-bytes!!').toString('base64')}`;

/** A loopback receiver answering 204 and counting what arrives. */
async function startReceiver(): Promise<{ url: string; received: () => number; close(): Promise<void> }> {
  let count = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      count += 1;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface WebhookNumbers {
  queuedPerSecond: number;
  /** Events already in the outbox (written together), handled into delivery rows. */
  handledPerSecond: number;
  deliveredPerSecond: number;
  rawPerSecond: number;
}

/**
 * DELIVERIES plugin events for a subscribed system: the time until all are queued (the event
 * handler writing deliveries) — half published one transaction each, half written together —, then the time of the dispatch jobs sending them all (32 keys at
 * a time) — against the baseline of the same number of POSTs signed and sent by the dispatcher's
 * own sender (the same kept-alive connections), 32 at a time, with no bookkeeping.
 */
export async function measureWebhooks(bench: CrmBenchEngine, integrationAdmin: string): Promise<WebhookNumbers> {
  const receiver = await startReceiver();
  try {
    const registered = await bench.request(
      'POST',
      '/api/actions/crm.registerSystem',
      integrationAdmin,
      JSON.stringify({ code: 'bench', name: 'bench receiver', endpoint: receiver.url, events: ['crm.bench.*'] }),
    );
    if (registered.status !== 200) throw new Error(`register failed: ${await registered.text()}`);
    const settings = await bench.request(
      'PUT',
      '/api/admin/settings/crm',
      bench.adminCookie,
      JSON.stringify({
        secrets: { bench: { signingSecret: SECRET, intakeToken: 'bench-intake-token-0123456789abcdefghij' } },
      }),
    );
    if (settings.status >= 300) throw new Error(`settings failed: ${await settings.text()}`);

    // Queueing is measured two ways: events published one transaction each (as a plugin's
    // actions publish them) until every delivery row is queued, and events written a thousand to
    // a statement first and then handled, which leaves only the event handler's work.
    const context = bench.engine.plugins.context('crm');
    const half = Math.floor(DELIVERIES / 2);
    const queuedFrom = performance.now();
    for (let i = 0; i < half; i += 1) await context.events.publish('bench.tick', { n: i });
    await bench.engine.plugins.settled();
    const queuedSeconds = (performance.now() - queuedFrom) / 1000;
    const handledFrom = performance.now();
    await context.transaction({ kind: 'system' }, async () => {
      for (let start = half; start < DELIVERIES; start += 1_000) {
        const ticks = Array.from({ length: Math.min(1_000, DELIVERIES - start) }, (_, i) => start + i);
        await context.events.publishMany(ticks.map((n) => ({ type: 'bench.tick', payload: { n } })));
      }
    });
    await bench.engine.plugins.settled();
    const handledSeconds = (performance.now() - handledFrom) / 1000;

    const sentFrom = performance.now();
    while (receiver.received() < DELIVERIES) {
      const t0 = performance.now();
      const ran = await bench.engine.jobs.runDue();
      if (process.env.CRM_BENCH_TRACE)
        console.log('runDue', ran, (performance.now() - t0).toFixed(0), 'ms', receiver.received());
      if (ran.done + ran.retried + ran.dead === 0) break;
    }
    const sentSeconds = (performance.now() - sentFrom) / 1000;
    if (receiver.received() < DELIVERIES)
      throw new Error(`only ${receiver.received()} of ${DELIVERIES} deliveries arrived`);

    // The dispatcher's own sender (kept-alive pool) and signer, as many in flight as its keys.
    const sender = createWebhookSender(PARALLEL_QUEUES);
    const hook = new Webhook(SECRET);
    const rawFrom = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL_QUEUES }, async () => {
        while (next < DELIVERIES) {
          next += 1;
          const now = new Date();
          const body = JSON.stringify({ type: 'crm.bench.tick', timestamp: now.toISOString(), data: { n: next } });
          const sent = await sender.send(receiver.url, hook, { id: `raw_${next}`, body }, now);
          if (!sent.ok) throw new Error(`raw POST failed: ${sent.error}`);
        }
      }),
    );
    sender.close();
    const rawSeconds = (performance.now() - rawFrom) / 1000;
    return {
      queuedPerSecond: half / queuedSeconds,
      handledPerSecond: (DELIVERIES - half) / handledSeconds,
      deliveredPerSecond: DELIVERIES / sentSeconds,
      rawPerSecond: DELIVERIES / rawSeconds,
    };
  } finally {
    await receiver.close();
  }
}
