import type { PGlite } from '@electric-sql/pglite';

/** Frontend messages of the extended query protocol that leave a batch open until `Sync`. */
const BATCH_MESSAGES = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((letter) => letter.charCodeAt(0)));
const SYNC = 'S'.charCodeAt(0);

/**
 * PGlite serves every socket connection from one backend session, and the socket server
 * keeps a connection's messages together only inside a SQL transaction (upstream issue
 * electric-sql/pglite#1046). Between a `Parse` and its `Sync` another connection's `Parse`
 * replaces the unnamed statement ("unnamed prepared statement does not exist", or worse,
 * the wrong rows). The server decides whether to keep serving the same connection by asking
 * `isInTransaction()`; this view of the database also answers yes while a batch is open.
 */
export function keepingBatchesTogether(db: PGlite): PGlite {
  let batchOpen = false;
  const execProtocolRawStream: PGlite['execProtocolRawStream'] = async (message, options) => {
    const type = message[0];
    if (BATCH_MESSAGES.has(type)) batchOpen = true;
    try {
      return await db.execProtocolRawStream(message, options);
    } finally {
      if (type === SYNC) batchOpen = false;
    }
  };
  const overrides: Partial<PGlite> = {
    isInTransaction: () => batchOpen || db.isInTransaction(),
    execProtocolRawStream,
    // Called when the connection that held the session goes away: its batch ends with it.
    exec: (query, options) => {
      batchOpen = false;
      return db.exec(query, options);
    },
  };
  return new Proxy(db, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof PGlite];
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
