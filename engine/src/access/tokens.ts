import { createHash, randomBytes } from 'node:crypto';
import type { LocalizedMessage } from '../errors.ts';

/** Marks API tokens so that they can be told from session tokens, and spotted by secret scanners. */
export const API_TOKEN_PREFIX = 'kbn_';

/** 32 random bytes, base64url: the opaque secret handed to a client once. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of a token: its sha256, hex. */
export function digestToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Sessions and API tokens are only issued to a principal that exists and is enabled. */
export const NO_ACTIVE_PRINCIPAL: LocalizedMessage = {
  ja: '有効な利用者が見つかりません。',
  en: 'No active principal with this id.',
};
