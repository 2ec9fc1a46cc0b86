import { argon2id, hash, verify } from 'argon2';
import { AccessError } from './access-error.ts';

export const MIN_PASSWORD_LENGTH = 10;
/** argon2 pre-hashes any length, but an unbounded body is still a cheap way to burn CPU. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Hashes a new password with argon2id (salt and parameters travel inside the result). */
export async function hashPassword(password: string): Promise<string> {
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
