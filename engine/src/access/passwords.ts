import { dictionary } from '@zxcvbn-ts/language-common';
import { argon2id, hash, verify } from 'argon2';
import { AccessError } from './access-error.ts';

export const MIN_PASSWORD_LENGTH = 10;
/** argon2 pre-hashes any length, but an unbounded body is still a cheap way to burn CPU. */
export const MAX_PASSWORD_LENGTH = 1024;

/**
 * Passwords seen most often in breach corpora, as the zxcvbn project keeps them. Compared
 * case-insensitively: `Password123` is guessed as early as `password123`.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary['passwords-common']);

/**
 * Refuses a password that is too short, too long, one of the common breached passwords, or
 * the username itself. Every way a password is set goes through here (sign-up, the
 * administrator, the CLI), so no account can end up with one of those.
 */
export function checkPasswordPolicy(password: string, username?: string): void {
  // Counted in code points so that a Japanese passphrase is measured as the user sees it.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new AccessError('access.passwordTooShort', 400, {
      ja: `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください。`,
      en: `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
    });
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw new AccessError('access.passwordTooLong', 400, {
      ja: `パスワードは${MAX_PASSWORD_LENGTH}文字以下にしてください。`,
      en: `The password must be at most ${MAX_PASSWORD_LENGTH} characters long.`,
    });
  }
  const folded = password.normalize('NFKC').toLowerCase();
  if (COMMON_PASSWORDS.has(folded) || (username !== undefined && folded === username.normalize('NFKC').toLowerCase())) {
    throw new AccessError('access.passwordTooCommon', 400, {
      ja: 'このパスワードはよく使われていて推測されやすいため使えません。別のパスワードにしてください。',
      en: 'This password is too common or too easy to guess; choose another one.',
    });
  }
}

/** Hashes a new password with argon2id (salt and parameters travel inside the result) once it passes the policy. */
export async function hashPassword(password: string, username?: string): Promise<string> {
  checkPasswordPolicy(password, username);
  return hash(password, { type: argon2id });
}

/** True when `password` matches `passwordHash`; a malformed stored hash never matches. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
