import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { wallClockMs } from './clock.ts';
import type { FromClients, Probe, Side, ToClients } from './protocol.ts';

/**
 * One client process of the realtime benchmark: opens its share of the sockets, websocket
 * transport only and no compression, and reports each socket's receive time of every probe
 * against the time the server side sent it.
 */
const CONNECT_BATCH = 50;
const send = (message: FromClients) => process.send?.(message);
const sockets: Socket[] = [];
const raw: WebSocket[] = [];
const pending = new Map<string, number[]>();
const expected: Record<Side, number> = { 'socket.io': 0, ws: 0 };

function receive(side: Side, probe: Probe): void {
  const latency = wallClockMs() - probe.sentAt;
  const key = `${side}:${probe.seq}`;
  const latencies = pending.get(key) ?? [];
  latencies.push(latency);
  pending.set(key, latencies);
  if (latencies.length === expected[side]) {
    pending.delete(key);
    send({ type: 'received', side, seq: probe.seq, latencies });
  }
}

/** Opens sockets a batch at a time: thousands of simultaneous handshakes overflow the listen backlog. */
async function inBatches(count: number, open: () => Promise<void>): Promise<void> {
  for (let done = 0; done < count; done += CONNECT_BATCH) {
    await Promise.all(Array.from({ length: Math.min(CONNECT_BATCH, count - done) }, open));
  }
}

async function connectSocketIo(message: Extract<ToClients, { type: 'connect' }>): Promise<void> {
  await inBatches(message.count, async () => {
    const socket = io(message.url, {
      path: '/realtime',
      transports: ['websocket'],
      // No compression: the engine's server never negotiates it (perMessageDeflate: false).
      reconnection: false,
      forceNew: true,
      extraHeaders: { cookie: message.cookie },
    });
    sockets.push(socket);
    socket.on('kiban:message', (received: { payload: Probe }) => receive('socket.io', received.payload));
    await new Promise<void>((resolve, reject) => {
      socket.once('kiban:joined', () => resolve());
      socket.once('kiban:error', (error: { code: string }) => reject(new Error(error.code)));
      socket.once('connect_error', reject);
      socket.once('connect', () => socket.emit('kiban:join', { channel: message.channel, room: message.room }));
    });
  });
}

async function connectWs(message: Extract<ToClients, { type: 'connect' }>): Promise<void> {
  await inBatches(message.count, async () => {
    const socket = new WebSocket(message.url, { perMessageDeflate: false });
    raw.push(socket);
    socket.on('message', (data) => receive('ws', (JSON.parse(String(data)) as { payload: Probe }).payload));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
  });
}

process.on('message', (message: ToClients) => {
  if (message.type === 'close') {
    for (const socket of sockets) socket.disconnect();
    for (const socket of raw) socket.terminate();
    process.disconnect();
    return;
  }
  expected[message.side] = message.count;
  const connecting = message.side === 'ws' ? connectWs(message) : connectSocketIo(message);
  connecting.then(
    () => send({ type: 'ready', side: message.side }),
    (error: unknown) => send({ type: 'failed', message: String(error) }),
  );
});
