const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids reach these functions from URLs; a malformed one is "not found", not a database error. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** A timestamptz column as an ISO 8601 UTC string, independent of the server's time zone. */
export function isoTimestamp(column: string): string {
  return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A page size the database can take: a whole number from 1 to `max`, `fallback` when absent or not a number. */
export function boundedLimit(limit: number | undefined, fallback = 100, max = 1000): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(max, Math.max(1, Math.trunc(limit)));
}
