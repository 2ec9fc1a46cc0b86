import { io, type Socket } from 'socket.io-client';
import { CLIENT_EVENTS, REALTIME_PATH, type RealtimeMessage, SERVER_EVENTS } from '../realtime/index.ts';

/** What a test sees on one realtime socket, in arrival order. */
export interface RealtimeTestClient {
  readonly socket: Socket;
  readonly messages: RealtimeMessage[];
  readonly errors: { code: string; channel?: string; room?: string }[];
  /**
   * Resolves when the server confirms the join (missed messages already received), rejects with
   * its error code. `credential` is a guest's proof for the room.
   */
  join(channel: string, room: string, since?: number, credential?: string): Promise<void>;
  /** Resolves with the first message (already received or coming) that `match` accepts. */
  waitForMessage(match: (message: RealtimeMessage) => boolean): Promise<RealtimeMessage>;
  /** Resolves with the next error event. */
  nextError(): Promise<{ code: string }>;
  close(): void;
}

export interface RealtimeCredentials {
  /** `kiban_session=…`, as a browser sends it. */
  cookie?: string;
  /** An API token or session token, as `auth.token`. */
  token?: string;
  /** Ask to be a guest (`auth.guest`) when no credential resolves. */
  guest?: boolean;
}

/**
 * Connects to `/realtime` of a listening engine over websocket. Rejects with the refusal's
 * code (`realtime.unauthenticated`) when the server refuses the handshake.
 */
export function connectRealtime(baseUrl: string, credentials: RealtimeCredentials = {}): Promise<RealtimeTestClient> {
  const socket = io(baseUrl, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: {
      ...(credentials.token ? { token: credentials.token } : {}),
      ...(credentials.guest ? { guest: true } : {}),
    },
    extraHeaders: credentials.cookie ? { cookie: credentials.cookie } : {},
  });
  const messages: RealtimeMessage[] = [];
  const errors: RealtimeTestClient['errors'] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };
  socket.on(SERVER_EVENTS.message, (message: RealtimeMessage) => {
    messages.push(message);
    notify();
  });
  socket.on(SERVER_EVENTS.error, (error: { code: string }) => {
    errors.push(error);
    notify();
  });
  const until = <T>(find: () => T | undefined): Promise<T> =>
    new Promise((resolve) => {
      const check = () => {
        const found = find();
        if (found === undefined) return;
        waiters.delete(check);
        resolve(found);
      };
      waiters.add(check);
      check();
    });
  const client: RealtimeTestClient = {
    socket,
    messages,
    errors,
    join(channel, room, since, credential) {
      return new Promise((resolve, reject) => {
        const seenErrors = errors.length;
        const joined = (about: { channel: string; room: string }) => {
          if (about.channel !== channel || about.room !== room) return;
          socket.off(SERVER_EVENTS.joined, joined);
          resolve();
        };
        socket.on(SERVER_EVENTS.joined, joined);
        until(() => errors[seenErrors]).then((error) => {
          socket.off(SERVER_EVENTS.joined, joined);
          reject(Object.assign(new Error(error.code), { code: error.code }));
        });
        socket.emit(CLIENT_EVENTS.join, {
          channel,
          room,
          ...(since === undefined ? {} : { since }),
          ...(credential === undefined ? {} : { credential }),
        });
      });
    },
    waitForMessage: (match) => until(() => messages.find(match)),
    nextError() {
      const seen = errors.length;
      return until(() => errors[seen]);
    },
    close: () => {
      socket.disconnect();
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
      socket.disconnect();
      reject(Object.assign(new Error(error.data?.code ?? error.message), { code: error.data?.code }));
    });
  });
}
