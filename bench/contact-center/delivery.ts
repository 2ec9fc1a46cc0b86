import type { Socket } from 'socket.io-client';
import { percentile } from '../lib/stats.ts';
import { act, type Person } from './people.ts';
import { openSockets } from './sockets.ts';

export interface DeliveryResult {
  messages: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export interface Chat {
  resident: Person;
  conversationId: string;
}

/** One websocket per resident, joined to its conversation's room. */
export function connect(origin: string, chats: Chat[]): Promise<Socket[]> {
  return openSockets(origin, chats, (chat) => ({ cookie: chat.resident.cookie, rooms: [chat.conversationId] }));
}

/**
 * The stress burst: every resident sends `rounds` messages one after another with no pause
 * (all residents at once, so one request per resident is always in flight); the latency of
 * each is from the start of its HTTP send to its arrival on the resident's socket.
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
