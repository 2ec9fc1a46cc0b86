import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import { dictionary } from '@zxcvbn-ts/language-common';
import { argon2id, hash, verify } from 'argon2';
import { clearFailures, countFailure, type GuardKey, refuseWhileLocked } from './guard.ts';

export const MIN_PASSWORD_LENGTH = 10;
/** argon2 pre-hashes any length, but an unbounded body is still a cheap way to burn CPU. */
export const MAX_PASSWORD_LENGTH = 1024;

/**
 * argon2id as RFC 9106's second recommended option (64 MiB, 3 passes, 4 lanes). Parameters
 * travel inside each hash, so raising them later leaves existing hashes verifiable.
 */
export const ARGON2_COST = { type: argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 } as const;

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary['passwords-common']);

/** Verified when a username has no password, so that an unknown name costs what a wrong password does. */
let decoy: Promise<string> | undefined;

/** Refuses a password too short, too long, or common in breach corpora (compared case-insensitively). */
export function checkPassword(password: string): void {
  const length = [...password].length;
  const folded = password.normalize('NFKC').toLowerCase();
  const problem =
    length < MIN_PASSWORD_LENGTH
      ? {
          ja: `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください。`,
          en: `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
        }
      : length > MAX_PASSWORD_LENGTH
        ? {
            ja: `パスワードは${MAX_PASSWORD_LENGTH}文字以下にしてください。`,
            en: `Use at most ${MAX_PASSWORD_LENGTH} characters.`,
          }
        : COMMON_PASSWORDS.has(folded)
          ? {
              ja: 'よく使われていて推測されやすいパスワードです。',
              en: 'This password is too common or easy to guess.',
            }
          : undefined;
  if (problem) {
    throw new PluginError(
      'identity.passwordRefused',
      400,
      { ja: 'このパスワードは使えません。', en: 'This password cannot be used.' },
      [{ pointer: '/password', code: 'identity.passwordRefused', message: problem }],
    );
  }
}

/**
 * Sets the person's password. Replacing one needs the current one: a session left open must
 * not be enough to take the account over.
 */
export async function setPassword(
  ctx: PluginContext,
  person: Actor & { kind: 'principal' },
  input: { password: string; currentPassword?: string },
): Promise<{ replaced: boolean }> {
  checkPassword(input.password);
  const existing = await passwordHashOf(ctx, person.id);
  // The current password is guessed here as at sign-in, so it is locked out alike (an open session is not enough).
  const guard: GuardKey = { method: 'password', subject: `change:${person.id}`, principalId: person.id };
  if (existing) await refuseWhileLocked(ctx, [guard]);
  if (existing && !(await matches(existing, input.currentPassword ?? ''))) {
    await countFailure(ctx, [guard]);
    throw new PluginError(
      'identity.currentPasswordWrong',
      403,
      { ja: '現在のパスワードが正しくありません。', en: 'The current password is not correct.' },
      [
        {
          pointer: '/currentPassword',
          code: 'identity.currentPasswordWrong',
          message: { ja: '現在のパスワードを入力してください。', en: 'Enter the current password.' },
        },
      ],
    );
  }
  if (existing) await clearFailures(ctx, [guard]);
  const passwordHash = await hash(input.password, ARGON2_COST);
  await ctx.transaction(person, async () => {
    await ctx.sql.query(
      `insert into password_credential (principal_id, password_hash) values ($1, $2)
       on conflict (principal_id) do update set password_hash = excluded.password_hash, set_at = now()`,
      [person.id, passwordHash],
    );
    await ctx.audit({
      actor: person,
      action: existing ? 'identity.method.passwordChanged' : 'identity.method.linked',
      recordId: person.id,
      details: { method: 'password' },
    });
  });
  return { replaced: existing !== undefined };
}

/** True when the principal has a password and this is it; costs one argon2 verification either way. */
export async function passwordMatches(
  ctx: PluginContext,
  principalId: string | null,
  password: string,
): Promise<boolean> {
  const stored = principalId ? await passwordHashOf(ctx, principalId) : undefined;
  if (!stored) {
    decoy ??= hash('decoy password never set', ARGON2_COST);
    await matches(await decoy, password);
    return false;
  }
  return matches(stored, password);
}

async function passwordHashOf(ctx: PluginContext, principalId: string): Promise<string | undefined> {
  const { rows } = await ctx.sql.query<{ password_hash: string }>(
    'select password_hash from password_credential where principal_id = $1',
    [principalId],
  );
  return rows[0]?.password_hash;
}

async function matches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
