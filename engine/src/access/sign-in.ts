import type { Sql } from '../data/sql.ts';
import { AccessError } from './access-error.ts';
import { createSession } from './sessions.ts';
import { digestToken } from './tokens.ts';

/**
 * How sure Kiban is of who signed in, lowest first: `low` (a password, a social account),
 * `substantial` (a second factor or a passkey), `jpki` (公的個人認証: the My Number Card's
 * certificate through the national app, or gBizID for a business).
 */
export const ASSURANCE_LEVELS = ['low', 'substantial', 'jpki'] as const;
export type AssuranceLevel = (typeof ASSURANCE_LEVELS)[number];

/** How a session was opened: the method (`password`, an upstream provider's id…) and its assurance. */
export interface SignIn {
  method: string;
  assurance: AssuranceLevel;
}

/** A session's sign-in: how, and when (ISO 8601, UTC) it was opened — a "fresh sign-in" is a recent one. */
export interface SessionSignIn extends SignIn {
  at: string;
}

/** Every session records how it was opened; sessions from before this feature were password ones. */
export const SIGN_IN_SCHEMA_SQL = [
  `alter table kiban_session add column if not exists method text not null default 'password'`,
  `alter table kiban_session add column if not exists assurance text not null default 'low'`,
];

export function isAssuranceLevel(value: unknown): value is AssuranceLevel {
  return typeof value === 'string' && (ASSURANCE_LEVELS as readonly string[]).includes(value);
}

/** True when `held` is at least `required`; no sign-in (an API token) holds no level. */
export function meetsAssurance(held: AssuranceLevel | undefined, required: AssuranceLevel): boolean {
  return held !== undefined && ASSURANCE_LEVELS.indexOf(held) >= ASSURANCE_LEVELS.indexOf(required);
}

/** A session opened by `signIn`'s method at its assurance level; call inside a transaction. */
export async function createSignInSession(
  sql: Sql,
  principalId: string,
  signIn: SignIn,
  options: { ttlSeconds: number },
): Promise<string> {
  if (!isAssuranceLevel(signIn.assurance) || !/^[a-z][a-z0-9:._-]{0,99}$/.test(signIn.method)) {
    throw new AccessError('access.invalidSignIn', 400, {
      ja: 'サインイン方法か保証レベルの指定が正しくありません。',
      en: 'The sign-in method or assurance level is invalid.',
    });
  }
  const token = await createSession(sql, principalId, options);
  await sql.run('update kiban_session set method = ?, assurance = ? where token_digest = ?', [
    signIn.method,
    signIn.assurance,
    digestToken(token),
  ]);
  return token;
}
