import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';

/** Failures allowed before the first lock; each failure after that doubles the lock. */
export const FREE_FAILURES = 5;
const FIRST_LOCK_SECONDS = 60;
const LONGEST_LOCK_SECONDS = 24 * 3600;
/** A client address may fail this many times (any account, any method) before it is locked too. */
export const ADDRESS_FREE_FAILURES = 50;
/** Failures older than this are forgotten: a forgetful resident is not locked for a week's typos. */
const FORGET_AFTER_SECONDS = 24 * 3600;

/** What one sign-in attempt is counted against: a method and its subject (a username, a credential, an address). */
export interface GuardKey {
  method: string;
  subject: string;
  /** Set when the subject is known to be one person's: the lock is audited on them and staff can lift it. */
  principalId?: string;
  /** Failures before the first lock; `FREE_FAILURES` when absent. */
  freeFailures?: number;
}

/** Refuses at once while any of the keys is locked; nothing is verified then, so a lock is no oracle. */
export async function refuseWhileLocked(ctx: PluginContext, keys: GuardKey[]): Promise<void> {
  const { rows } = await ctx.sql.query<{ seconds: number }>(
    `select ceil(extract(epoch from max(locked_until) - now()))::int as seconds from sign_in_guard
     where (method, subject) in (select * from unnest($1::text[], $2::text[])) and locked_until > now()`,
    [keys.map((key) => key.method), keys.map((key) => key.subject)],
  );
  const seconds = rows[0]?.seconds;
  if (seconds) throw locked(seconds);
}

/**
 * Counts a failure against every key, atomically per key. A key whose count passes its free
 * failures is locked for 1 minute, doubling with each further failure up to a day; the lock is audited.
 */
export async function countFailure(ctx: PluginContext, keys: GuardKey[]): Promise<void> {
  for (const key of keys) {
    const free = key.freeFailures ?? FREE_FAILURES;
    // The count after this failure: 1 again when the last failure is old enough to forget.
    const counted = 'case when g.last_failure_at < now() - make_interval(secs => $5) then 1 else g.failures + 1 end';
    const lockFor = (failures: string) => `least($6::float8 * power(2, ${failures} - $4 - 1), $7)`;
    const { rows } = await ctx.sql.query<{ failures: number; lock_seconds: number | null }>(
      `insert into sign_in_guard as g (method, subject, principal_id, failures, locked_until)
       values ($1, $2, $3, 1, case when 1 > $4 then now() + make_interval(secs => ${lockFor('1')}) end)
       on conflict (method, subject) do update set
         failures = ${counted},
         locked_until = case when ${counted} > $4 then now() + make_interval(secs => ${lockFor(counted)}) end,
         last_failure_at = now(),
         principal_id = coalesce(excluded.principal_id, g.principal_id)
       returning failures, case when failures > $4 then ${lockFor('failures')}::int end as lock_seconds`,
      [
        key.method,
        key.subject,
        key.principalId ?? null,
        free,
        FORGET_AFTER_SECONDS,
        FIRST_LOCK_SECONDS,
        LONGEST_LOCK_SECONDS,
      ],
    );
    const lockSeconds = rows[0]?.lock_seconds;
    if (lockSeconds) {
      await ctx.audit({
        actor: { kind: 'system' },
        action: 'identity.signIn.locked',
        ...(key.principalId ? { recordId: key.principalId } : {}),
        details: { method: key.method, failures: rows[0].failures, seconds: lockSeconds },
      });
    }
  }
}

/** A success forgets the keys' failures (the address's too: a sign-in that works is no attack). */
export async function clearFailures(ctx: PluginContext, keys: GuardKey[]): Promise<void> {
  await ctx.sql.query(
    `delete from sign_in_guard where (method, subject) in (select * from unnest($1::text[], $2::text[]))`,
    [keys.map((key) => key.method), keys.map((key) => key.subject)],
  );
}

/** Staff lift a person's locks (every method, or one), audited; answers how many were lifted. */
export async function unlock(ctx: PluginContext, actor: Actor, principalId: string, method?: string): Promise<number> {
  return ctx.transaction(actor, async () => {
    const { rowCount } = await ctx.sql.query(
      `delete from sign_in_guard where principal_id = $1 and ($2::text is null or method = $2)`,
      [principalId, method ?? null],
    );
    await ctx.audit({
      actor,
      action: 'identity.signIn.unlocked',
      recordId: principalId,
      details: { method: method ?? 'all', lifted: rowCount },
    });
    return rowCount;
  });
}

function locked(seconds: number): PluginError {
  return new PluginError(
    'identity.signInLocked',
    429,
    {
      ja: `サインインの失敗が続いたため、一時的にロックしています。${seconds}秒後にもう一度お試しください。`,
      en: `Too many failed sign-ins; this is locked for now. Try again in ${seconds} seconds.`,
    },
    [
      {
        pointer: '',
        code: 'identity.retryAfter',
        message: { ja: String(seconds), en: String(seconds) },
      },
    ],
  );
}
