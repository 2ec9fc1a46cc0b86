/**
 * The slice of the plugin storage API the plugin uses: parametrised SQL over its own schema,
 * and a way to run several statements in one transaction. The plugin wires these to
 * `ctx.sql` and `ctx.transaction`; the ledger code knows nothing else about its host.
 */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number }>;
}

export interface Store {
  /** Runs `work` in one transaction: everything it does commits together or not at all. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  /** Statements outside any transaction (reads). */
  readonly sql: Sql;
}

/** A bigint column as a number (points and yen stay far below 2^53). */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  if (value === null || value === undefined) return 0;
  throw new TypeError(`not a number: ${String(value)}`);
}
