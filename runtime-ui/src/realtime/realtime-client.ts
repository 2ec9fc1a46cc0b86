import { io, type Socket } from 'socket.io-client';

import type { RealtimeMessage } from '../../../engine/src/realtime/messages.ts';

export type { RealtimeMessage };

/** A refusal: junk, a room the principal may not see, or an ended session. */
export interface RealtimeProblem {
  code: string;
  message: { ja: string; en: string };
  channel?: string;
  room?: string;
}

export interface RealtimeClientOptions {
  /** The engine's origin; the page's own when absent (the session cookie then goes along). */
  url?: string;
  /** An API or session token, for a client that carries no session cookie. */
  token?: string;
  /** The first wait before reconnecting; it grows up to 10 s. */
  reconnectionDelayMs?: number;
  onProblem?(problem: RealtimeProblem): void;
  /** A room was joined (again, after a reconnect), with what was missed already delivered. */
  onJoined?(channel: string, room: string): void;
}

interface Subscription {
  channel: string;
  room: string;
  /** The last message id seen: repeats are dropped, and a re-join asks for what came after it. */
  lastId?: number;
  listeners: Set<(message: RealtimeMessage) => void>;
}

/**
 * The portals' connection to `/realtime`. It reconnects on its own, joins every subscribed
 * room again, and asks for the messages it missed meanwhile by the last id it saw; each
 * message reaches the listeners once, in order.
 */
export class RealtimeClient {
  private readonly socket: Socket;
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(options: RealtimeClientOptions = {}) {
    const settings = {
      path: '/realtime',
      transports: ['websocket'],
      withCredentials: true,
      reconnectionDelay: options.reconnectionDelayMs ?? 1000,
      reconnectionDelayMax: 10_000,
      ...(options.token ? { auth: { token: options.token } } : {}),
    };
    this.socket = options.url ? io(options.url, settings) : io(settings);
    this.socket.on('connect', () => {
      for (const subscription of this.subscriptions.values()) this.join(subscription);
    });
    this.socket.on('kiban:message', (message: RealtimeMessage) => this.deliver(message));
    this.socket.on('kiban:joined', (joined: { channel: string; room: string; lastId: number }) => {
      const subscription = this.subscriptions.get(keyOf(joined.channel, joined.room));
      // A fresh join counts from the room's newest message, so a reconnect asks only for later ones.
      if (subscription) subscription.lastId ??= joined.lastId;
      options.onJoined?.(joined.channel, joined.room);
    });
    this.socket.on('kiban:error', (problem: RealtimeProblem) => options.onProblem?.(problem));
  }

  /** Listens to one room of a channel until the returned function is called. */
  subscribe(channel: string, room: string, listener: (message: RealtimeMessage) => void): () => void {
    const key = keyOf(channel, room);
    let subscription = this.subscriptions.get(key);
    if (!subscription) {
      subscription = { channel, room, listeners: new Set() };
      this.subscriptions.set(key, subscription);
      if (this.socket.connected) this.join(subscription);
    }
    subscription.listeners.add(listener);
    const joined = subscription;
    return () => {
      joined.listeners.delete(listener);
      if (joined.listeners.size > 0) return;
      this.subscriptions.delete(key);
      if (this.socket.connected) this.socket.emit('kiban:leave', { channel, room });
    };
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  close(): void {
    this.subscriptions.clear();
    this.socket.disconnect();
  }

  private join(subscription: Subscription): void {
    const { channel, room, lastId } = subscription;
    this.socket.emit('kiban:join', lastId === undefined ? { channel, room } : { channel, room, since: lastId });
  }

  private deliver(message: RealtimeMessage): void {
    const subscription = this.subscriptions.get(keyOf(message.channel, message.room));
    if (!subscription) return;
    if (subscription.lastId !== undefined && message.id <= subscription.lastId) return;
    subscription.lastId = message.id;
    for (const listener of subscription.listeners) listener(message);
  }
}

function keyOf(channel: string, room: string): string {
  return `${channel}\u0000${room}`;
}
