import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { definePlugin } from '@kiban/sdk';
import { WebSocketServer } from 'ws';
import { startTestEngine, type TestEngine } from '../../engine/src/testing/index.ts';
import { percentile } from '../lib/stats.ts';
import { formatTable } from '../lib/table.ts';
import { wallClockMs } from '../platform-realtime/clock.ts';
import type { FromClients, Probe, Side } from '../platform-realtime/protocol.ts';

const SOCKETS = Number(process.env.KIBAN_BENCH_REALTIME_SOCKETS ?? 2000);
const CLIENT_PROCESSES = 4;
const MESSAGES = 20;
const TARGET_P99_MS = 250;
const ROOM = 'everyone';
const TEXT = 'x'.repeat(200);

const plugin = definePlugin({
  name: 'bench',
  version: '1.0.0',
  realtime: { channels: [{ name: 'fanout', authorize: ({ actor }) => actor.kind === 'principal' }] },
});

/**
 * 2,000 sockets joined to one room of one engine process; one message fanned out to all of
 * them, again and again. The clients live in child processes, so the engine's side is
 * measured rather than the parsing of 2,000 clients on the same cores; a raw `ws` broadcast
 * of the same payload to the same number of sockets of the same processes is the baseline.
 */
export async function run(): Promise<void> {
  const engine = await startTestEngine('pglite', [], { port: 0 }, { plugins: [plugin] });
  const server = await engine.engine.listen();
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await once(wss, 'listening');
  const children = Array.from({ length: CLIENT_PROCESSES }, () =>
    fork(`${import.meta.dirname}/../platform-realtime/clients.ts`, { stdio: 'inherit' }),
  );
  try {
    const cookie = await staffCookie(engine);
    const samples: Record<Side, number[]> = { 'socket.io': [], ws: [] };
    const sendTimes: Record<Side, number[]> = { 'socket.io': [], ws: [] };
    const origin = `http://127.0.0.1:${server.port}`;
    const wsAddress = wss.address();
    const wsUrl = `ws://127.0.0.1:${typeof wsAddress === 'object' && wsAddress ? wsAddress.port : 0}`;
    const connectStarted = performance.now();
    await connectAll(children, 'socket.io', origin, cookie);
    console.log(
      `${SOCKETS} socket.io clients connected and joined in ${Math.round(performance.now() - connectStarted)} ms`,
    );
    await connectAll(children, 'ws', wsUrl, cookie);
    const ctx = engine.engine.plugins.context('bench');
    const send: Record<Side, (probe: Probe) => Promise<void>> = {
      'socket.io': (probe) => ctx.realtime.emit('fanout', ROOM, 'probe', probe),
      async ws(probe) {
        const data = JSON.stringify({
          id: probe.seq,
          channel: 'bench.fanout',
          room: ROOM,
          event: 'probe',
          payload: probe,
        });
        for (const client of wss.clients) client.send(data);
      },
    };
    for (let seq = 0; seq < MESSAGES; seq++) {
      // Alternating which side goes first, so that noise on the machine hits both alike.
      const order: Side[] = seq % 2 === 0 ? ['socket.io', 'ws'] : ['ws', 'socket.io'];
      for (const side of order) {
        const arrived = collect(children, side, seq);
        const sentAt = wallClockMs();
        await send[side]({ seq, sentAt, text: TEXT });
        sendTimes[side].push(wallClockMs() - sentAt);
        samples[side].push(...(await arrived));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    report(samples, sendTimes);
  } finally {
    for (const child of children) {
      if (child.connected) child.send({ type: 'close' });
    }
    await Promise.all(children.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined)));
    await new Promise((resolve) => wss.close(resolve));
    await server.close();
    await engine.close();
  }
}

async function staffCookie(engine: TestEngine): Promise<string> {
  await engine.principal('staff', 'listener', []);
  const response = await engine.engine.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'listener', password: 'listener-password-1' }),
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

async function connectAll(children: ChildProcess[], side: Side, url: string, cookie: string): Promise<void> {
  await Promise.all(
    children.map((child, index) => {
      const count = Math.floor(SOCKETS / children.length) + (index < SOCKETS % children.length ? 1 : 0);
      const ready = next(child, (message) => message.type === 'ready' && message.side === side);
      child.send({ type: 'connect', side, url, count, cookie, channel: 'bench.fanout', room: ROOM });
      return ready;
    }),
  );
}

/** Every client's latency of probe `seq`, once each process has heard it on all its sockets. */
async function collect(children: ChildProcess[], side: Side, seq: number): Promise<number[]> {
  const parts = await Promise.all(
    children.map((child) =>
      next(child, (message) => message.type === 'received' && message.side === side && message.seq === seq),
    ),
  );
  return parts.flatMap((message) => (message.type === 'received' ? message.latencies : []));
}

function next(child: ChildProcess, match: (message: FromClients) => boolean): Promise<FromClients> {
  return new Promise((resolve, reject) => {
    const listen = (message: FromClients) => {
      if (message.type === 'failed') {
        child.off('message', listen);
        reject(new Error(`a client process failed: ${message.message}`));
      } else if (match(message)) {
        child.off('message', listen);
        resolve(message);
      }
    };
    child.on('message', listen);
  });
}

function report(samples: Record<Side, number[]>, sendTimes: Record<Side, number[]>): void {
  const ms = (value: number) => value.toFixed(1);
  const row = (name: string, side: Side) => {
    const sorted = Float64Array.from(samples[side]).sort();
    const send = Float64Array.from(sendTimes[side]).sort();
    return {
      p99: percentile(sorted, 0.99),
      p50: percentile(sorted, 0.5),
      cells: [
        name,
        String(sorted.length),
        ms(percentile(send, 0.5)),
        ...[0.5, 0.95, 0.99, 1].map((fraction) => ms(percentile(sorted, fraction))),
      ],
    };
  };
  const engine = row('engine (ctx.realtime.emit → socket.io)', 'socket.io');
  const baseline = row('baseline (raw ws broadcast)', 'ws');
  console.log(`${SOCKETS} sockets in ${CLIENT_PROCESSES} client processes, ${MESSAGES} messages each side (ms)`);
  console.log("send = time until the emit call returned; p50…max = each socket's receive time − emit time");
  console.log(formatTable(['side', 'samples', 'send p50', 'p50', 'p95', 'p99', 'max'], [engine.cells, baseline.cells]));
  console.log(
    `ratio engine/baseline: p50 ${(engine.p50 / baseline.p50).toFixed(2)}×, p99 ${(engine.p99 / baseline.p99).toFixed(2)}×`,
  );
  const met = engine.p99 <= TARGET_P99_MS;
  console.log(`target p99 ≤ ${TARGET_P99_MS} ms: ${met ? 'met' : 'NOT met'} (${ms(engine.p99)} ms)`);
}
