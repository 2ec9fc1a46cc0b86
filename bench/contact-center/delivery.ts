import { io, type Socket } from 'socket.io-client';
import { percentile } from '../lib/stats.ts';
import { act, type Person } from './people.ts';

export interface DeliveryResult {
  messages: number;
  perSecond: number;
  p50: number;
  p99: number;
}

interface Chat {
  resident: Person;
  conversationId: string;
}

const CONNECT_BATCH = 50;

/** Opens one websocket per resident and joins its conversation's room. */
export async function connect(origin: string, chats: Chat[]): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let done = 0; done < chats.length; done += CONNECT_BATCH) {
    const batch = chats.slice(done, done + CONNECT_BATCH);
    sockets.push(
      ...(await Promise.all(
        batch.map(
          (chat) =>
            new Promise<Socket>((resolve, reject) => {
              const socket = io(origin, {
                path: '/realtime',
                transports: ['websocket'],
                reconnection: false,
                forceNew: true,
                extraHeaders: { cookie: chat.resident.cookie },
              });
              socket.once('kiban:joined', () => resolve(socket));
              socket.once('kiban:error', (error: { code: string }) => reject(new Error(error.code)));
              socket.once('connect_error', reject);
              socket.once('connect', () =>
                socket.emit('kiban:join', { channel: 'contact-center.conversation', room: chat.conversationId }),
              );
            }),
        ),
      )),
    );
  }
  return sockets;
}

/**
 * Every resident sends `rounds` messages one after another (all residents at once); the
 * latency of each is from the start of its HTTP send to its arrival on the resident's socket.
 * `kind` `typing` sends typing notices instead — nothing stored, the same socket path: the baseline.
 */
export async function measureDelivery(
  origin: string,
  chats: Chat[],
  sockets: Socket[],
  rounds: number,
  kind: 'message' | 'typing',
): Promise<DeliveryResult> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    chats.map(async (chat, index) => {
      const socket = sockets[index];
      if (!socket) return;
      for (let round = 0; round < rounds; round += 1) {
        const clientId = `bench-${kind}-${index}-${round}-${started.toFixed(0)}`;
        const sentAt = performance.now();
        const arrived = new Promise<void>((resolve) => {
          const listener = (received: { event: string; payload: { clientId?: string; side?: string } }) => {
            const mine = kind === 'message' ? received.payload.clientId === clientId : received.event === 'typing';
            if (!mine) return;
            socket.off('kiban:message', listener);
            resolve();
          };
          socket.on('kiban:message', listener);
        });
        if (kind === 'message') {
          await act(origin, chat.resident, 'send', {
            conversationId: chat.conversationId,
            clientId,
            body: `ベンチマークのメッセージ ${round}`,
          });
        } else {
          await act(origin, chat.resident, 'typing', { conversationId: chat.conversationId, typing: true });
        }
        await arrived;
        latencies.push(performance.now() - sentAt);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    messages: latencies.length,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}
