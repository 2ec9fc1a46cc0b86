import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL notification channel engine processes tell each other about publications on. */
const CHANNEL = 'kiban_publication';
const RECONNECT_MS = 1000;

export interface PublicationFollower {
  /** Tells the other processes that this one has published: they reload the published app. */
  announce(): Promise<void>;
  close(): Promise<void>;
}

export interface FollowOptions {
  databaseUrl: string;
  /** Builds the live generation from what is published now; calls never overlap. */
  reload(): Promise<void>;
  onError(error: unknown): void;
}

/**
 * Keeps a process's live generation in step with publications made by other processes on
 * the same database, over PostgreSQL LISTEN/NOTIFY. After a lost connection it listens again
 * and reloads once, for whatever it missed meanwhile.
 */
export async function followPublications(options: FollowOptions): Promise<PublicationFollower> {
  const node = randomUUID();
  let client: pg.Client | undefined;
  let closed = false;
  let reconnect: NodeJS.Timeout | undefined;
  let queue = Promise.resolve();
  const reload = () => {
    queue = queue.then(options.reload).catch(options.onError);
  };

  const scheduleReconnect = () => {
    if (closed) return;
    reconnect = setTimeout(() => {
      connect().then(reload, (error) => {
        options.onError(error);
        scheduleReconnect();
      });
    }, RECONNECT_MS);
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.databaseUrl });
    next.on('error', options.onError);
    next.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload !== node) reload();
    });
    next.on('end', () => {
      if (closed || client !== next) return;
      client = undefined;
      scheduleReconnect();
    });
    try {
      await next.connect();
      await next.query(`listen ${CHANNEL}`);
    } catch (error) {
      await next.end().catch(() => {});
      throw error;
    }
    client = next;
  };
  await connect();

  return {
    async announce() {
      await client?.query('select pg_notify($1, $2)', [CHANNEL, node]);
    },
    async close() {
      closed = true;
      clearTimeout(reconnect);
      await client?.end();
      await queue;
    },
  };
}
