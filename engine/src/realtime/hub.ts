import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import { Server, type Socket } from 'socket.io';
import type { Principal } from '../access/index.ts';
import type { Sql } from '../data/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { createGuestLimiter, MAX_ROOMS_PER_GUEST } from './guests.ts';
import { authenticateSocket, type SocketIdentity, stillSignedIn } from './handshake.ts';
import { latestMessageId, messagesSince, type NewRealtimeMessage, pruneMessages, storeMessage } from './messages.ts';
import {
  CLIENT_EVENTS,
  isJoinRequest,
  isLeaveRequest,
  type JoinRequest,
  PROBLEMS,
  REALTIME_PATH,
  type RealtimeProblem,
  roomKey,
  SERVER_EVENTS,
} from './protocol.ts';

/**
 * A channel clients may join: `authorize` decides, per principal and room, and anything but
 * true denies. A channel with `authorizeGuest` also takes guests (sockets without a session) into
 * a room whose credential it accepts.
 */
export interface RealtimeChannel {
  name: string;
  authorize(principal: Principal, room: string): Promise<boolean>;
  authorizeGuest?(room: string, credential: string): Promise<boolean>;
}

export interface RealtimeHubOptions {
  live(): LiveApp;
  channels: readonly RealtimeChannel[];
  /** A PostgreSQL server shared by several engine processes: broadcasts reach the sockets of all of them. */
  clusterDatabaseUrl?: string;
  /** How often this process's open sockets are checked for an ended session, which closes them; 0: never. */
  sessionCheckMs: number;
  /** Believe a reverse proxy's X-Forwarded-For for a guest's address (`KIBAN_TRUST_PROXY`). */
  trustProxy?: boolean;
  /** Guest connections and joins per client address a minute (default `GUEST_ATTEMPTS_PER_MINUTE`). */
  guestAttemptsPerMinute?: number;
  onError(error: unknown): void;
}

export interface RealtimeHub {
  readonly channels: ReadonlySet<string>;
  /** Stores the message with `sql` (the caller's transaction) and returns its delivery, to call once that commits. */
  record(sql: Sql, message: NewRealtimeMessage): Promise<() => void>;
  /** Serves socket.io at `/realtime` on the server that serves the API. */
  attach(server: HttpServer): void;
  /** Ends this process's sockets; the other nodes keep theirs. */
  disconnectLocal(): void;
  close(): Promise<void>;
}

const PRUNE_INTERVAL_MS = 3_600_000;
const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;
/** Rooms one socket may be in at once (socket.io counts the socket's own room too). */
const MAX_ROOMS_PER_SOCKET = 100;

export function createRealtimeHub(options: RealtimeHubOptions): RealtimeHub {
  const channels = new Map(options.channels.map((channel) => [channel.name, channel]));
  const io = new Server({
    path: REALTIME_PATH,
    serveClient: false,
    transports: ['websocket', 'polling'],
    // Notices are small; compressing each frame for thousands of sockets costs more than it saves.
    perMessageDeflate: false,
    // A client only ever sends joins and leaves.
    maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
  });
  const pool = options.clusterDatabaseUrl
    ? new pg.Pool({ connectionString: options.clusterDatabaseUrl, max: 2 })
    : undefined;
  if (pool) {
    pool.on('error', options.onError);
    io.adapter(createAdapter(pool, { tableName: 'kiban_socket_io_attachments', errorHandler: options.onError }));
  }
  const withSql = async <T>(work: (sql: Sql) => Promise<T>): Promise<T> => {
    const live = options.live();
    const release = live.enter();
    try {
      return await work(live.sql());
    } finally {
      release();
    }
  };

  const guests = {
    allowed: options.channels.some((channel) => channel.authorizeGuest !== undefined),
    limiter: createGuestLimiter(options.guestAttemptsPerMinute),
    trustProxy: options.trustProxy ?? false,
  };

  /** Whether this socket may hear `room` of `channel`: its principal's right, or a guest's credential for it. */
  async function mayJoin(identity: SocketIdentity, channel: RealtimeChannel | undefined, request: JoinRequest) {
    if (!channel) return false;
    if (identity.kind === 'principal') return channel.authorize(identity.principal, request.room);
    if (!channel.authorizeGuest || request.credential === undefined) return false;
    return channel.authorizeGuest(request.room, request.credential);
  }

  io.use((socket, next) => {
    authenticateSocket(socket, withSql, guests).then(
      (identity) => {
        socket.data = identity;
        next();
      },
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  });

  io.on('connection', (socket: Socket) => {
    const identity = socket.data as SocketIdentity;
    const refuse = (problem: RealtimeProblem, about?: { channel: string; room: string }) =>
      socket.emit(SERVER_EVENTS.error, { ...problem, ...about });
    socket.onAny((event: string) => {
      if (event !== CLIENT_EVENTS.join && event !== CLIENT_EVENTS.leave) refuse(PROBLEMS.unknownEvent);
    });
    socket.on(CLIENT_EVENTS.join, async (request: unknown) => {
      try {
        if (!isJoinRequest(request)) return refuse(PROBLEMS.invalidRequest);
        const about = { channel: request.channel, room: request.room };
        // A session can end while its socket stays open: every join asks again.
        if (!(await withSql((sql) => stillSignedIn(sql, identity)))) {
          refuse(PROBLEMS.sessionEnded);
          socket.disconnect(true);
          return;
        }
        const roomLimit = identity.kind === 'guest' ? MAX_ROOMS_PER_GUEST : MAX_ROOMS_PER_SOCKET;
        if (socket.rooms.size > roomLimit) return refuse(PROBLEMS.tooManyRooms, about);
        if (identity.kind === 'guest' && !(await guests.limiter.allow(identity.address))) {
          return refuse(PROBLEMS.rateLimited, about);
        }
        if (!(await mayJoin(identity, channels.get(request.channel), request))) {
          return refuse(PROBLEMS.forbidden, about);
        }
        // Joined before the catch-up query, so nothing falls between; the client drops repeats by id.
        socket.join(roomKey(request.channel, request.room));
        let lastId: number;
        if (request.since !== undefined) {
          const since = request.since;
          const missed = await withSql((sql) => messagesSince(sql, request.channel, request.room, since));
          for (const message of missed) socket.emit(SERVER_EVENTS.message, message);
          lastId = missed.at(-1)?.id ?? since;
        } else lastId = await withSql((sql) => latestMessageId(sql, request.channel, request.room));
        socket.emit(SERVER_EVENTS.joined, { ...about, lastId });
      } catch (error) {
        options.onError(error);
        refuse(PROBLEMS.forbidden);
      }
    });
    socket.on(CLIENT_EVENTS.leave, (request: unknown) => {
      if (!isLeaveRequest(request)) return refuse(PROBLEMS.invalidRequest);
      socket.leave(roomKey(request.channel, request.room));
      socket.emit(SERVER_EVENTS.left, { channel: request.channel, room: request.room });
    });
  });

  let attached = false;
  const prune = setInterval(() => {
    withSql(pruneMessages).catch(options.onError);
  }, PRUNE_INTERVAL_MS);
  prune.unref();
  // 0 turns the check off; joins still check the session.
  const sessionCheck =
    options.sessionCheckMs > 0
      ? setInterval(() => {
          closeEndedSessions().catch(options.onError);
        }, options.sessionCheckMs)
      : undefined;
  sessionCheck?.unref();

  /** A session that ended (signed out, expired, principal disabled) takes its open sockets with it. */
  async function closeEndedSessions(): Promise<void> {
    for (const socket of io.of('/').sockets.values()) {
      const identity = socket.data as SocketIdentity;
      if (await withSql((sql) => stillSignedIn(sql, identity))) continue;
      socket.emit(SERVER_EVENTS.error, PROBLEMS.sessionEnded);
      socket.disconnect(true);
    }
  }

  return {
    channels: new Set(channels.keys()),
    async record(sql, message) {
      const stored = await storeMessage(sql, message);
      return () => {
        io.to(roomKey(stored.channel, stored.room)).emit(SERVER_EVENTS.message, stored);
      };
    },
    attach(server) {
      io.attach(server);
      attached = true;
    },
    disconnectLocal() {
      io.local.disconnectSockets(true);
    },
    async close() {
      clearInterval(prune);
      clearInterval(sessionCheck);
      io.local.disconnectSockets(true);
      // Closes the adapter (its LISTEN client goes back to the pool) before the pool ends.
      if (attached) await io.close();
      else await io.of('/').adapter.close();
      await pool?.end();
    },
  };
}
