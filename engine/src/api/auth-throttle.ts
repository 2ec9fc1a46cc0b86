import type { Context } from 'hono';
import { normalizeUsername, type ThrottleKey, type ThrottleRule } from '../access/index.ts';
import { clientAddress } from './client-origin.ts';
import type { ApiEnv } from './env.ts';
import { httpError, problemResponse } from './problem.ts';

/** Failed sign-ins per account: guessing one person's password. */
const LOGIN_ACCOUNT: ThrottleRule = {
  name: 'login-account',
  limit: 5,
  windowSeconds: 3600,
  lockSeconds: 30,
  maxLockSeconds: 900,
};
/** Failed sign-ins per address: trying one common password on many accounts. */
const LOGIN_ADDRESS: ThrottleRule = {
  name: 'login-address',
  limit: 50,
  windowSeconds: 3600,
  lockSeconds: 30,
  maxLockSeconds: 900,
};
/** Sign-ups per requested name: probing or squatting one name. */
const SIGNUP_ACCOUNT: ThrottleRule = {
  name: 'signup-account',
  limit: 3,
  windowSeconds: 3600,
  lockSeconds: 60,
  maxLockSeconds: 3600,
};
/** Sign-ups per address: mass account creation. */
const SIGNUP_ADDRESS: ThrottleRule = {
  name: 'signup-address',
  limit: 20,
  windowSeconds: 3600,
  lockSeconds: 60,
  maxLockSeconds: 3600,
};

export type AuthAction = 'login' | 'signup';

/** The keys one sign-in or sign-up attempt counts against; no address key when none is known. */
export function throttleKeys(c: Context<ApiEnv>, trustProxy: boolean, action: AuthAction, username: string) {
  const [account, address] = action === 'login' ? [LOGIN_ACCOUNT, LOGIN_ADDRESS] : [SIGNUP_ACCOUNT, SIGNUP_ADDRESS];
  const keys: ThrottleKey[] = [{ rule: account, subject: normalizeUsername(username) }];
  const from = clientAddress(c, trustProxy);
  if (from) keys.push({ rule: address, subject: from });
  return keys;
}

/** The 429 answer while a key is locked out, telling when to try again. */
export function tooManyAttempts(c: Context<ApiEnv>, seconds: number): Response {
  const minutes = Math.ceil(seconds / 60);
  const response = problemResponse(
    c,
    httpError(429, 'auth.tooManyAttempts', {
      ja: `試行回数が多すぎるため、一時的にロックされています。約${minutes}分後にもう一度お試しください。`,
      en: `Too many attempts: this is locked for now. Try again in about ${minutes} minute(s).`,
    }),
  );
  response.headers.set('retry-after', String(seconds));
  return response;
}
