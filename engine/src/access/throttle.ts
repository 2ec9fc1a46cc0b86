import type { Sql } from '../data/sql.ts';

/**
 * How many attempts one key may make before it is locked out. After `limit` attempts inside
 * `windowSeconds` every further one locks the key for `lockSeconds`, doubled per attempt
 * (back-off) up to `maxLockSeconds`. A quiet window starts the count afresh.
 */
export interface ThrottleRule {
  /** Prefix of the key, e.g. `login-account`. */
  name: string;
  limit: number;
  windowSeconds: number;
  lockSeconds: number;
  maxLockSeconds: number;
}

/** One key to count: a rule and the account or address it applies to. */
export interface ThrottleKey {
  rule: ThrottleRule;
  subject: string;
}

const keyOf = (key: ThrottleKey) => `${key.rule.name}:${key.subject}`;

/**
 * Seconds until the most distant lock among `keys` ends; 0 when none of them is locked.
 * The database clock decides, so several engine processes agree.
 */
export async function lockedFor(sql: Sql, keys: readonly ThrottleKey[]): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await sql.query<{ seconds: number | string | null }>(
    `select ceil(max(extract(epoch from locked_until - now())))::int as seconds
       from kiban_auth_throttle where key = any(array[?]::text[]) and locked_until > now()`,
    [keys.map(keyOf)],
  );
  return Math.max(0, Number(rows[0]?.seconds ?? 0));
}

/**
 * Counts one attempt against each key, in one statement per key so that concurrent processes
 * never lose a count; returns the longest lock the attempt caused (0 for none).
 */
export async function countAttempt(sql: Sql, keys: readonly ThrottleKey[]): Promise<number> {
  await forgetQuietKeys(sql);
  let longest = 0;
  for (const key of keys) {
    const { rule } = key;
    // The new count is spelled out twice because SET sees only the row's old values.
    const stale = 't.window_started_at < now() - make_interval(secs => ?)';
    const attempts = `(case when ${stale} then 1 else t.attempts + 1 end)`;
    const rows = await sql.query<{ seconds: number | string | null }>(
      `insert into kiban_auth_throttle as t (key, attempts, window_started_at)
       values (?, 1, now())
       on conflict (key) do update set
         attempts = ${attempts},
         window_started_at = case when ${stale} then now() else t.window_started_at end,
         locked_until = case when ${attempts} > ?
           then now() + make_interval(secs => least(?::float8, ?::float8 * power(2, ${attempts} - ? - 1)))
           else t.locked_until end
       returning ceil(greatest(0, extract(epoch from coalesce(t.locked_until, now()) - now())))::int as seconds`,
      [
        keyOf(key),
        rule.windowSeconds,
        rule.windowSeconds,
        rule.windowSeconds,
        rule.limit,
        rule.maxLockSeconds,
        rule.lockSeconds,
        rule.windowSeconds,
        rule.limit,
      ],
    );
    longest = Math.max(longest, Number(rows[0]?.seconds ?? 0));
  }
  return longest;
}

/** Forgets the attempts of these keys, e.g. an account's failures after it signs in. */
export async function clearAttempts(sql: Sql, keys: readonly ThrottleKey[]): Promise<void> {
  if (keys.length === 0) return;
  await sql.run('delete from kiban_auth_throttle where key = any(array[?]::text[])', [keys.map(keyOf)]);
}

/**
 * Every attempt also drops a few keys that have been quiet for a day (longer than any window
 * or lock), so that a spray of made-up names and addresses cannot grow the table without end.
 */
async function forgetQuietKeys(sql: Sql): Promise<void> {
  await sql.run(
    `delete from kiban_auth_throttle where key in (
       select key from kiban_auth_throttle
        where window_started_at < now() - interval '1 day' and coalesce(locked_until, '-infinity') < now()
        limit 100)`,
  );
}
