import type { Socket } from 'socket.io-client';
import { between, seededRandom } from '../lib/seeded-random.ts';
import { percentile } from '../lib/stats.ts';
import type { Chat } from './delivery.ts';
import { act, type Person } from './people.ts';
import { openSockets } from './sockets.ts';

/** How people chat in the model: every gap and every reply is drawn from `seed`. */
export interface ChatPacing {
  /** Messages each resident sends. */
  rounds: number;
  /** A resident's pause before each message, in ms: the time to read the answer and type the next line. */
  gapMs: readonly [number, number];
  /** The share of residents' messages their operator answers, and after how long (ms). */
  replyShare: number;
  replyDelayMs: readonly [number, number];
  seed: number;
}

export interface Latencies {
  count: number;
  p50: number;
  p99: number;
}

export interface ChatsResult {
  /** Messages the schedule sends per second in the middle half of its span (past the ramp-up, before the tail): the offered load. */
  offeredPerSecond: number;
  seconds: number;
  residentToOperator: Latencies;
  operatorToResident: Latencies;
  all: Latencies;
  /** Messages whose delivery never arrived before the wait ran out. */
  lost: number;
}

export interface AssignedChat extends Chat {
  operator: Person;
}

interface Planned {
  at: number;
  from: 'resident' | 'operator';
  chat: AssignedChat;
  clientId: string;
}

const DRAIN_MS = 60_000;
/** As often as the operator console says it is still there; without it the chats of a long run go back to the queue. */
const HEARTBEAT_MS = 30_000;

/** Every message of every chat and when it is sent, in ms from the start, in order. */
function schedule(chats: readonly AssignedChat[], pacing: ChatPacing): Planned[] {
  const random = seededRandom(pacing.seed);
  const planned: Planned[] = [];
  chats.forEach((chat, index) => {
    // Chats do not start in step: each resident's first message comes after its own first gap.
    let at = between(random, [0, pacing.gapMs[1]]);
    for (let round = 0; round < pacing.rounds; round += 1) {
      at += between(random, pacing.gapMs);
      planned.push({ at, from: 'resident', chat, clientId: `chat-r-${index}-${round}-${pacing.seed}` });
      if (random() < pacing.replyShare) {
        const reply = at + between(random, pacing.replyDelayMs);
        planned.push({ at: reply, from: 'operator', chat, clientId: `chat-o-${index}-${round}-${pacing.seed}` });
      }
    }
  });
  return planned.sort((a, b) => a.at - b.at);
}

function middleRate(planned: readonly Planned[]): number {
  const span = planned.at(-1)?.at ?? 0;
  const inMiddle = planned.filter((message) => message.at >= span / 4 && message.at < (span * 3) / 4).length;
  return span > 0 ? inMiddle / (span / 2 / 1000) : 0;
}

function latencies(values: number[]): Latencies {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

/**
 * Concurrent chats, open loop: each message is sent at its planned time whether or not earlier
 * ones have been answered, as people do. A resident's message is delivered when it reaches its
 * operator's socket, an operator's reply when it reaches the resident's; latency runs from the
 * planned send time, so a send the process started late counts its wait too.
 */
export async function measureChats(
  origin: string,
  chats: readonly AssignedChat[],
  residentSockets: readonly Socket[],
  pacing: ChatPacing,
): Promise<ChatsResult> {
  const operators = [...new Set(chats.map((chat) => chat.operator))];
  const operatorSockets = await openSockets(origin, operators, (operator) => ({
    cookie: operator.cookie,
    rooms: chats.filter((chat) => chat.operator === operator).map((chat) => chat.conversationId),
  }));
  const heartbeat = () =>
    Promise.all(operators.map((operator) => act(origin, operator, 'setPresence', { presence: 'available' })));
  await heartbeat();
  const beating = setInterval(() => void heartbeat(), HEARTBEAT_MS);
  const planned = schedule(chats, pacing);
  const pending = new Map<string, { sentAt: number; to: 'resident' | 'operator' }>();
  const arrived: Record<'resident' | 'operator', number[]> = { resident: [], operator: [] };
  let settle = () => {};
  const drained = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const listen = (socket: Socket, side: 'resident' | 'operator') =>
    socket.on('kiban:message', (received: { event: string; payload: { clientId?: string } }) => {
      const waiting = received.event === 'message' && pending.get(received.payload.clientId ?? '');
      if (!waiting || waiting.to !== side) return;
      pending.delete(received.payload.clientId ?? '');
      arrived[side].push(performance.now() - waiting.sentAt);
      if (arrived.resident.length + arrived.operator.length === planned.length) settle();
    });
  for (const socket of residentSockets) listen(socket, 'resident');
  for (const socket of operatorSockets) listen(socket, 'operator');
  const started = performance.now();
  const sends = planned.map(
    (message) =>
      new Promise<void>((resolve, reject) => {
        setTimeout(() => {
          const sentAt = started + message.at;
          pending.set(message.clientId, { sentAt, to: message.from === 'resident' ? 'operator' : 'resident' });
          const sender = message.from === 'resident' ? message.chat.resident : message.chat.operator;
          const body =
            message.from === 'resident' ? 'ごみの収集日を教えてください' : '確認しますので少々お待ちください';
          act(origin, sender, 'send', {
            conversationId: message.chat.conversationId,
            clientId: message.clientId,
            body,
          }).then(() => resolve(), reject);
        }, message.at);
      }),
  );
  try {
    await Promise.all(sends);
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_MS))]);
  } finally {
    clearInterval(beating);
  }
  const seconds = (performance.now() - started) / 1000;
  for (const socket of [...residentSockets, ...operatorSockets]) socket.off('kiban:message');
  for (const socket of operatorSockets) socket.close();
  return {
    offeredPerSecond: middleRate(planned),
    seconds,
    residentToOperator: latencies(arrived.operator),
    operatorToResident: latencies(arrived.resident),
    all: latencies([...arrived.operator, ...arrived.resident]),
    lost: pending.size,
  };
}
