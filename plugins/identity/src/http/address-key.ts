import { clientAddress } from '@kiban/sdk';
import type { Context } from 'hono';
import { ADDRESS_FREE_FAILURES, type GuardKey } from '../methods/guard.ts';

/**
 * Failures from one client address, over every account and method: password spraying is locked
 * too. The address is the engine's (the socket's, or a trusted proxy's), never a header as sent.
 */
export function addressKey(c: Context): GuardKey {
  return { method: 'address', subject: clientAddress(c) ?? 'in-process', freeFailures: ADDRESS_FREE_FAILURES };
}
