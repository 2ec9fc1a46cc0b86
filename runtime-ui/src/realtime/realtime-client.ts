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

/** What one subscriber hears about its room besides the messages. */
export interface SubscriptionHooks {
  /**
   * The room was joined — first, and again after every reconnect — with what was missed already
   * delivered: the moment to catch up from the subscriber's own store, should the engine's
   * replay not reach back far enough.
   */
  onJoined?(): void;
  /** The engine refused the room (`realtime.forbidden`, …): nothing will arrive, fall back. */
  onRefused?(problem: RealtimeProblem): void;
  /**
   * The room's own credential (an anonymous chat's conversation token), sent with every join:
   * the engine asks the channel's guest check with it when the socket has no session.
   */
  credential?: string;
}

interface Subscription {
  channel: string;
  room: string;
  /** The last message id seen: repeats are dropped, and a re-join asks for what came after it. */
  lastId?: number;
  /** Joined on the current connection. */
  joined: boolean;
  credential?: string;
  listeners: Set<(message: RealtimeMessage) => void>;
  hooks: Set<SubscriptionHooks>;
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
      // Without a session (or token) the socket is a guest: it hears only rooms whose own
      // credential it joins with (an anonymous chat's conversation token).
      auth: options.token ? { token: options.token, guest: true } : { guest: true },
    };
    this.socket = options.url ? io(options.url, settings) : io(settings);
    this.socket.on('connect', () => {
      for (const subscription of this.subscriptions.values()) this.join(subscription);
    });
    this.socket.on('disconnect', () => {
      for (const subscription of this.subscriptions.values()) subscription.joined = false;
    });
    this.socket.on('kiban:message', (message: RealtimeMessage) => this.deliver(message));
    this.socket.on('kiban:joined', (joined: { channel: string; room: string; lastId: number }) => {
      const subscription = this.subscriptions.get(keyOf(joined.channel, joined.room));
      if (subscription) {
        // A fresh join counts from the room's newest message, so a reconnect asks only for later ones.
        subscription.lastId ??= joined.lastId;
        subscription.joined = true;
        for (const hooks of subscription.hooks) hooks.onJoined?.();
      }
      options.onJoined?.(joined.channel, joined.room);
    });
    this.socket.on('kiban:error', (problem: RealtimeProblem) => {
      const subscription =
        problem.channel !== undefined && problem.room !== undefined
          ? this.subscriptions.get(keyOf(problem.channel, problem.room))
          : undefined;
      for (const hooks of subscription?.hooks ?? []) hooks.onRefused?.(problem);
      options.onProblem?.(problem);
    });
  }

  /** Listens to one room of a channel until the returned function is called. */
  subscribe(
    channel: string,
    room: string,
    listener: (message: RealtimeMessage) => void,
    hooks: SubscriptionHooks = {},
  ): () => void {
    const key = keyOf(channel, room);
    let subscription = this.subscriptions.get(key);
    if (!subscription) {
      subscription = { channel, room, joined: false, listeners: new Set(), hooks: new Set() };
      if (hooks.credential !== undefined) subscription.credential = hooks.credential;
      this.subscriptions.set(key, subscription);
      if (this.socket.connected) this.join(subscription);
    }
    subscription.listeners.add(listener);
    subscription.hooks.add(hooks);
    // A later subscriber to a room already joined hears of that join too.
    if (subscription.joined && hooks.onJoined) queueMicrotask(() => hooks.onJoined?.());
    const joined = subscription;
    return () => {
      joined.listeners.delete(listener);
      joined.hooks.delete(hooks);
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
    const { channel, room, lastId, credential } = subscription;
    this.socket.emit('kiban:join', {
      channel,
      room,
      ...(lastId === undefined ? {} : { since: lastId }),
      ...(credential === undefined ? {} : { credential }),
    });
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
