import type { Sql } from '../data/sql.ts';
import { resolveApiToken } from './api-tokens.ts';
import type { Principal } from './principal-row.ts';
import { resolveSession } from './sessions.ts';
import { API_TOKEN_PREFIX } from './tokens.ts';

/** Longer than any token Kiban issues; anything bigger is not worth hashing. */
const MAX_TOKEN_LENGTH = 256;

/** The principal behind a bearer token of either kind; null when it names nothing usable. */
export async function resolveBearer(sql: Sql, token: string): Promise<Principal | null> {
  if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_LENGTH) return null;
  return token.startsWith(API_TOKEN_PREFIX) ? resolveApiToken(sql, token) : resolveSession(sql, token);
}
